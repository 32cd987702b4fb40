"""What the real servers recorded of one conversation, read back from the SQLite store of the e2e servers: the
actions run and each slot's last value, as bot/tools/conversations.py reads them from the tracker in-process."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any


def recorded(db: Path, sender: str) -> tuple[list[str], dict[str, Any]]:
    """(the actions run, in order; each slot's last value) for `sender`."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT type_name, data FROM events WHERE sender_id = ? ORDER BY id",
                                  (sender,)).fetchall()
    actions, slots = [], {}
    for type_name, data in rows:
        event = json.loads(data)
        if type_name == "action" and event.get("name"):
            actions.append(event["name"])
        elif type_name == "slot":
            slots[event["name"]] = event.get("value")
    return actions, slots
