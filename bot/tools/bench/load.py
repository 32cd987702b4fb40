"""Simulated visitors over the REST channel: a small asyncio client (aiohttp, installed with Rasa).

Each visitor runs conversations one after the other (scenarios.conversation), each on a new sender id, as a
new visitor would; it waits for each answer before sending the next message. "saturation": no pause between
messages; "realistic": a random 2–6 s pause (reading, typing), and visitors arrive spread over the first
pause. When the level's time is up, visitors finish the message in flight and stop.
"""
from __future__ import annotations

import asyncio
import random
import sys
import time
from dataclasses import dataclass, field
from typing import Callable

import aiohttp

from bot.tools.bench.scenarios import conversation, on_script

SATURATION, REALISTIC = "saturation", "realistic"
MODES = (SATURATION, REALISTIC)
PAUSE_SECONDS = (2.0, 6.0)
REQUEST_TIMEOUT = 60.0
TECHNICAL_PROBLEM_MARK = "problème technique"  # bot.core.say.channel.TECHNICAL_PROBLEM: the dialogue failed


@dataclass
class LevelRun:
    """Raw outcome of one level: answered latencies, errors by kind, answers off script."""

    mode: str
    visitors: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    off_script: int = 0
    seconds: float = 0.0
    conversations: int = 0

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


