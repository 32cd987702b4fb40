"""Make the project importable from the tests (bot/ and actions/)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
