"""Real servers for the robustness suite: the bot with a chosen store, its logs, and its listening sockets."""
from __future__ import annotations

import re
import socket
import struct
from pathlib import Path

from bot.tools.serve import Stack
from tests.support import running_bot

# What a crash looks like in a server log: Python's traceback header, or a log record at ERROR level or above.
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\S+ \S+\s+(ERROR|CRITICAL)\s|\[(ERROR|CRITICAL)\]", re.M)


def bot_servers(work: Path, store_url: str | None = None, extra_env: dict[str, str] | None = None,
                cors: tuple[str, ...] | None = None):
    """The action and Rasa servers on free ports (tests.support.running_bot), with any store URL."""
    return running_bot(work, extra_env=extra_env, cors=cors, store_url=store_url)


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
