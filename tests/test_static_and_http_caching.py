"""Browsers and CDNs may keep what is safe to keep, for as long as it is safe."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

import pytest

from tests.factories import ArticlePageFactory

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_pages_carry_an_etag_and_a_repeat_visit_gets_304(client, index):
    article = ArticlePageFactory(parent=index)
    listing = client.get("/news/")
    assert listing["ETag"] and "Cache-Control" in listing
    again = client.get("/news/", HTTP_IF_NONE_MATCH=listing["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert client.get(article.url)["ETag"]


@pytest.mark.django_db
def test_static_files_have_hashed_names_compressed_copies_and_long_cache_headers(
    settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    hashed = sorted(p.name for p in (tmp_path / "static" / "css").glob("main.*.css"))
    assert hashed and hashed[0] != "main.css"
    assert (tmp_path / "static" / "css" / f"{hashed[0]}.gz").exists()
    # whitenoise reads STATIC_ROOT when the app starts, so ask a fresh one.
    from django.http import HttpResponseNotFound
    from django.test import RequestFactory

    from whitenoise.middleware import WhiteNoiseMiddleware

    middleware = WhiteNoiseMiddleware(lambda request: HttpResponseNotFound())
    request = RequestFactory().get(f"/static/css/{hashed[0]}", HTTP_ACCEPT_ENCODING="gzip")
    static_response = middleware(request)
    assert static_response is not None and static_response.status_code == 200
    assert "max-age=315360000" in static_response["Cache-Control"]
    assert "immutable" in static_response["Cache-Control"]
    assert static_response["Content-Encoding"] == "gzip"


def test_cdn_purging_is_switched_on_by_environment_variables():
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update(
        DJANGO_SETTINGS_MODULE="ogp_site.settings",
        FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:6081/",
    )
    probe = (
        "import django;django.setup();from django.conf import settings as s;"
        "print('wagtail.contrib.frontend_cache' in s.INSTALLED_APPS, s.WAGTAILFRONTENDCACHE['proxy']['LOCATION'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert out.stdout.split() == ["True", "http://127.0.0.1:6081/"], out.stderr
    env.pop("FRONTEND_CACHE_PURGE_URL")
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django;django.setup();from django.conf import settings as s;"
            "print('wagtail.contrib.frontend_cache' in s.INSTALLED_APPS)",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.stdout.strip() == "False", out.stderr
