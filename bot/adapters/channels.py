"""A REST channel that never answers a visitor with a 500 or with silence.

Rasa's stock REST channel answers 500 to a body such as `[]` and says nothing when a message is empty or
when the dialogue fails. This one checks the body first (a clean 400 with a French explanation), answers
empty and over-long messages itself, and replaces silence with a polite message (the French sentences are in
`bot.core.say.channel`).
Loaded by Rasa from credentials.yml (`bot.adapters.channels.SafeRestInput`); the URL stays /webhooks/rest/webhook.

Visitors cannot type Rasa's internal syntax: Rasa reads a message starting with "/" (`/restart`,
`/inform{"age": 200}`) as an intent with entities, skipping the NLU, so a visitor could restart the
conversation or hand the form an unchecked value. Our buttons send plain French sentences, so a leading "/"
only ever comes from a typing visitor: the message is kept as typed but handed to the dialogue as not
understood (`nlu_fallback`), like any gibberish; an active form still validates it as an answer. Removing
the "/" would not do: the NLU reads "restart" as "recommencer". A message holding HTML tags ("<script>…",
"<img onerror=…>") is handled the same way: the widget sends plain text, so tags come from someone testing the
site, and the model, which has seen no markup, took them for an insult. So is another code probe (SQL
injection, "../../etc/passwd", "{{7*7}}", "${jndi:…}", "javascript:…"; see `CODE_PROBE`). The socket.io channel
(`SafeSocketIOInput`) applies the same rules.

Each answer carries the `timestamp` of its event in the conversation: the web widget sends it back with a
👍/👎. Two more routes serve the widget:
- POST /webhooks/rest/feedback {"sender", "timestamp" (or "message_id" of the visitor's message), "value":
  "up"|"down"} records the opinion in the slot `feedback` of the conversation (one entry per answer);
- DELETE /webhooks/rest/conversations/<sender> erases the visitor's conversation from the tracker store.
"""
from __future__ import annotations

import logging
import re
import unicodedata
import uuid
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore, TrackerStore
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.core.say.channel import (
    BAD_CONVERSATION_ID,
    BAD_FEEDBACK,
    BAD_REQUEST,
    CANNOT_ERASE,
    EMPTY_MESSAGE,
    ERASE_LATER,
    TECHNICAL_PROBLEM,
    UNKNOWN_ANSWER,
    UNKNOWN_CONVERSATION,
    too_long_message,
)

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 1000
MAX_SENDER_CHARS = 128

TOO_LONG_MESSAGE = too_long_message(MAX_MESSAGE_CHARS)
FEEDBACK_SLOT = "feedback"
FEEDBACK_VALUES = ("up", "down")
FEEDBACK_TEXT_CHARS = 200
INTENT_PREFIX = "/"  # rasa.shared.constants.INTENT_MESSAGE_PREFIX
NOT_UNDERSTOOD = "nlu_fallback"
# An opening or closing tag: "<b>", "</script>", "<img src=x onerror=…>", "<svg/onload=…>"; not "<3", "<26 ans"
# nor "a < b > c".
HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*([\s/][^<>]*)?>")
# Other probes typed by someone testing the site, never by a visitor: SQL injection, path traversal, template or
# lookup injection, script URLs. The NLU read "'; DROP TABLE events; --" as an insult, "admin'--" as a wish to
# check one's eligibility (the form started) and "../../etc/passwd" as a sigh. Written so that French text does
# not match: straight quotes only, English SQL keywords, "javascript:" glued to what follows (not "javascript :").
CODE_PROBE = re.compile(
    r"""
    ;\s*(drop|delete|truncate|alter|insert|update|select|exec)\b   # a second SQL statement
    | \bdrop\s+table\b | \bunion\s+(all\s+)?select\b | \bselect\s+[\w*,\s]+?\s+from\s+\w
    | '\s*(or|and)\s+'?\w+'?\s*=\s*'?\w                           # ' OR '1'='1
    | \w'\s*(--|\#|/\*)                                          # admin'--
    | (\.\.[/\\]){2,}                                             # ../../etc/passwd
    | \{\{.*\}\} | \$\{.*\} | <%.*%>                                # {{7*7}}, ${jndi:…}, <%= … %>
    | \bjavascript:\S
    """,
    re.IGNORECASE | re.VERBOSE,
)


