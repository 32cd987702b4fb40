"""What the bot says instead of an answer it has already given this visitor: a reminder and the answer's gist."""

from __future__ import annotations

ALREADY_SAID = "Je vous ai répondu plus haut ; en bref :"


def repeated(text: str) -> str:
    """`text` said again in short: the reminder, its first line (a list it introduces, "Vous pouvez viser :",
    folded into that line), and its source line. The message's buttons still offer the detail."""
    body, separator, source = text.rpartition("Source :")
    lines = [line.strip() for line in (body if separator else text).strip().splitlines() if line.strip()]
    gist = lines[0] if lines else ""
    if gist.endswith(":"):
        items = []
        for line in lines[1:]:
            if not line.startswith("- "):
                break
            items.append(line[2:].rstrip(" ;."))
        gist = f"{gist} {' ; '.join(items)}." if items else gist
    short = f"{ALREADY_SAID}\n{gist}"
    return f"{short}\n\n{separator}{source}" if separator else short
