"""Shared fixtures: a fresh site tree, users in their groups, temporary media."""

from pathlib import Path

from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.servers.basehttp import WSGIServer

from wagtail.models import Site

import pytest

from articles.roles import editors_role
from comments.roles import moderators_role
from core.tree import tree_root
from tests.factories import ArticleIndexPageFactory, HomePageFactory
from tests.utils.demo import DEMO_PASSWORD, load_demo
from tests.utils.rows import SavedRows

_migrated_rows_key = pytest.StashKey[tuple]()


def is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or (
        "transactional_db" in fixtures or "live_server" in fixtures
    )


@pytest.fixture(scope="session", autouse=True)
def _migrated_rows(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The rows the migrations made, kept once so that every flush can be undone."""
    with django_db_blocker.unblock():
        saved = SavedRows(tmp_path_factory.mktemp("migrated-rows"), "migrated")
        saved.keep()
    request.config.stash[_migrated_rows_key] = (saved, django_db_blocker)
    yield
    del request.config.stash[_migrated_rows_key]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush, put the migrations' rows back.

    Django runs such tests last for this reason; pytest-xdist gives each worker files in its
    own order, so the next test on this worker may be one that needs those rows.
    """
    yield
    kept = item.config.stash.get(_migrated_rows_key, None)
    if kept is not None and is_transactional(item):
        saved, django_db_blocker = kept
        with django_db_blocker.unblock():
            saved.restore()


@pytest.fixture(scope="session")
def django_db_createdb(request):
    """On SQLite, a fresh test database file every run, as the in-memory one used to be.

    Transactional tests empty the database (Wagtail's root page and collection too); with
    --reuse-db the next run would start from that. PostgreSQL keeps --reuse-db as it was.
    """
    sqlite = django_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    return request.config.getvalue("create_db") or sqlite


@pytest.fixture(scope="session", autouse=True)
def _live_server_backlog():
    """Let the live server queue as many connections as the concurrency tests open at once
    (Django's development server queues 10; gunicorn 2048)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(WSGIServer, "request_queue_size", 128)
        yield


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Tests see live pages unless they ask for the cache (tests/core/test_page_cache.py does).
    settings.PAGE_CACHE_ENABLED = False
    # Every cached request asks for waiting purges, so no test inherits another's answer.
    settings.PAGE_CACHE_PURGE_CHECK_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(transactional_db, settings, monkeypatch, request, tmp_path_factory):
    """The demo site as `manage.py load_demo` builds it, committed (so the test is transactional)."""
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    load_demo(request.config, tmp_path_factory, Path(settings.MEDIA_ROOT))


@pytest.fixture
def home(db):
    # The root page comes from the migrations (put back after every flush); the tree under it
    # is this test's own.
    root = tree_root()
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root, title="Open Government Local", slug="home")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def index(home):
    return ArticleIndexPageFactory(parent=home, title="News", slug="news")


@pytest.fixture
def editor(django_user_model, home):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(editors_role())
    return user


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderator", "moderator@example.org", "pw")
    user.groups.add(moderators_role())
    return user


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
