"""Shared fixtures: a fresh site tree, users in their groups, temporary media."""

from django.core.cache import cache

from wagtail.models import Site

import pytest

from articles.roles import editors_role
from comments.roles import moderators_role
from core.tree import tree_root
from tests.factories import ArticleIndexPageFactory, HomePageFactory


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
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    # A transactional test before this one may have flushed Wagtail's root page and locale.
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
