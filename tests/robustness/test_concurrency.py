"""50 visitors talk at the same time, 10 messages each: every answer goes to its own visitor, every verdict
follows that visitor's own age and sector, and every event of every conversation is in the store."""
from __future__ import annotations

import collections
import time
from concurrent.futures import ThreadPoolExecutor

from tests.robustness.servers import slot_values, stored_events
from tests.support import Chat

VISITORS = 50
# (what the visitor says, the sector the form must store, the OPCO the verdict must name)
SECTORS = [("aide-soignante", "OPCO Santé"), ("conducteur routier", "OPCO Mobilités"), ("maçon", "Constructys"),
           ("cuisinier", "Akto"), ("la banque", "Atlas")]


def script(number: int) -> tuple[int, str, str, list[str]]:
    """Visitor `number`: a distinct age (14 to 63), a sector, and the 10 messages."""
    age = 14 + number
    sector, opco = SECTORS[number % len(SECTORS)]
    messages = ["Bonjour", "Suis-je éligible ?", f"J'ai {age} ans", sector, "Trouver un emploi", "Je suis salarié",
                "Trouver mon OPCO", "Comment est financée la VAE inversée ?", "merci", "au revoir"]
    return age, sector, opco, messages


def converse(rest: str, number: int) -> dict:
    age, _, opco, messages = script(number)
    chat = Chat(rest, sender=f"concurrent-{number:02d}-{time.time_ns()}")
    replies = [chat.say(message) for message in messages]
    return {"sender": chat.sender, "age": age, "opco": opco, "replies": replies}


def test_fifty_simultaneous_conversations_stay_apart_and_are_stored_whole(shared_bot):
    started = time.monotonic()
    with ThreadPoolExecutor(VISITORS) as pool:
        visitors = list(pool.map(lambda n: converse(shared_bot["rest"], n), range(VISITORS)))
    print(f"\n{VISITORS} conversations x 10 messages at the same time in {time.monotonic() - started:.0f} s")

    other_opcos = {opco for _, opco in SECTORS}
    for visitor in visitors:
        replies = visitor["replies"]
        recipients = {m["recipient_id"] for reply in replies for m in reply}
        assert recipients == {visitor["sender"]}, "an answer reached another conversation"
        assert all(reply for reply in replies), "a message got no answer"
        verdict = "\n".join(m.get("text", "") for m in replies[5])
        if visitor["age"] >= 16:
            assert "remplissez la condition d'âge" in verdict and visitor["opco"] in verdict, (visitor["age"], verdict)
            assert not (other_opcos - {visitor["opco"]}) & {o for o in other_opcos if o in verdict}
        else:
            assert "Pas encore" in verdict, (visitor["age"], verdict)
        assert visitor["opco"] in "\n".join(m.get("text", "") for m in replies[6])  # the OPCO of *this* sector

        events = stored_events(shared_bot["db"], visitor["sender"])
        kinds = collections.Counter(e["event"] for e in events)
        assert kinds["user"] == 10, kinds
        # The REST channel may send one bot message in several parts: compare the whole texts, in order.
        stored_text = " ".join(e["text"] for e in events if e["event"] == "bot")
        sent_text = " ".join(m["text"] for reply in replies for m in reply)
        assert " ".join(stored_text.split()) == " ".join(sent_text.split())
        assert [e["text"] for e in events if e["event"] == "user"] == script(int(visitor["sender"][11:13]))[3]
        ages = [v for v in slot_values(events, "age") if v is not None]
        assert ages and set(ages) == {visitor["age"]}, ages  # no other visitor's age leaked in
