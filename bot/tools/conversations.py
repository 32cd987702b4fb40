"""Whole conversations run in-process against the trained model and the real actions, and checked.

`python -m bot eval` measures the held-out conversations (tests/conversations/heldout.yml, written before the
reading layer of issue 33 changed and never used to tune it): each visitor's messages go through Rasa's Agent
with the project's model, and the custom actions run in the same process through rasa_sdk's ActionExecutor
(no HTTP, no server), so a hundred conversations take about a minute. Each conversation is then checked:

- its expectations: the outcome (the eligibility verdict or the employer's plan was given), the role, slot values
  at the end, and optional patterns one bot message must match;
- the dialogue's invariants, whatever the expectations: no "je n'ai pas compris" fallback, the bot never gives
  the same reply twice in a row, and never asks the same question more than three times.

A conversation passes when every check holds; the first failed check is reported.
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

import yaml

from bot.adapters.training import ROOT
from bot.core.say.typography import untypeset
from bot.core.status import REFERENCE_DATE_ENV

HELDOUT_CONVERSATIONS = ROOT / "tests" / "conversations" / "heldout.yml"
# The date the held-out conversations were written for: ages from birth dates, the experimentation's status.
DEFAULT_TODAY = date(2026, 12, 5)
OUTCOME_ACTIONS = {"verdict": "action_eligibility_verdict", "plan": "action_employer_plan"}
FALLBACK_ACTIONS = {"utter_default", "action_default_fallback"}
MAX_ASKS = 3


@dataclass(frozen=True)
class Conversation:
    """One visitor's messages and what must be true at the end (see tests/conversations/heldout.yml)."""

    id: str
    turns: tuple[str, ...]
    register: str = ""
    outcome: str | None = None  # "verdict", "plan", or None/"none": nothing required
    role: str | None = None
    slots: dict[str, Any] = field(default_factory=dict)
    said: tuple[str, ...] = ()
    allow_fallback: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Conversation":
        expect = data.get("expect") or {}
        outcome = expect.get("outcome")
        if outcome not in (None, "none", *OUTCOME_ACTIONS):
            raise ValueError(f"{data.get('id')}: unknown outcome {outcome!r}")
        turns = tuple(str(turn) for turn in data.get("turns") or ())
        if not data.get("id") or not turns:
            raise ValueError(f"a conversation needs an id and turns: {data!r}")
        return cls(id=str(data["id"]), turns=turns, register=str(data.get("register") or ""),
                   outcome=None if outcome == "none" else outcome, role=expect.get("role"),
                   slots=dict(expect.get("slots") or {}), said=tuple(expect.get("said") or ()),
                   allow_fallback=bool(expect.get("allow_fallback")))


@dataclass
class Transcript:
    """What happened: the bot's replies to each visitor message, the actions run, the slots at the end."""

    replies: list[list[str]] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)


def load_conversations(path: Path = HELDOUT_CONVERSATIONS) -> list[Conversation]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    conversations = [Conversation.from_dict(item) for item in data.get("conversations") or []]
    duplicated = [name for name, count in Counter(c.id for c in conversations).items() if count > 1]
    if duplicated:
        raise ValueError(f"duplicated conversation ids: {', '.join(duplicated)}")
    return conversations


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        try:
            return abs(float(actual) - float(expected)) < 0.05
        except (TypeError, ValueError):
            return False
    return expected == actual


def _is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def check(conversation: Conversation, transcript: Transcript) -> list[str]:
    """Every broken expectation or invariant of `conversation` in `transcript`, in a few words each."""
    problems: list[str] = []
    if conversation.outcome and OUTCOME_ACTIONS[conversation.outcome] not in transcript.actions:
        problems.append(f"no {conversation.outcome}")
    if conversation.role and transcript.slots.get("role") != conversation.role:
        problems.append(f"role {transcript.slots.get('role')!r}, expected {conversation.role!r}")
    for slot, expected in conversation.slots.items():
        if not _same(expected, transcript.slots.get(slot)):
            problems.append(f"{slot} {transcript.slots.get(slot)!r}, expected {expected!r}")
    # Patterns are typed with ordinary spaces: "9 000" matches the reply's "9 000" with its no-break space.
    texts = [untypeset(text) for reply in transcript.replies for text in reply]
    for pattern in conversation.said:
        if not any(re.search(pattern, text, re.IGNORECASE) for text in texts):
            problems.append(f"nothing said matches {pattern!r}")
    problems.extend(invariant_breaches(transcript, conversation.allow_fallback))
    return problems


