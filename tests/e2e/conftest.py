"""The real servers, started once for the end-to-end tests, on free ports with their own SQLite store."""
import pytest

from tests.support import Chat, running_bot


@pytest.fixture(scope="package")
def servers(tmp_path_factory):
    with running_bot(tmp_path_factory.mktemp("servers")) as running:
        yield running


@pytest.fixture
def chat(servers) -> Chat:
    return Chat(servers["rest"])
