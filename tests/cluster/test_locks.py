"""The lock store the cluster uses (bot/adapters/locks.py) against the machine's Redis: tickets issued at the
same time by several processes' stores are all distinct, where Rasa's RedisLockStore hands some out twice."""
from __future__ import annotations

import threading
import uuid

import pytest
from rasa.core.lock_store import RedisLockStore

from bot.adapters.locks import AtomicRedisLockStore
from tests.cluster.conftest import redis_available

pytestmark = pytest.mark.skipif(not redis_available(), reason="Redis is not reachable on 127.0.0.1:6379")


def tickets_issued_at_once(store_class, stores: int = 4, each: int = 25) -> list[int]:
    """`stores` stores (one Redis connection each, as separate servers) issue `each` tickets for one conversation."""
    conversation = f"lock-test-{uuid.uuid4().hex[:8]}"
    instances = [store_class(host="127.0.0.1", port=6379, db=1, key_prefix="vaetest") for _ in range(stores)]
    barrier, issued, guard = threading.Barrier(stores), [], threading.Lock()

    def issue(store) -> None:
        barrier.wait()
        for _ in range(each):
            ticket = store.issue_ticket(conversation, 30)
            with guard:
                issued.append(ticket)

    threads = [threading.Thread(target=issue, args=(store,)) for store in instances]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    instances[0].delete_lock(conversation)
    return issued


def test_tickets_issued_by_several_servers_at_once_are_all_distinct():
    issued = tickets_issued_at_once(AtomicRedisLockStore)
    assert sorted(issued) == list(range(100))


def test_rasas_own_redis_lock_store_hands_out_some_tickets_twice():
    """Why the cluster does not use `type: redis` as it is (RasaHQ/rasa#9213)."""
    duplicated = [len(set(issued)) < len(issued) for issued in (tickets_issued_at_once(RedisLockStore) for _ in range(5))]
    assert any(duplicated)


def test_clean_up_keeps_a_ticket_issued_meanwhile_and_deletes_the_lock_when_no_one_waits():
    store = AtomicRedisLockStore(host="127.0.0.1", port=6379, db=1, key_prefix="vaetest")
    conversation = f"lock-test-{uuid.uuid4().hex[:8]}"
    first = store.issue_ticket(conversation, 30)
    second = AtomicRedisLockStore(host="127.0.0.1", port=6379, db=1, key_prefix="vaetest").issue_ticket(conversation, 30)
    store.cleanup(conversation, first)
    lock = store.get_lock(conversation)
    assert lock is not None and not lock.is_locked(second)  # the second ticket is now served
    store.cleanup(conversation, second)
    assert store.get_lock(conversation) is None
