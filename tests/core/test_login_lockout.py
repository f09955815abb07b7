"""Sign-in lockouts: they hold behind a proxy and through a Redis outage, and lock only the guesser.

Redis faults come from a loopback proxy in front of Redis (tests/faults.py) that refuses or
hangs; the site is configured exactly as production configures itself with REDIS_URL set.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

import pytest
from axes.handlers.proxy import AxesProxyHandler

from comments.models import ArticleComment
from tests.factories import ArticlePageFactory
from tests.utils import faults
from tests.utils.comments import csrf_client, form_fields

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
REDIS_DB = 12  # this suite's own Redis database
PROXY = "10.0.0.1"
LOGIN_FAILURES = 5  # AXES_FAILURE_LIMIT's default


@pytest.fixture
def login_url():
    return reverse("wagtailadmin_login")


def sign_in(client, url, username, password, via_proxy_for=None, **extra):
    if via_proxy_for:
        extra |= {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": via_proxy_for}
    return client.post(url, {"username": username, "password": password}, **extra)


def test_behind_a_proxy_a_guesser_is_locked_out_and_everyone_else_behind_it_is_not(
    client, superuser, editor, login_url, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(LOGIN_FAILURES):
        sign_in(client, login_url, f"guess{n}", "wrong", via_proxy_for="203.0.113.66")
    locked = sign_in(client, login_url, "admin", "pw", via_proxy_for="203.0.113.66")
    assert locked.status_code == 429
    other = sign_in(client, login_url, "editor", "pw", via_proxy_for="198.51.100.20")
    assert other.status_code == 302


def test_a_forged_forwarded_for_header_does_not_dodge_the_lockout(
    client, superuser, login_url, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    # The proxy appends the real address; whatever the guesser wrote stays on the left.
    for n in range(LOGIN_FAILURES):
        sign_in(client, login_url, f"guess{n}", "wrong", via_proxy_for=f"192.0.2.{n}, 203.0.113.66")
    assert (
        sign_in(client, login_url, "admin", "pw", via_proxy_for="203.0.113.66").status_code == 429
    )


def test_without_trusted_proxies_the_forwarded_for_header_is_ignored(
    client, superuser, login_url, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(LOGIN_FAILURES):
        sign_in(client, login_url, f"guess{n}", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert sign_in(client, login_url, "admin", "pw").status_code == 429


def test_comments_record_the_address_the_lockout_sees(index, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    article = ArticlePageFactory(parent=index)
    client = csrf_client()
    data = form_fields(client, article) | {
        "name": "P",
        "email": "p@example.org",
        "comment": "Through the proxy",
    }
    response = client.post(
        "/comments/post/",
        data,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.66",
    )
    assert response.status_code == 302
    assert ArticleComment.objects.get().ip_address == "203.0.113.66"


def production_cache_settings(redis_url):
    """CACHES and AXES_HANDLER as the settings module builds them when REDIS_URL is set."""
    # The settings module alone: loading every app (django.setup()) adds seconds, not checks.
    probe = (
        "import json; from django.conf import settings as s;"
        "print(json.dumps({'caches': s.CACHES, 'axes': s.AXES_HANDLER}))"
    )
    env = {**os.environ, "REDIS_URL": redis_url, "DJANGO_SETTINGS_MODULE": "ogp_site.settings"}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def broken_redis(request, settings):
    """The site's Redis configuration, pointed at a proxy that refuses or hangs."""
    handler = {"refusing": faults.RefusingHandler, "hanging": faults.HangingHandler}[request.param]
    with faults.server(handler) as proxy:
        production = production_cache_settings(f"redis://127.0.0.1:{proxy.port}/{REDIS_DB}")
        options = production["caches"]["default"]["OPTIONS"]
        assert 0 < options["SOCKET_TIMEOUT"] <= 1 and 0 < options["SOCKET_CONNECT_TIMEOUT"] <= 1
        if request.param == "hanging":
            # Production gives up on a silent Redis after its timeout; every cache call of a
            # request waits that long, so a tenth of it proves the same in a tenth of the time.
            options.update(SOCKET_TIMEOUT=0.1, SOCKET_CONNECT_TIMEOUT=0.1)
        settings.CACHES = production["caches"]
        settings.AXES_HANDLER = production["axes"]
        AxesProxyHandler.get_implementation(force=True)
        yield proxy
    AxesProxyHandler.get_implementation(force=True)


@pytest.mark.parametrize("broken_redis", ["refusing", "hanging"], indirect=True)
def test_failed_sign_ins_still_lock_out_when_redis_is_down(
    broken_redis, client, superuser, login_url
):
    for _ in range(LOGIN_FAILURES - 1):
        assert sign_in(client, login_url, "admin", "wrong").status_code == 200
    assert sign_in(client, login_url, "admin", "wrong").status_code == 429
    assert sign_in(client, login_url, "admin", "pw").status_code == 429
    assert client.get("/healthz").status_code == 200
    assert broken_redis.connections > 0  # the site did try Redis, and got nowhere


@pytest.mark.parametrize("broken_redis", ["refusing", "hanging"], indirect=True)
def test_pages_and_comment_posts_still_answer_when_redis_is_down(broken_redis, index, settings):
    settings.PAGE_CACHE_ENABLED = True
    article = ArticlePageFactory(parent=index)
    client = csrf_client()
    assert client.get(article.url).status_code == 200
    data = form_fields(client, article) | {
        "name": "P",
        "email": "p@example.org",
        "comment": "Posted while Redis is away",
    }
    assert client.post("/comments/post/", data).status_code == 302
    assert ArticleComment.objects.get().comment == "Posted while Redis is away"