async def _send(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> tuple[float, list[str] | str]:
    """(latency in ms, the answer's texts) or (latency, the kind of error)."""
    started = time.perf_counter()
    try:
        async with session.post(url, json={"sender": sender, "message": text}) as reply:
            body = await reply.json(content_type=None) if reply.status == 200 else None
            status = reply.status
    except asyncio.TimeoutError:
        return (time.perf_counter() - started) * 1000, "timeout"
    except (aiohttp.ClientError, ValueError) as error:
        return (time.perf_counter() - started) * 1000, type(error).__name__
    latency = (time.perf_counter() - started) * 1000
    if status != 200:
        return latency, f"HTTP {status}"
    texts = [m.get("text") or "" for m in body if isinstance(m, dict)] if isinstance(body, list) else []
    if not texts:
        return latency, "empty answer"
    if any(TECHNICAL_PROBLEM_MARK in t for t in texts):
        return latency, "technical problem answer"
    return latency, texts


async def run_level(url: str, visitors: int, mode: str, seconds: float, seed: int, tag: str,
                    progress: Callable[[LevelRun, float], None] | None = None) -> LevelRun:
    """Run `visitors` simulated visitors for `seconds` against the REST webhook `url`."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    run = LevelRun(mode, visitors)
    started = time.perf_counter()
    deadline = started + seconds
    last_answer = started

    async def visitor(index: int, session: aiohttp.ClientSession) -> None:
        nonlocal last_answer
        rng = random.Random(f"{seed}:{mode}:{visitors}:{index}")
        if mode == REALISTIC:
            await asyncio.sleep(rng.uniform(0, PAUSE_SECONDS[1]))
        number = 0
        while time.perf_counter() < deadline:
            sender = f"bench-{tag}-{mode[0]}{visitors}-{index}-{number}-{rng.getrandbits(24):06x}"
            for turn in conversation(rng):
                if time.perf_counter() >= deadline:
                    return
                latency, answer = await _send(session, url, sender, turn.message)
                last_answer = time.perf_counter()
                if isinstance(answer, str):
                    run.error(answer)
                else:
                    run.latencies_ms.append(latency)
                    if not on_script(turn, answer):
                        run.off_script += 1
                if mode == REALISTIC:
                    await asyncio.sleep(rng.uniform(*PAUSE_SECONDS))
            number += 1
            run.conversations += 1

    async def report() -> None:
        while True:
            await asyncio.sleep(1.0)
            if progress:
                progress(run, time.perf_counter() - started)

    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        reporter = asyncio.create_task(report())
        try:
            await asyncio.gather(*(visitor(i, session) for i in range(visitors)))
        finally:
            reporter.cancel()
    run.seconds = max(last_answer - started, 1e-9)
    return run


def run_level_sync(url: str, visitors: int, mode: str, seconds: float, seed: int, tag: str,
                   progress: Callable[[LevelRun, float], None] | None = None) -> LevelRun:
    return asyncio.run(run_level(url, visitors, mode, seconds, seed, tag, progress))


def console_progress(label: str, seconds: float) -> Callable[[LevelRun, float], None]:
    """A one-line progress display: rewritten in place on a terminal, a line every 10 s otherwise."""
    tty = sys.stdout.isatty()
    last_line = [0.0]

    def show(run: LevelRun, elapsed: float) -> None:
        done = len(run.latencies_ms)
        recent = sorted(run.latencies_ms[-200:])
        p50 = recent[len(recent) // 2] if recent else float("nan")
        line = (f"    {label:<34} {min(elapsed, seconds):5.0f}/{seconds:.0f} s  {done:6d} answers  "
                f"{done / max(elapsed, 1e-9):6.1f}/s  errors {run.error_count}  recent p50 {p50:7.1f} ms")
        if tty:
            print("\r" + line, end="", flush=True)
        elif elapsed - last_line[0] >= 10:
            last_line[0] = elapsed
            print(line, flush=True)

    return show


# --- whole conversations, each answered or retried once (tests/cluster/) --------------------------------------
@dataclass
class Conversation:
    """One visitor's conversation of a fixed length: what was sent, what came back, the retries."""

    sender: str
    turns: list
    answers: list = field(default_factory=list)  # per turn: the texts, or the error kind after the retry
    retried: list = field(default_factory=list)  # the turns' indexes that needed a retry, with the first error

    @property
    def completed(self) -> bool:
        return len(self.answers) == len(self.turns) and all(isinstance(a, list) for a in self.answers)

    @property
    def off_script(self) -> list[int]:
        return [i for i, (turn, answer) in enumerate(zip(self.turns, self.answers))
                if isinstance(answer, list) and not on_script(turn, answer)]


def fixed_conversation(rng: random.Random, turns: int) -> list:
    """A scenario conversation (scenarios.conversation) cut or padded with FAQ questions to `turns` turns. The
    padding asks what the visitor has not asked yet while it can: the same question again gets the short form of
    its answer (issue 34), which need not carry the words the turn expects."""
    from bot.tools.bench.scenarios import FAQ

    chosen = conversation(rng)[:turns]
    while len(chosen) < turns:
        fresh = [turn for turn in FAQ if turn not in chosen]
        chosen.append(rng.choice(fresh or FAQ))
    return chosen


async def run_conversations(url: str | Callable[[int], str], visitors: int, turns: int, seed: int, tag: str,
                            retries: int = 1, after_turn: Callable[[int], None] | None = None,
                            timeout: float = REQUEST_TIMEOUT) -> list[Conversation]:
    """`visitors` visitors at once, each one conversation of `turns` turns, no pause; a message that fails
    (connection error, HTTP error, timeout, "problème technique") is sent again up to `retries` times, as the
    widget does. `url` may depend on the visitor's index; `after_turn(answered_so_far)` is called after each
    answer (e.g. to kill a server mid-run); `timeout`: how long one message may take, in seconds."""
    answered = 0
    results = [Conversation(f"cluster-{tag}-{i}-{random.Random(f'{seed}:{i}').getrandbits(32):08x}",
                            fixed_conversation(random.Random(f"{seed}:{tag}:{i}"), turns)) for i in range(visitors)]

    async def visitor(index: int, session: aiohttp.ClientSession) -> None:
        nonlocal answered
        chat = results[index]
        target = url(index) if callable(url) else url
        for number, turn in enumerate(chat.turns):
            _, answer = await _send(session, target, chat.sender, turn.message)
            for attempt in range(retries):
                if not isinstance(answer, str):
                    break
                chat.retried.append((number, answer))
                await asyncio.sleep(0.5 * 2 ** attempt)  # backing off, as the widget does (2, 4, 8 s…)
                _, answer = await _send(session, target, chat.sender, turn.message)
            chat.answers.append(answer)
            answered += 1
            if after_turn:
                after_turn(answered)
            if isinstance(answer, str):
                return

    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        await asyncio.gather(*(visitor(i, session) for i in range(visitors)))
    return results
