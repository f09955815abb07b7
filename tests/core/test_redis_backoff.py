"""A Redis that hangs costs each app process one timeout per back-off window.

Without a back-off, every cache call of every request waited out the socket timeout, and a
page makes a dozen of them. The test counts the connections a silent Redis stand-in is
offered (never the time taken): one per window, however many pages are asked for.
"""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from django.core.cache import cache

import pytest

from comments.models import ArticleComment
from core import cache_backends
from tests.factories import ArticlePageFactory
from tests.utils import faults
from tests.utils.comments import csrf_client, post_comment

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
REDIS = ("127.0.0.1", 6379)
REDIS_DB = 3  # this test's own, so that tests clearing another database cannot empty it


def production_caches(redis_url, **env):
    """CACHES as the settings module builds it from the environment, with REDIS_URL set."""
    probe = "import json; from django.conf import settings as s; print(json.dumps(s.CACHES))"
    env = {
        **os.environ,
        **env,
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "ogp_site.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def hanging_redis(settings):
    with faults.server(faults.HangingHandler) as redis:
        caches = production_caches(
            f"redis://127.0.0.1:{redis.port}/11", REDIS_BACKOFF_SECONDS="600"
        )
        options = caches["default"]["OPTIONS"]
        assert 0 < options["SOCKET_TIMEOUT"] <= 0.5  # a LAN Redis answers in a millisecond
        # A tenth of a second proves the same as production's timeout, sooner.
        options.update(SOCKET_TIMEOUT=0.1, SOCKET_CONNECT_TIMEOUT=0.1)
        settings.CACHES = caches
        yield redis


def test_pages_and_comments_go_on_with_one_try_of_a_hanging_redis(hanging_redis, settings, index):
    settings.PAGE_CACHE_ENABLED = True
    article = ArticlePageFactory(parent=index, title="Night buses")
    client = csrf_client()
    for _ in range(5):
        assert client.get(article.url).status_code == 200
        assert client.get("/news/").status_code == 200
    assert post_comment(client, article, comment="More night buses, please.").status_code == 302
    assert ArticleComment.objects.get().comment == "More night buses, please."
    assert hanging_redis.connections == 1


class Clock:
    """Stands in for time.monotonic in the back-off, so that no test waits for a window."""

    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now


class HangThenForward(faults.ForwardingHandler):
    """Says nothing while server.hanging; otherwise passes bytes to and from Redis."""

    def handle(self):
        if self.server.hanging:
            self.hang()
        else:
            super().handle()


def test_the_cache_is_used_again_once_redis_answers(settings, index, monkeypatch):
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        if os.environ.get("CI", "").lower() in ("", "0", "false"):
            pytest.skip("Redis is not running on 127.0.0.1:6379; CI starts it")
        pytest.fail("Redis is not running on 127.0.0.1:6379: .ci/run should have started it")
    clock = Clock()
    monkeypatch.setattr(cache_backends, "time", clock)
    settings.PAGE_CACHE_ENABLED = True
    article = ArticlePageFactory(parent=index, title="Tram stops")
    with faults.server(HangThenForward, target=REDIS, hanging=True) as redis:
        caches = production_caches(f"redis://127.0.0.1:{redis.port}/{REDIS_DB}")
        caches["default"]["OPTIONS"].update(SOCKET_TIMEOUT=0.1, SOCKET_CONNECT_TIMEOUT=0.1)
        settings.CACHES = caches
        client = csrf_client()
        assert client.get(article.url).status_code == 200
        assert redis.connections == 1

        redis.hanging = False
        assert client.get(article.url)["X-Cache"] != "HIT"
        assert redis.connections == 1  # still inside the back-off: Redis is not asked
        clock.now += settings.REDIS_BACKOFF_SECONDS + 1
        cache.delete("backoff:probe")  # the one call that tries Redis again, and succeeds
        assert client.get(article.url).status_code == 200
        assert client.get(article.url)["X-Cache"] == "HIT"
        cache.clear()
