"""Browsers and CDNs may keep what is safe to keep, for as long as it is safe."""

import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

from django.apps import apps
from django.core.management import call_command

from wagtail.contrib.frontend_cache import signal_handlers as frontend_cache_signals
from wagtail.signals import page_published, page_unpublished

import pytest

from tests.factories import ArticlePageFactory

BASE_DIR = Path(__file__).resolve().parents[2]


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
    # The probes read the settings module only; loading every app would add seconds, not checks.
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update(
        DJANGO_SETTINGS_MODULE="ogp_site.settings",
        FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:6081/",
    )
    probe = (
        "from django.conf import settings as s;"
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
            "from django.conf import settings as s;"
            "print('wagtail.contrib.frontend_cache' in s.INSTALLED_APPS)",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.stdout.strip() == "False", out.stderr


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    """A stand-in for Varnish on loopback: records every PURGE it is sent."""

    purged: list = []

    def do_PURGE(self):
        self.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.django_db
def test_publishing_sends_a_purge_for_the_page_to_the_configured_cache(settings, index):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    PurgeRecorder.purged = []
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}/",
        }
    }
    # What the frontend cache app connects when FRONTEND_CACHE_PURGE_URL switches it on.
    frontend_cache_signals.register_signal_handlers()
    try:
        article = ArticlePageFactory(parent=index, slug="purged-story", live=False)
        article.save_revision().publish()
    finally:
        for model in apps.get_models():
            page_published.disconnect(
                frontend_cache_signals.page_published_signal_handler, sender=model
            )
            page_unpublished.disconnect(
                frontend_cache_signals.page_unpublished_signal_handler, sender=model
            )
        server.shutdown()
    assert ("localhost", "/news/purged-story/") in PurgeRecorder.purged
