"""The functional core stays plain Python: no Rasa import, directly or through its imports."""

from __future__ import annotations

import subprocess
import sys

CORE = ("bot.knowledge", "bot.status", "bot.eligibility", "bot.funding", "bot.parsing", "bot.wording", "bot.employer",
        "bot.intents")


def test_core_imports_no_rasa():
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in CORE)
        + "print(sorted({m.split('.')[0] for m in sys.modules} & {'rasa', 'rasa_sdk'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
