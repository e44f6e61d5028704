"""The local Kolada (styrkraft/kolada/server.py) serving the recorded data: one server for the session,
back to the recorded data before every test."""

import pytest

from styrkraft.kolada.client import KoladaClient
from styrkraft.kolada.server import KoladaServer


@pytest.fixture(scope="session")
def _kolada_session_server():
    server = KoladaServer().start()
    yield server
    server.stop()


@pytest.fixture
def kolada_server(_kolada_session_server):
    _kolada_session_server.reset()
    yield _kolada_session_server
    _kolada_session_server.reset()


@pytest.fixture
def sleeps():
    """The backoff waits the client asked for (it does not really sleep in tests)."""
    return []


@pytest.fixture
def kolada(kolada_server, sleeps):
    with KoladaClient(kolada_server.url, timeout=5, retries=3, sleep=sleeps.append) as client:
        yield client