def clean_text(text: str) -> str:
    """Normalise a visitor's text: NFC, no control or bidi-override characters, trimmed."""
    text = unicodedata.normalize("NFC", text)
    kept = (ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    return "".join(kept).strip()


def not_for_the_nlu(text: str) -> dict | None:
    """For a (cleaned) message in Rasa's `/intent{entities}` syntax, holding HTML tags or another code probe, the
    parse the dialogue gets instead of Rasa's: not understood, no entity. None for an ordinary message, which goes
    through the NLU."""
    if not (text.startswith(INTENT_PREFIX) or HTML_TAG.search(text) or CODE_PROBE.search(text)):
        return None
    intent = {"name": NOT_UNDERSTOOD, "confidence": 1.0}
    return {"text": text, "intent": intent, "entities": [], "intent_ranking": [intent]}


def visitor_message(text: str, output: Any, sender: str, channel: str, metadata: dict | None) -> UserMessage:
    """The message handed to Rasa; `text` is already cleaned (see `clean_text`)."""
    return UserMessage(text, output, sender, input_channel=channel, metadata=metadata,
                       parse_data=not_for_the_nlu(text))


def valid_sender(sender: Any) -> bool:
    return isinstance(sender, str) and bool(sender.strip()) and len(sender) <= MAX_SENDER_CHARS


def parse_body(body: Any) -> tuple[str, str] | str:
    """Return (sender, message) from a REST body, or the reason it is not acceptable."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    sender, message = body.get("sender"), body.get("message")
    if not valid_sender(sender):
        return "'sender' must be a non-empty string of at most 128 characters"
    if message is None:
        message = ""
    if not isinstance(message, str):
        return "'message' must be a string"
    return sender.strip(), message


def parse_feedback(body: Any) -> tuple[str, float | str, str] | str:
    """Return (sender, bot message timestamp or visitor message id, value), or the reason it is not acceptable."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    sender, value = body.get("sender"), body.get("value")
    if not valid_sender(sender):
        return "'sender' must be a non-empty string of at most 128 characters"
    if value not in FEEDBACK_VALUES:
        return "'value' must be \"up\" or \"down\""
    timestamp, message_id = body.get("timestamp", body.get("ts")), body.get("message_id")
    if isinstance(timestamp, (int, float)) and not isinstance(timestamp, bool) and timestamp > 0:
        return sender.strip(), float(timestamp), value
    if isinstance(message_id, str) and message_id.strip() and len(message_id) <= MAX_SENDER_CHARS:
        return sender.strip(), message_id.strip(), value
    return "give the answer's 'timestamp' (a number) or the 'message_id' of the message it answered"


def bot_says(sender: str, text: str) -> HTTPResponse:
    return response.json([{"recipient_id": sender, "text": text}])


def latest_answers(tracker: DialogueStateTracker) -> list[BotUttered]:
    """The bot events after the visitor's latest message, in order."""
    answers: list[BotUttered] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            answers.append(event)
    return answers[::-1]


def with_timestamps(messages: list[dict], answers: list[BotUttered]) -> list[dict]:
    """Give each collected message the timestamp of its bot event: paired in order, else by text.

    The texts may differ when the store masks personal data, hence the pairing by position first.
    """
    if len(messages) == len(answers):
        return [{**message, "timestamp": event.timestamp} for message, event in zip(messages, answers)]
    stamped, remaining = [], list(answers)
    for message in messages:
        match = next((e for e in remaining if e.text == message.get("text")), None)
        if match is None:
            stamped.append(message)
            continue
        remaining = remaining[remaining.index(match) + 1:]
        stamped.append({**message, "timestamp": match.timestamp})
    return stamped


def find_answer(tracker: DialogueStateTracker, key: float | str) -> BotUttered | None:
    """The bot message with this timestamp, or the first answer to the visitor message with this id."""
    if isinstance(key, float):
        return next(
            (e for e in tracker.events if isinstance(e, BotUttered) and abs(e.timestamp - key) < 1e-6), None
        )
    answered = False
    for event in tracker.events:
        if isinstance(event, UserUttered) and event.message_id == key:
            answered = True
        elif answered and isinstance(event, BotUttered):
            return event
    return None


def with_feedback(previous: Any, answer: BotUttered, value: str) -> list[dict]:
    """All feedback so far, with this answer's opinion replacing any earlier one on the same answer."""
    entries = [e for e in (previous if isinstance(previous, list) else [])
               if not (isinstance(e, dict) and e.get("ts") == answer.timestamp)]
    return entries + [{"ts": answer.timestamp, "value": value, "text": (answer.text or "")[:FEEDBACK_TEXT_CHARS]}]


def unwrap_store(store: TrackerStore) -> TrackerStore:
    """The store that really holds the events, under Rasa's fail-safe and awaitable wrappers."""
    seen = set()
    while id(store) not in seen:
        seen.add(id(store))
        inner = getattr(store, "inner_tracker_store", None) or getattr(store, "_tracker_store", None)
        if inner is None:
            break
        store = inner
    return store


async def erase_from_store(store: TrackerStore, sender: str) -> bool:
    """Delete every event of `sender`; False when the store is of a kind we cannot erase from."""
    store = unwrap_store(store)
    erase = getattr(store, "erase", None)
    if callable(erase):  # bot.adapters.store's RedactingTrackerStore: also drops the review summary and notes
        await erase(sender)
        return True
    if isinstance(store, SQLTrackerStore):
        with store.session_scope() as session:
            session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender).delete(
                synchronize_session=False
            )
            session.commit()
        return True
    if isinstance(store, InMemoryTrackerStore):
        store.store.pop(sender, None)
        return True
    return False


