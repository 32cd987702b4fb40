"""What happened in one conversation, read from its serialised Rasa events (pure, no Rasa import).

One pass over the events gives both the transcript shown to support agents and the figures the
conversation list filters on (outcome, "not understood", feedback…), so the two never disagree.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable

FORM_NAME = "eligibility_form"
FALLBACK_INTENT = "nlu_fallback"
FALLBACK_ACTIONS = frozenset({"utter_default", "action_default_fallback"})
LOW_CONFIDENCE = 0.5
# Actions every turn runs, left out of transcripts.
ROUTINE_ACTIONS = frozenset({"action_listen", "action_session_start"})
# Slots that are bookkeeping, not something a visitor said.
INTERNAL_SLOTS = frozenset({"requested_slot", "form_failures", "skipped_slots", "feedback", "session_started_metadata"})

ELIGIBLE = "eligible"
NOT_ELIGIBLE = "not_eligible"
UNDETERMINED = "undetermined"
ABANDONED = "abandoned"
NO_FORM = "no_form"
OUTCOMES = (ELIGIBLE, NOT_ELIGIBLE, UNDETERMINED, ABANDONED, NO_FORM)

USER, BOT, ACTION, SLOT, FORM, SESSION = "user", "bot", "action", "slot", "form", "session"


@dataclass
class Entry:
    """One line of a transcript.

    kind: user, bot, action, slot, form (a form starts or stops) or session (a new session starts).
    name: the intent of a user message, the action, slot or form name.
    """

    kind: str
    timestamp: float | None
    text: str = ""
    name: str | None = None
    value: Any = None
    confidence: float | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    buttons: list[str] = field(default_factory=list)
    misunderstood: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if value not in (None, [], "", False)}


@dataclass
class Conversation:
    """A conversation: its transcript and what the review filters on."""

    sender_id: str
    entries: list[Entry] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    last_known: dict[str, Any] = field(default_factory=dict)  # last non-empty value of each slot
    channel: str | None = None
    started_at: float | None = None
    last_event_at: float | None = None
    form_started: bool = False
    last_requested_slot: str | None = None

    @property
    def user_messages(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.kind == USER]

    @property
    def bot_messages(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.kind == BOT]

    @property
    def misunderstood(self) -> list[Entry]:
        return [entry for entry in self.user_messages if entry.misunderstood]

    @property
    def verdict(self) -> dict[str, Any] | None:
        """The last verdict given, even if "recommencer" cleared the slot afterwards."""
        verdict = self.last_known.get("verdict")
        return verdict if isinstance(verdict, dict) else None

    @property
    def outcome(self) -> str:
        verdict = self.verdict
        if verdict is not None:
            eligible = verdict.get("eligible")
            return ELIGIBLE if eligible is True else NOT_ELIGIBLE if eligible is False else UNDETERMINED
        return ABANDONED if self.form_started else NO_FORM

    @property
    def dropped_slot(self) -> str | None:
        """The question the visitor left the form on, when they never got a verdict."""
        return self.last_requested_slot if self.outcome == ABANDONED else None

    @property
    def role(self) -> str | None:
        return _as_text(self.last_known.get("role"))

    @property
    def sector(self) -> str | None:
        from_verdict = (self.verdict or {}).get("sector")
        return _as_text(from_verdict or self.last_known.get("sector"))

    @property
    def feedback(self) -> list[dict[str, Any]]:
        value = self.slots.get("feedback") or self.last_known.get("feedback") or []
        return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []

    def feedback_count(self, value: str) -> int:
        return sum(1 for item in self.feedback if item.get("value") == value)

    def intent_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for message in self.user_messages:
            if message.name:
                counts[message.name] = counts.get(message.name, 0) + 1
        return counts


def _as_text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _user_entry(event: dict[str, Any]) -> Entry:
    parse_data = event.get("parse_data") or {}
    intent = parse_data.get("intent") or {}
    confidence = intent.get("confidence")
    name = intent.get("name")
    return Entry(
        kind=USER,
        timestamp=event.get("timestamp"),
        text=event.get("text") or "",
        name=name,
        confidence=confidence,
        entities=[
            {"entity": e.get("entity"), "value": e.get("value")}
            for e in parse_data.get("entities") or [] if isinstance(e, dict)
        ],
        misunderstood=name == FALLBACK_INTENT or (confidence is not None and confidence < LOW_CONFIDENCE),
    )


def _bot_entry(event: dict[str, Any]) -> Entry:
    buttons = (event.get("data") or {}).get("buttons") or []
    return Entry(
        kind=BOT, timestamp=event.get("timestamp"), text=event.get("text") or "",
        name=(event.get("metadata") or {}).get("utter_action"),
        buttons=[b.get("title", "") for b in buttons if isinstance(b, dict)],
    )


class _Reader:
    """Folds events into a Conversation; each handler takes one event type."""

    def __init__(self, sender_id: str):
        self.conversation = Conversation(sender_id)
        self.last_user: Entry | None = None

    def read(self, event: dict[str, Any]) -> None:
        conversation = self.conversation
        timestamp = event.get("timestamp")
        if timestamp is not None:
            conversation.started_at = conversation.started_at if conversation.started_at is not None else timestamp
            conversation.last_event_at = timestamp
        handler = getattr(self, "_on_" + str(event.get("event")), None)
        if handler:
            handler(event)

    def _on_user(self, event: dict[str, Any]) -> None:
        entry = _user_entry(event)
        self.conversation.entries.append(entry)
        self.conversation.channel = self.conversation.channel or event.get("input_channel")
        self.last_user = entry

    def _on_bot(self, event: dict[str, Any]) -> None:
        entry = _bot_entry(event)
        if entry.name in FALLBACK_ACTIONS and self.last_user is not None:  # a custom action said utter_default
            self.last_user.misunderstood = True
        self.conversation.entries.append(entry)

    def _on_action(self, event: dict[str, Any]) -> None:
        name = event.get("name")
        if name in FALLBACK_ACTIONS and self.last_user is not None:
            self.last_user.misunderstood = True
        if name and name not in ROUTINE_ACTIONS:
            self.conversation.entries.append(Entry(kind=ACTION, timestamp=event.get("timestamp"), name=name))

    def _on_slot(self, event: dict[str, Any]) -> None:
        name, value = event.get("name"), event.get("value")
        conversation = self.conversation
        conversation.slots[name] = value
        if value not in (None, "", [], {}):
            conversation.last_known[name] = value
        if name == "requested_slot" and conversation.form_started and value:
            conversation.last_requested_slot = value
        if name not in INTERNAL_SLOTS:
            conversation.entries.append(Entry(kind=SLOT, timestamp=event.get("timestamp"), name=name, value=value))

    def _on_active_loop(self, event: dict[str, Any]) -> None:
        name = event.get("name")
        if name == FORM_NAME:
            self.conversation.form_started = True
        self.conversation.entries.append(Entry(kind=FORM, timestamp=event.get("timestamp"), name=name))

    def _on_session_started(self, event: dict[str, Any]) -> None:
        self.conversation.entries.append(Entry(kind=SESSION, timestamp=event.get("timestamp")))

    def _on_restart(self, event: dict[str, Any]) -> None:
        self.conversation.slots.clear()

    _on_reset_slots = _on_restart


def read_conversation(sender_id: str, events: Iterable[dict[str, Any]]) -> Conversation:
    """Build the Conversation of `sender_id` from its events, oldest first."""
    reader = _Reader(sender_id)
    for event in events:
        reader.read(event)
    return reader.conversation


def search_key(text: str) -> str:
    """Lower case without accents, so that "eligible" finds "éligible"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
