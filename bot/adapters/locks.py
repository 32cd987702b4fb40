"""Rasa's Redis lock store with its ticket changes made atomic, for several Rasa processes (servers or Sanic
workers) sharing one Redis.

Rasa Open Source 3.6's RedisLockStore changes a conversation's TicketLock by reading it, changing it in Python
and writing it back (GET then SET). Two servers receiving a message of the same conversation within a few
milliseconds both read "no ticket", both issue ticket 0 and both go on: the two messages are processed at the
same time and their events interleave in the tracker store (caught by tests/cluster: about one pair in 25
sent at the same instant to two servers; 0 in 40 with this store; RasaHQ/rasa#9213; Rasa's fix,
ConcurrentRedisLockStore, is in Rasa Pro only). A finishing server's clean-up can likewise erase a ticket just issued elsewhere.

This store keeps Rasa's lock (TicketLock, its tickets, lifetimes and waiting loop, the same Redis keys and
format) and only runs each read-change-write as one Redis optimistic transaction (WATCH, MULTI, EXEC, retried
when another process changed the key meanwhile). endpoints.yml: `lock_store: type: bot.adapters.locks.AtomicRedisLockStore`
with RedisLockStore's settings (bot/tools/serve.py writes it for VAE_LOCK_STORE=redis).
"""
from __future__ import annotations

import json
from typing import Any, Callable

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig


class AtomicRedisLockStore(RedisLockStore):
    """RedisLockStore whose ticket issuing, expiry and clean-up are atomic across processes."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any):
        if endpoint_config is not None:  # loaded by module path from endpoints.yml
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: str, change: Callable[[TicketLock | None], tuple[TicketLock | None, Any]]) -> Any:
        """Apply `change` (lock or None -> new lock or None to delete, result) atomically; return its result."""
        key = self.key_prefix + conversation_id

        def transaction(pipe) -> Any:
            raw = pipe.get(key)  # immediate mode: the key is WATCHed
            lock, result = change(TicketLock.from_dict(json.loads(raw)) if raw else None)
            pipe.multi()
            if lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, lock.dumps())
            return result

        return self.red.transaction(transaction, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:  # as RedisLockStore: any failure is a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        def expire(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, expire)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def finish(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove this ticket, and the lock when no one else waits, in one transaction."""
        def finish(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
                if not lock.is_someone_waiting():
                    lock = None
            return lock, None

        self._change(conversation_id, finish)
