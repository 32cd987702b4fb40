"""At least 2 000 generated hostile and broken requests to the live REST channel (tests/robustness/hostile.py):
never a 5xx, every valid message answered in French, broken requests refused with a 400, no traceback or
error in the Rasa and action server logs, and a normal question answered correctly afterwards."""
from __future__ import annotations

import collections
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests
import yaml

from bot.adapters.training import ROOT
from tests.robustness.conftest import looks_french
from tests.robustness.hostile import EITHER, REFUSED, Case, HostileInputs
from tests.robustness.servers import LogWindow
from tests.support import Chat

SEED = int(os.environ.get("VAE_FUZZ_SEED", "7"))
COUNT = int(os.environ.get("VAE_FUZZ_COUNT", "2000"))
WORKERS = 8  # concurrent requests: enough to keep Rasa busy, few enough to leave the machine usable

_local = threading.local()


def send(url: str, case: Case) -> tuple[Case, int, object]:
    session = getattr(_local, "session", None) or requests.Session()
    _local.session = session
    reply = session.request(case.method, url, timeout=180, **case.request_kwargs())
    try:
        body = reply.json()
    except ValueError:
        body = reply.text
    return case, reply.status_code, body


def problem(case: Case, status: int, body: object) -> str | None:
    """Why this reply is wrong for this request, or None."""
    if status >= 500:
        return f"{status} (server error)"
    if case.expect == REFUSED:
        return None if 400 <= status < 500 else f"{status} instead of a refusal"
    if case.expect == EITHER and 400 <= status < 500:
        return None
    if status != 200:
        return f"{status} instead of an answer"
    texts = [m.get("text", "") for m in body] if isinstance(body, list) else []
    if not any(t.strip() for t in texts):
        return f"no answer: {body!r:.200}"
    odd = [t for t in texts if t and not looks_french(t)]
    return f"not French: {odd[0]!r:.200}" if odd else None


def test_the_french_check_accepts_every_response_of_the_domain():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    texts = [v["text"] for variants in domain["responses"].values() for v in variants if "text" in v]
    assert texts and all(looks_french(t) for t in texts), [t for t in texts if not looks_french(t)]
    assert not looks_french("Sorry, I did not get that.")


def test_generator_covers_every_family_and_is_reproducible():
    cases = HostileInputs(SEED).cases(COUNT)
    kinds = collections.Counter(c.kind.split(":")[1] for c in cases)
    for family in ("empty", "long", "control", "bidi", "emoji", "scripts", "html", "sql", "template", "command",
                   "unicode", "not_json", "wrong_shape", "wrong_types", "bad_sender", "content_type", "deep_json",
                   "encoding", "method", "huge_message", "huge_garbage"):
        assert kinds[family] >= 5, (family, kinds)
    assert len(cases) >= 2000
    assert [c.request_kwargs() for c in HostileInputs(SEED).cases(50)] == [c.request_kwargs() for c in cases[:50]]


def test_hostile_requests_never_break_the_bot(shared_bot):
    logs = {name: LogWindow(path) for name, path in shared_bot["logs"].items()}
    cases = HostileInputs(SEED).cases(COUNT)
    started = time.monotonic()
    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(lambda case: send(shared_bot["rest"], case), cases))
    elapsed = time.monotonic() - started
    statuses = collections.Counter(status for _, status, _ in results)
    print(f"\n{len(cases)} hostile requests (seed {SEED}) in {elapsed:.0f} s, {WORKERS} at a time: {dict(statuses)}")

    failures = [f"{case.kind} {case.request_kwargs()['data'][:120]!r}: {why}"
                for case, status, body in results if (why := problem(case, status, body))]
    assert not failures, f"{len(failures)} bad replies, e.g.:\n" + "\n".join(failures[:15])
    for name, window in logs.items():
        found = window.problems()
        assert not found, f"{len(found)} error(s) in the {name} server log, the first:\n{found[0]}"
    assert "OPCO" in Chat(shared_bot["rest"]).text("Comment est financée la VAE inversée ?")
