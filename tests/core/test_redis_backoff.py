"""A Redis that hangs costs each app process one timeout per back-off window.

Without a back-off, every cache call of every request waited out the socket timeout, and a
page makes a dozen of them. The test counts the connections a silent Redis stand-in is
offered (never the time taken): one per window, however many pages are asked for.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from comments.models import ArticleComment
from tests.factories import ArticlePageFactory
from tests.utils import faults
from tests.utils.comments import csrf_client, post_comment

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]


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
