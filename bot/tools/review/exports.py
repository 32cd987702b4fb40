"""Exports of the filtered conversations: CSV (spreadsheets), JSONL (scripts), NLU YAML (to label).

Each export is an iterator of text chunks, so that the web console and the CLI stream the same bytes.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable, Iterable, Iterator

from bot.tools.review import labels
from bot.adapters.store.conversation import BOT, USER, Conversation, Entry
from bot.adapters.store.queries import ConversationRow, Filters, ReviewStore

# Opened by French spreadsheets as they are: ";" separated, UTF-8 with a byte-order mark.
CSV_DELIMITER = ";"
CSV_BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV_COLUMNS: list[tuple[str, Callable[[ConversationRow], Any]]] = [
    ("conversation", lambda r: r.sender_id),
    ("debut", lambda r: labels.iso_datetime(r.started_at)),
    ("derniere_activite", lambda r: labels.iso_datetime(r.last_event_at)),
    ("canal", lambda r: r.channel or ""),
    ("role", lambda r: r.role or ""),
    ("secteur", lambda r: r.sector or ""),
    ("issue", lambda r: r.outcome),
    ("question_abandonnee", lambda r: r.dropped_slot or ""),
    ("messages_visiteur", lambda r: r.user_messages),
    ("messages_incompris", lambda r: r.misunderstood),
    ("avis_positifs", lambda r: r.feedback_up),
    ("avis_negatifs", lambda r: r.feedback_down),
    ("etiquette", lambda r: r.tag or ""),
    ("commentaire", lambda r: r.comment or ""),
    ("premier_message", lambda r: r.first_message or ""),
]


def _cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_line(values: Iterable[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n").writerow([_cell(v) for v in values])
    return buffer.getvalue()


def csv_chunks(rows: Iterable[ConversationRow], batch: int = 500) -> Iterator[str]:
    yield CSV_BOM + _csv_line(name for name, _ in CSV_COLUMNS)
    lines: list[str] = []
    for row in rows:
        lines.append(_csv_line(getter(row) for _, getter in CSV_COLUMNS))
        if len(lines) >= batch:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def message_record(entry: Entry) -> dict[str, Any]:
    record: dict[str, Any] = {"from": "visiteur" if entry.kind == USER else "bot", "at": labels.iso_datetime(entry.timestamp),
                              "text": entry.text}
    if entry.kind == USER:
        record.update(intent=entry.name, confidence=entry.confidence, entities=entry.entities,
                      misunderstood=entry.misunderstood)
    return record


def conversation_record(row: ConversationRow, conversation: Conversation) -> dict[str, Any]:
    """One JSONL line: the summary, the verdict, the feedback and the messages."""
    record = row.as_dict()
    record["started_at"] = labels.iso_datetime(row.started_at)
    record["last_event_at"] = labels.iso_datetime(row.last_event_at)
    record["verdict"] = conversation.verdict
    record["feedback"] = conversation.feedback
    record["messages"] = [message_record(e) for e in conversation.entries if e.kind in (USER, BOT)]
    return record


def jsonl_chunks(items: Iterable[tuple[ConversationRow, Conversation]]) -> Iterator[str]:
    for row, conversation in items:
        yield json.dumps(conversation_record(row, conversation), ensure_ascii=False) + "\n"


def _yaml_example(text: str) -> str:
    """One line of a YAML block scalar: no line breaks inside an example."""
    return " ".join(text.split())


def nlu_snippet(messages: Iterable[Entry]) -> str:
    """Misunderstood messages as Rasa NLU data to label: replace TODO by the right intent, then move them."""
    header = [
        "# Messages que l'assistant n'a pas compris (exportés depuis la console de revue).",
        "# Remplacez TODO par la bonne intention, répartissez les exemples, puis ajoutez-les dans data/nlu/.",
        'version: "3.1"',
    ]
    examples = [text for text in (_yaml_example(m.text) for m in messages) if text]
    if not examples:
        return "\n".join([*header, "# Aucun message incompris pour ces filtres.", "nlu: []"]) + "\n"
    body = ["nlu:", "  - intent: TODO", "    examples: |", *(f"      - {text}" for text in examples)]
    return "\n".join([*header, *body]) + "\n"


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", "conversations.csv"),
    "jsonl": ("application/x-ndjson; charset=utf-8", "conversations.jsonl"),
    "nlu": ("application/x-yaml; charset=utf-8", "messages-incompris.yml"),
}


def export_chunks(store: ReviewStore, kind: str, filters: Filters) -> Iterator[str]:
    """The chunks of export `kind` (csv, jsonl or nlu) of the filtered conversations."""
    if kind == "csv":
        return csv_chunks(store.rows(filters))
    if kind == "jsonl":
        return jsonl_chunks(store.conversations(filters))
    if kind == "nlu":
        return iter([nlu_snippet(store.misunderstood(filters))])
    raise ValueError(f"unknown export {kind!r}")
