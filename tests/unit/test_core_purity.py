"""The functional core stays plain Python: no Rasa import, directly or through its imports."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import bot.core

# Every module of the core floor (found, not listed, so a new module is checked too), and the intent classifier,
# which the NLU adapter wraps but which knows nothing of Rasa.
CORE = tuple(sorted({"bot.core", *(m.name for m in pkgutil.walk_packages(bot.core.__path__, "bot.core."))}
                    | {"bot.adapters.intents"}))


def test_core_imports_no_rasa():
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in CORE)
        + "print(sorted({m.split('.')[0] for m in sys.modules} & {'rasa', 'rasa_sdk'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_core_lists_every_floor_module():
    for module in ("bot.core.knowledge", "bot.core.read", "bot.core.say", "bot.core.eligibility",
                   "bot.core.employer", "bot.core.funding", "bot.core.status"):
        assert module in CORE
