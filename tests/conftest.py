"""Base fixtures: a small municipality with two boards, and three users — an editor of board A, an
editor of board B and an anonymous visitor — so every view test also checks who may not act."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from styrkraft.org.models import Organ
from tests import factories as f

PASSWORD = "lösenord-för-test"


def pytest_configure(config):
    """One fast password hasher for every test (users are made in most of them, and signing in hashes
    again): PBKDF2's deliberate slowness took most of the suite's time, and hashing is Django's to test,
    not ours. Settings are process-wide, so the live server's thread in the browser tests uses it too."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _static_root_exists():
    """WhiteNoise warns (an error under filterwarnings=error) on the first request when STATIC_ROOT is
    missing, as it is on a fresh clone until `collectstatic` runs; the tests serve static files through
    the finders, so an empty directory is enough."""
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """LocaleMiddleware activates a request's language in the thread and leaves it active after the
    response, so a test whose client asks for English (Accept-Language, the language cookie) would leave
    English for the next tests, which translate outside a request (services' messages, history sentences)
    and expect Swedish. Each test ends by going back to the default language."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _agenda2030(request):
    """Agenda 2030 is loaded by a migration; a transactional test (live_server, transaction=True) flushes
    the database when it ends, so load it again before each such test."""
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        from styrkraft.steering.agenda2030 import ensure_loaded

        ensure_loaded()


@pytest.fixture
def municipality(db):
    return f.MunicipalityFactory(name="Testkommun", slug="testkommun")


@pytest.fixture
def intent(municipality):
    term = f.TermFactory(municipality=municipality)
    return f.PoliticalIntentFactory(term=term)


@pytest.fixture
def target_areas(intent):
    return [
        f.TargetAreaFactory(intent=intent, code="klimat", title="En klimatsmart kommun", order=1),
        f.TargetAreaFactory(intent=intent, code="social", title="En trygg kommun", order=2),
        f.TargetAreaFactory(intent=intent, code="jobb", title="En kommun med hög sysselsättning", order=3),
    ]


@pytest.fixture
def council(municipality):
    return f.OrganFactory(
        municipality=municipality, slug="kf", name="Kommunfullmäktige", kind=Organ.Kind.COUNCIL
    )


@pytest.fixture
def board_a(municipality, council):
    return f.OrganFactory(municipality=municipality, slug="namnd-a", name="Nämnd A", parent=council)


@pytest.fixture
def board_b(municipality, council):
    return f.OrganFactory(municipality=municipality, slug="namnd-b", name="Nämnd B", parent=council)


@pytest.fixture
def editor_a(board_a):
    return f.OrganRoleFactory(organ=board_a, user__username="redaktor-a").user


@pytest.fixture
def editor_b(board_b):
    return f.OrganRoleFactory(organ=board_b, user__username="redaktor-b").user


@pytest.fixture
def admin_user(db):
    return f.UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def anonymous():
    return Client()


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_a(editor_a):
    return _client_for(editor_a)


@pytest.fixture
def client_b(editor_b):
    return _client_for(editor_b)


@pytest.fixture
def client_admin(admin_user):
    return _client_for(admin_user)


@pytest.fixture
def reader_a(board_a):
    """A reader of board A (a politician, say): reads, changes nothing."""
    return f.OrganRoleFactory(organ=board_a, role="reader", user__username="lasare-a").user


@pytest.fixture
def client_reader(reader_a):
    return _client_for(reader_a)