def invariant_breaches(transcript: Transcript, allow_fallback: bool = False) -> list[str]:
    """The dialogue's invariants: no fallback, never the same reply twice in a row, no question asked more than
    three times."""
    problems = []
    if not allow_fallback and FALLBACK_ACTIONS & set(transcript.actions):
        problems.append("fallback")
    for turn, (before, after) in enumerate(zip(transcript.replies, transcript.replies[1:]), start=2):
        if after and after == before:
            problems.append(f"same reply twice in a row (turn {turn})")
            break
    asked = Counter(text for reply in transcript.replies for text in reply if _is_question(text))
    repeated = [text for text, count in asked.items() if count > MAX_ASKS]
    if repeated:
        problems.append(f"asked more than {MAX_ASKS} times: {repeated[0][:60]!r}")
    return problems


class ConversationRunner:
    """The trained model and the project's actions in this process; `run` plays one visitor's messages."""

    def __init__(self, model: Path, today: date = DEFAULT_TODAY):
        from rasa.core.agent import Agent
        from rasa.utils.endpoints import read_endpoint_config

        from bot.adapters import speedups

        speedups.apply(serving=True)
        self.today = today
        # The product's response generator (typography), as the server reads it from endpoints.yml.
        generator = read_endpoint_config(str(ROOT / "endpoints.yml"), "nlg")
        self.agent = Agent.load(str(model), action_endpoint=in_process_actions(), generator=generator)

    async def run(self, conversation: Conversation) -> Transcript:
        sender = f"heldout-{conversation.id}-{uuid.uuid4().hex[:8]}"
        transcript = Transcript()
        before = os.environ.get(REFERENCE_DATE_ENV)
        os.environ[REFERENCE_DATE_ENV] = self.today.isoformat()  # read by the actions at each call
        try:
            for text in conversation.turns:
                messages = await self.agent.handle_text(text, sender_id=sender) or []
                transcript.replies.append([m.get("text") or "" for m in messages if m.get("text")])
        finally:
            if before is None:
                os.environ.pop(REFERENCE_DATE_ENV, None)
            else:
                os.environ[REFERENCE_DATE_ENV] = before
        tracker = await self.agent.tracker_store.retrieve(sender)
        transcript.actions = [event.action_name for event in tracker.events
                              if getattr(event, "type_name", "") == "action" and event.action_name]
        transcript.slots = {name: slot.value for name, slot in tracker.slots.items()}
        return transcript


def in_process_actions():
    """An action endpoint that runs the project's rasa_sdk actions in this process: the request Rasa would post to
    the action server goes to rasa_sdk's ActionExecutor, through JSON as over HTTP, and a rejected action is
    raised the way Rasa raises it from the server's answer."""
    from rasa.core.actions.action import ActionExecutionRejection
    from rasa.utils.endpoints import EndpointConfig
    from rasa_sdk.executor import ActionExecutor
    from rasa_sdk.interfaces import ActionExecutionRejection as Rejected

    class InProcessActions(EndpointConfig):
        def __init__(self) -> None:
            super().__init__(url="in-process://actions")
            self.executor = ActionExecutor()
            self.executor.register_package("actions")

        async def request(self, method: str = "post", subpath: str | None = None,
                          content_type: str | None = "application/json", compress: bool = False,
                          **kwargs: Any) -> Any:
            call = json.loads(json.dumps(kwargs.get("json")))
            try:
                answer = await self.executor.run(call)
            except Rejected as rejected:
                raise ActionExecutionRejection(rejected.action_name, rejected.message) from None
            return json.loads(json.dumps(answer))

    return InProcessActions()


def measure(model: Path, conversations: Iterable[Conversation], out: Path | None = None) -> dict[str, Any]:
    """Run and check every conversation; the pass rate, per register too, and the failures (into `out`)."""
    conversations = list(conversations)
    runner = ConversationRunner(model)

    async def run_all() -> list[tuple[Conversation, Transcript]]:
        return [(c, await runner.run(c)) for c in conversations]

    results = asyncio.run(run_all())
    failures = []
    by_register: dict[str, list[bool]] = {}
    for conversation, transcript in results:
        problems = check(conversation, transcript)
        by_register.setdefault(conversation.register or "-", []).append(not problems)
        if problems:
            failures.append({"id": conversation.id, "problems": problems, "turns": list(conversation.turns),
                             "replies": transcript.replies})
    passed = len(results) - len(failures)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "conversation_failures.json").write_text(json.dumps(failures, ensure_ascii=False, indent=1))
    return {"conversations_pass_rate": round(passed / len(results), 4) if results else 0.0,
            "conversations": len(results),
            "conversations_by_register": {name: f"{sum(ok)}/{len(ok)}" for name, ok in sorted(by_register.items())}}