class StampingCollector(CollectingOutputChannel):
    """Collects the answers with the timestamp of the bot event each one comes from.

    Rasa sends every answer from its BotUttered event (`BotUttered.message()` carries the event's timestamp),
    so the channel needs no second read of the conversation from the store after each message.
    """

    def __init__(self) -> None:
        super().__init__()
        self._timestamp: float | None = None

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self._timestamp = message.get("timestamp")
        try:
            await super().send_response(recipient_id, message)
        finally:
            self._timestamp = None

    async def _persist_message(self, message: dict[str, Any]) -> None:
        if isinstance(self._timestamp, (int, float)):
            message = {**message, "timestamp": self._timestamp}
        await super()._persist_message(message)


class SafeRestInput(RestInput):
    """REST channel with input checks; see the module docstring."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:  # sanic raises on a body that is not JSON
                body = None
            parsed = parse_body(body)
            if isinstance(parsed, str):
                return response.json({"error": BAD_REQUEST, "detail": parsed}, status=400)
            sender, raw = parsed
            if len(raw) > MAX_MESSAGE_CHARS:
                return bot_says(sender, TOO_LONG_MESSAGE)
            text = clean_text(raw)
            if not text:
                return bot_says(sender, EMPTY_MESSAGE)

            collector = StampingCollector()
            metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else None
            try:
                await on_new_message(visitor_message(text, collector, sender, self.name(), metadata))
            except Exception:
                logger.exception("rest channel: the dialogue failed for sender %s", sender)
            if not collector.messages:
                logger.error("rest channel: no answer produced for sender %s", sender)
                return bot_says(sender, TECHNICAL_PROBLEM)
            if all("timestamp" in message for message in collector.messages):  # no second read of the store
                return response.json(collector.messages)
            return response.json(await self.stamped(request, sender, collector.messages))

        @webhook.route("/feedback", methods=["POST"])
        async def feedback(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:
                body = None
            parsed = parse_feedback(body)
            if isinstance(parsed, str):
                return response.json({"error": BAD_FEEDBACK, "detail": parsed}, status=400)
            sender, key, value = parsed
            agent = request.app.ctx.agent
            async with agent.lock_store.lock(sender):
                # retrieve() holds the latest session only: save() relies on that to add just the new event
                tracker = await agent.tracker_store.retrieve(sender)
                if tracker is None:
                    return response.json({"error": UNKNOWN_CONVERSATION}, status=404)
                answer = find_answer(tracker, key)
                if answer is None:
                    full = await agent.tracker_store.retrieve_full_tracker(sender)
                    answer = find_answer(full, key) if full else None
                if answer is None:
                    return response.json({"error": UNKNOWN_ANSWER}, status=404)
                entries = with_feedback(tracker.get_slot(FEEDBACK_SLOT), answer, value)
                tracker.update(SlotSet(FEEDBACK_SLOT, entries))
                await agent.tracker_store.save(tracker)
            logger.info("rest channel: feedback %s from sender %s", value, sender)
            return response.json({"status": "ok", "feedback": entries[-1]})

        @webhook.route("/conversations/<sender>", methods=["DELETE"])
        async def erase(request: Request, sender: str) -> HTTPResponse:
            if not valid_sender(sender):
                return response.json({"error": BAD_CONVERSATION_ID}, status=400)
            agent = request.app.ctx.agent
            async with agent.lock_store.lock(sender):
                try:
                    erased = await erase_from_store(agent.tracker_store, sender)
                except Exception:  # the database is unreachable: say so, the widget can ask again later
                    logger.exception("rest channel: erasing the conversation of sender %s failed", sender)
                    return response.json({"error": ERASE_LATER}, status=503)
            if not erased:
                logger.error("rest channel: cannot erase from a %s", type(unwrap_store(agent.tracker_store)).__name__)
                return response.json({"error": CANNOT_ERASE}, status=501)
            logger.info("rest channel: conversation of sender %s erased", sender)
            return response.empty(status=204)

        return webhook

    @staticmethod
    async def stamped(request: Request, sender: str, messages: list[dict]) -> list[dict]:
        """The answers with their timestamps; unchanged if the conversation cannot be read."""
        agent = getattr(request.app.ctx, "agent", None)
        if agent is None:
            return messages
        try:
            tracker = await agent.tracker_store.retrieve(sender)
        except Exception:
            logger.exception("rest channel: cannot read the conversation of sender %s", sender)
            return messages
        return with_timestamps(messages, latest_answers(tracker)) if tracker else messages


class CountingSocketIOOutput(SocketIOOutput):
    """Rasa's socket.io output that counts what it sends, so that silence can be noticed."""

    def __init__(self, sio: Any, bot_message_evt: str) -> None:
        super().__init__(sio, bot_message_evt)
        self.sent = 0

    async def _send_message(self, socket_id: str, response: Any) -> None:
        self.sent += 1
        await super()._send_message(socket_id, response)


class SafeSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel with the REST channel's rules: cleaned text, no internal syntax, French answers
    to empty and over-long messages, a polite message instead of silence.

    Its two handlers replace Rasa's: Rasa 3.6 calls python-socketio 5's `enter_room` coroutine without
    awaiting it, so with `session_persistence` the visitor never joined the conversation's room and got no
    answer; and a message that is not a JSON object made it raise.
    """

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        sio = self.sio

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if not valid_sender(session_id):
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any) -> None:
            data = data if isinstance(data, dict) else {}
            sender = data.get("session_id") if self.session_persistence else sid
            if not valid_sender(sender):
                logger.warning("socket.io channel: message without a valid session_id ignored")
                return
            output = CountingSocketIOOutput(sio, self.bot_message_evt)
            raw = data.get("message") if isinstance(data.get("message"), str) else ""
            if len(raw) > MAX_MESSAGE_CHARS:
                await output.send_text_message(sender, TOO_LONG_MESSAGE)
                return
            text = clean_text(raw)
            if not text:
                await output.send_text_message(sender, EMPTY_MESSAGE)
                return
            metadata = data.get(self.metadata_key) if isinstance(data.get(self.metadata_key), dict) else None
            try:
                await on_new_message(visitor_message(text, output, sender, self.name(), metadata))
            except Exception:
                logger.exception("socket.io channel: the dialogue failed for sender %s", sender)
            if not output.sent:
                logger.error("socket.io channel: no answer produced for sender %s", sender)
                await output.send_text_message(sender, TECHNICAL_PROBLEM)

        return blueprint
