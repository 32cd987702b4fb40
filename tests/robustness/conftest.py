"""The robustness suite's shared bot: real servers on free ports, a SQLite store, the HTTP API off (the
default). Modules that kill, restart or cut off servers start their own (test_faults, test_store_outage)."""
from __future__ import annotations

import re

import pytest

from tests.robustness.servers import bot_servers

FRENCH_WORDS = {"vous", "votre", "vos", "je", "de", "des", "du", "la", "le", "les", "une", "un", "est", "pour",
                "et", "pas", "en", "ou", "sur", "qui", "que", "avec", "quel", "quelle"}


def looks_french(text: str) -> bool:
    """A bot text in French: common French words, and no trace of a crash or an empty value."""
    words = set(re.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", text.lower()))
    return bool(words & FRENCH_WORDS) and not any(s in text for s in ("Traceback", "None", "Exception"))


@pytest.fixture(scope="package")
def shared_bot(tmp_path_factory):
    with bot_servers(tmp_path_factory.mktemp("shared-bot")) as servers:
        yield servers
