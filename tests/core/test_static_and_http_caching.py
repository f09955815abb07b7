"""Browsers and CDNs may keep what is safe to keep, for as long as it is safe."""

import contextlib
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

from django.core.management import call_command
from django.test import Client

import pytest

from core.models import PendingPurge
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


def test_a_shared_cache_is_purged_only_when_its_address_is_configured():
    # The probes read the settings module only; loading every app would add seconds, not checks.
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update(DJANGO_SETTINGS_MODULE="ogp_site.settings")
    probe = (
        "from django.conf import settings as s;"
        "print('wagtail.contrib.frontend_cache' in s.INSTALLED_APPS,"
        " sorted(s.WAGTAILFRONTENDCACHE))"
    )

    def backends(**extra):
        out = subprocess.run(
            [sys.executable, "-c", probe],
            cwd=BASE_DIR,
            env={**env, **extra},
            capture_output=True,
            text=True,
        )
        return out.stdout.strip(), out.stderr

    # Wagtail's frontend-cache app stays out: its handlers would purge before the commit.
    assert backends(FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:6081/")[0] == (
        "False ['pages', 'varnish']"
    )
    assert backends()[0] == "False ['pages']"


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    """A stand-in for Varnish on loopback: records every PURGE and BAN it is sent."""

    purged: list = []

    def do_PURGE(self):
        self.purged.append((self.command, self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    do_BAN = do_PURGE

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def purge_recorder(port=0):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    PurgeRecorder.purged = []
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def shared_cache_at(settings, port):
    settings.WAGTAILFRONTENDCACHE = {
        "pages": {"BACKEND": "core.purge.PageCacheBackend"},
        "varnish": {"BACKEND": "core.purge.VarnishBackend", "LOCATION": f"http://127.0.0.1:{port}"},
    }


@pytest.mark.django_db
def test_publishing_purges_the_shared_cache_once_committed(
    settings, index, django_capture_on_commit_callbacks
):
    with purge_recorder() as server:
        shared_cache_at(settings, server.server_port)
        article = ArticlePageFactory(parent=index, slug="purged-story", live=False)
        with django_capture_on_commit_callbacks() as callbacks:
            article.save_revision().publish()
            assert PurgeRecorder.purged == []  # not before the commit
        for callback in callbacks:
            callback()
    assert ("PURGE", "localhost", "/news/purged-story/") in PurgeRecorder.purged
    assert ("PURGE", "localhost", "/news/") in PurgeRecorder.purged


@pytest.mark.django_db
def test_a_purge_the_shared_cache_refused_is_sent_once_it_is_back(
    settings, index, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    with purge_recorder() as server:
        port = server.server_port
    shared_cache_at(settings, port)  # nothing listens there now: every purge is refused
    article = ArticlePageFactory(parent=index, slug="withdrawn-story")
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert PendingPurge.objects.filter(backend="varnish").exists()

    with purge_recorder(port):
        Client().get("/news/")  # the next cached-page request sends what was kept
        assert ("PURGE", "localhost", "/news/withdrawn-story/") in PurgeRecorder.purged
    assert not PendingPurge.objects.exists()
