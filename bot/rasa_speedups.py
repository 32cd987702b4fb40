"""`python -m bot.rasa_speedups run …`: Rasa's own command line, with two of its per-message costs removed.

Profiling the Rasa server under load (py-spy, `make bench`) showed work that gives the same result every time:
- each answer of the action server is checked against Rasa's response schema with `jsonschema.validate`, which
  first re-checks the schema itself against the JSON-Schema meta-schema: about a sixth of the server's CPU per
  message. The schema is a constant, so it is checked once and its validator reused; every answer is still
  validated, with the same error (best match) when it is invalid;
- reading a stored event walks every Event subclass to find its type (`Event.resolve_by_type`); the classes
  found are remembered (a type not found yet still takes the original path).
Nothing else changes: NLU, policies, dialogue state and the stores work as in stock Rasa. bot/serve.py starts
the Rasa server through this module.
"""
from __future__ import annotations

import sys
from typing import Any

_applied = False


def cached_action_result_validation() -> None:
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    original = RemoteAction._validate_action_result
    validators: dict[type, Any] = {}

    def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        validator = validators.get(type(self))
        if validator is None:
            schema = self.action_response_format_spec()
            cls = validator_for(schema)
            cls.check_schema(schema)
            validator = validators[type(self)] = cls(schema)
        error = best_match(validator.iter_errors(result))
        if error is None:
            return True
        return original(self, result)  # invalid: the stock path raises the stock error

    RemoteAction._validate_action_result = validate_action_result


def cached_event_types() -> None:
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type.__func__ if hasattr(Event.resolve_by_type, "__func__") else Event.resolve_by_type
    known: dict[str, type] = {}

    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        found = known.get(type_name)
        if found is not None:
            return found
        resolved = original(type_name, default)
        if resolved is not None and resolved is not default:
            known[type_name] = resolved
        return resolved

    Event.resolve_by_type = staticmethod(resolve_by_type)


def apply() -> None:
    """Install the speed-ups in this process (idempotent); Sanic's forked workers inherit them."""
    global _applied
    if _applied:
        return
    cached_action_result_validation()
    cached_event_types()
    _applied = True


def main() -> None:
    apply()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
