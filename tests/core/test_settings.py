"""Settings come from the environment, with safe defaults and no calls to the outside world."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import ArticlePageFactory, AuthorFactory, ImageFactory
from tests.utils.html import parse

BASE_DIR = Path(__file__).resolve().parents[2]

# The settings module alone, as Django reads it before loading any app: importing every app
# (django.setup()) would add three seconds a probe and test nothing about the environment.
# test_security.py still loads the whole site under production settings (check --deploy).
PROBE = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "debug": settings.DEBUG,
    "secret": settings.SECRET_KEY,
    "engine": db["ENGINE"], "name": str(db["NAME"]), "conn_max_age": db["CONN_MAX_AGE"],
    "health": db.get("CONN_HEALTH_CHECKS"),
    "cache": settings.CACHES["default"]["BACKEND"],
    "hosts": settings.ALLOWED_HOSTS,
    "media": str(settings.MEDIA_ROOT),
    "email": [settings.EMAIL_BACKEND, settings.MAILER_EMAIL_BACKEND],
    "update_check": settings.WAGTAIL_ENABLE_UPDATE_CHECK,
    "gravatar": settings.WAGTAIL_GRAVATAR_PROVIDER_URL,
    "base_url": settings.WAGTAILADMIN_BASE_URL,
    "hsts": [settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
             settings.SECURE_HSTS_PRELOAD],
}))
"""


def load_settings(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "SECURE_HTTPS"}
        and k not in {"BASE_URL", "COMMENTS_XTD_SALT"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="ogp_site.settings")
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result


def test_without_debug_a_secret_key_is_required():
    result = load_settings()
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


PRODUCTION = {
    "SECRET_KEY": "x" * 50,
    "BASE_URL": "https://news.example.org",
    "COMMENTS_XTD_SALT": "y" * 40,
}


@pytest.mark.parametrize("name", ["BASE_URL", "COMMENTS_XTD_SALT"])
def test_without_debug_the_base_url_and_the_comments_salt_are_required(name):
    result = load_settings(**{k: v for k, v in PRODUCTION.items() if k != name})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and f"Set {name}" in result.stderr
    assert result.stdout == ""


def test_production_settings_use_the_given_base_url():
    values = json.loads(load_settings(**PRODUCTION).stdout)
    assert values["base_url"] == "https://news.example.org"


def test_hsts_preload_and_subdomains_are_opt_in():
    values = json.loads(load_settings(**PRODUCTION).stdout)
    assert values["hsts"] == [31536000, False, False]
    opted_in = load_settings(
        **PRODUCTION, SECURE_HSTS_INCLUDE_SUBDOMAINS="true", SECURE_HSTS_PRELOAD="true"
    )
    assert json.loads(opted_in.stdout)["hsts"] == [31536000, True, True]


def test_debug_gives_a_development_key_and_embedded_defaults():
    result = load_settings(DEBUG="true")
    values = json.loads(result.stdout)
    assert values["debug"] is True and values["secret"]
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(BASE_DIR / "var" / "db.sqlite3")
    assert values["cache"] == "core.cache_backends.DiskCache"  # shared by every process
    # Requests queue mail; the worker prints it to the console.
    assert values["email"] == [
        "mailer.backend.DbBackend",
        "django.core.mail.backends.console.EmailBackend",
    ]
    assert values["hosts"] == ["localhost", "127.0.0.1"]


def test_production_settings_read_database_cache_hosts_and_media_from_the_environment(tmp_path):
    result = load_settings(
        **PRODUCTION,
        DATABASE_URL="postgres://ogp:secret@db.internal:5432/ogp",
        REDIS_URL="redis://127.0.0.1:6379/3",
        ALLOWED_HOSTS="news.example.org,www.news.example.org",
        MEDIA_ROOT=str(tmp_path),
    )
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["engine"] == "django.db.backends.postgresql" and values["name"] == "ogp"
    assert values["conn_max_age"] == 600 and values["health"] is True
    assert values["cache"] == "django_redis.cache.RedisCache"
    assert values["hosts"] == ["news.example.org", "www.news.example.org"]
    assert values["media"] == str(tmp_path)


def test_wagtail_update_check_and_gravatar_are_off():
    values = json.loads(load_settings(DEBUG="true").stdout)
    assert values["update_check"] is False and values["gravatar"] is None


@pytest.mark.django_db
def test_public_pages_load_nothing_from_other_sites(client, home, index):
    article = ArticlePageFactory(
        parent=index, feature_image=ImageFactory(), authors=[AuthorFactory()]
    )
    for url in ("/", "/news/", article.url, "/authors/", "/topics/", "/search/?q=a"):
        page = parse(client.get(url))
        loaded = [
            candidate.split()[0]  # every address of a srcset, not only its first
            for tag in page.find_all(["script", "img", "source", "link", "iframe"])
            for attribute in ("src", "srcset", "href")
            if tag.has_attr(attribute)
            for candidate in tag[attribute].split(",")
            if candidate.strip()
        ]
        external = [
            u
            for u in loaded
            if re.match(r"(https?:)?//", u) and "localhost" not in u and "testserver" not in u
        ]
        assert external == [], (url, external)
