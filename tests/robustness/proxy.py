"""A TCP proxy the tests start and stop, to cut a server off (the database) without touching the server."""
from __future__ import annotations

import asyncio
import threading

from tests.support import free_port


class TcpProxy:
    """Forwards 127.0.0.1:`port` to `target`; `stop()` closes the port and every open connection at once,
    as a database that went away; `start()` opens the same port again."""

    def __init__(self, target_host: str, target_port: int, port: int | None = None):
        self.target = (target_host, target_port)
        self.port = port or free_port()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name=f"tcp-proxy-{self.port}", daemon=True)
        self.thread.start()
        self.server: asyncio.AbstractServer | None = None
        self.connections: set[asyncio.StreamWriter] = set()

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=30)

    @property
    def running(self) -> bool:
        return self.server is not None

    def start(self) -> "TcpProxy":
        async def open_port() -> asyncio.AbstractServer:
            return await asyncio.start_server(self._forward, "127.0.0.1", self.port, reuse_address=True)

        if self.server is None:
            self.server = self._run(open_port())
        return self

    def stop(self) -> None:
        async def close() -> None:
            self.server.close()
            for writer in list(self.connections):
                writer.transport.abort()
            self.connections.clear()
            await self.server.wait_closed()

        if self.server is not None:
            self._run(close())
            self.server = None

    def close(self) -> None:
        self.stop()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)

    async def _forward(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.transport.abort()
            return
        self.connections.update({client_writer, server_writer})
        await asyncio.gather(self._pipe(client_reader, server_writer), self._pipe(server_reader, client_writer))

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            self.connections.discard(writer)
            writer.transport.abort()
