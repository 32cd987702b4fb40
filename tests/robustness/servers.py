"""Real servers for the robustness suite: the bot with a chosen store, its logs, and its listening sockets."""
from __future__ import annotations

import re
import socket
import struct
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from bot.serve import Stack, action_server, rasa_server
from bot.training import ensure_model
from tests.support import REFERENCE_DATE, free_port

# What a crash looks like in a server log: Python's traceback header, or a log record at ERROR level or above.
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\S+ \S+\s+(ERROR|CRITICAL)\s|\[(ERROR|CRITICAL)\]", re.M)


@contextmanager
def bot_servers(work: Path, store_url: str | None = None, extra_env: dict[str, str] | None = None,
                cors: tuple[str, ...] | None = None) -> Iterator[dict]:
    """The action and Rasa servers on free ports, as tests.support.running_bot, with any store URL
    (default: a SQLite file in `work`). `extra_env` reaches both servers and the launcher (VAE_API_TOKEN)."""
    ensure_model()
    db = work / "conversations.db"
    actions_port, rasa_port = free_port(), free_port()
    endpoints = work / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
        f'tracker_store:\n  type: bot.store.RedactingTrackerStore\n  url: "{store_url or f"sqlite:///{db}"}"\n'
    )
    env = {"VAE_REFERENCE_DATE": REFERENCE_DATE, **(extra_env or {})}
    logs = {name: work / f"{name}.log" for name in ("actions", "rasa")}
    files = {name: open(path, "ab") for name, path in logs.items()}
    actions = action_server(actions_port, env=env, log=files["actions"])
    rasa = rasa_server(rasa_port, endpoints=endpoints, env=env, log=files["rasa"], cors=cors)
    stack = Stack([actions, rasa])
    stack.start()
    try:
        yield {"rest": f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook", "base": f"http://127.0.0.1:{rasa_port}",
               "db": db, "store_url": store_url or f"sqlite:///{db}", "logs": logs, "stack": stack,
               "actions": actions, "rasa": rasa, "rasa_port": rasa_port, "actions_port": actions_port}
    finally:
        stack.stop()
        for file in files.values():
            file.close()


def restart(server, timeout: float = 300.0) -> None:
    """Start a stopped server again and wait until it answers."""
    Stack([server]).start(timeout=timeout)


class LogWindow:
    """What a log file gained since the window was opened."""

    def __init__(self, path: Path):
        self.path = path
        self.offset = path.stat().st_size if path.exists() else 0

    def text(self) -> str:
        with open(self.path, "rb") as log:
            log.seek(self.offset)
            return log.read().decode("utf-8", errors="replace")

    def problems(self) -> list[str]:
        """Tracebacks and ERROR records, each with a little context."""
        text = self.text()
        return [text[max(m.start() - 200, 0):m.start() + 800] for m in TRACEBACK.finditer(text)]


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a TCP socket listening on `port` (IPv4 and IPv6), read from /proc/net."""
    found: set[str] = set()
    for table, family in (("/proc/net/tcp", socket.AF_INET), ("/proc/net/tcp6", socket.AF_INET6)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, local_port = fields[1].split(":")
            if int(local_port, 16) != port or fields[3] != "0A":  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address)
            # /proc prints each 32-bit word of the address in host byte order (little endian here)
            raw = b"".join(struct.pack("<I", word) for word in struct.unpack(f">{len(raw) // 4}I", raw))
            found.add(socket.inet_ntop(family, raw))
    return found


def stored_events(db: Path, sender_id: str) -> list[dict]:
    """The events of one conversation in a SQLite store, in order (read directly from the file)."""
    import json
    import sqlite3

    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender_id,)).fetchall()
    return [json.loads(data) for (data,) in rows]


def slot_values(events: list[dict], name: str) -> list:
    """Every value the slot `name` was given in these events, in order."""
    return [e.get("value") for e in events if e["event"] == "slot" and e.get("name") == name]
