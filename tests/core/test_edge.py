"""Two app servers behind Varnish (deploy/varnish/site.vcl), as production runs them.

Both gunicorn servers share the test database and a Redis database of their own, and purge
Varnish after every change; Varnish spreads readers over both with a round-robin director.
What an anonymous reader sees through Varnish must follow what an editor or a moderator does
through either server, and a signed-in editor always gets a live page. Skipped without
varnishd locally; in CI (CI=true) a missing varnishd or Redis fails instead.

On PostgreSQL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogp_edge \\
        .venv/bin/python -m pytest tests/core/test_edge.py --create-db
"""

import os
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import global_settings
from django.db import connection

import pytest
import redis

from articles.models import ArticlePage
from comments.models import ArticleComment
from tests.factories import ArticlePageFactory
from tests.utils import edge
from tests.utils.comments import rules
from tests.utils.html import comment_bodies, field_value, parse, text

# A Redis database for these servers alone, emptied before each test; set EDGE_REDIS_URL on a
# machine where another checkout may be using database 13.
REDIS_URL = os.environ.get("EDGE_REDIS_URL", "redis://127.0.0.1:6379/13")
PASSWORD = "edge-test-password"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def stack(django_db_setup):
    """Two app servers and Varnish in front of them, started once for this module."""
    if not edge.varnishd_available():
        edge.unavailable(f"No varnishd at {edge.VARNISHD}: apt-get install varnish")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        edge.unavailable(f"Redis is not answering at {REDIS_URL}")
    servers = []
    with tempfile.TemporaryDirectory(prefix="ogp-edge-") as tmp:
        try:
            try:
                started = start(Path(tmp), servers)
            except RuntimeError as error:  # a server that would not start, with its log
                pytest.fail(str(error), pytrace=False)
            yield started
        finally:
            for server in reversed(servers):
                server.stop()


def start(tmp, servers):
    edge_port = edge.free_port()
    edge_url = f"http://127.0.0.1:{edge_port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ogp_site.settings",
        "DEBUG": "false",
        "SECURE_HTTPS": "false",
        "DATABASE_URL": edge.database_url(connection.settings_dict),
        "REDIS_URL": REDIS_URL,
        "BASE_URL": edge_url,
        "FRONTEND_CACHE_PURGE_URL": edge_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TRUSTED_PROXY_COUNT": "1",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    collectstatic = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"]
    edge.run("collectstatic", collectstatic, env, tmp)
    for name in ("app1", "app2"):
        servers.append(edge.app_server(name, env, tmp))
        servers[-1].start()
    varnish, proxy_port = edge.varnish(edge_port, [app.port for app in servers], tmp)
    servers.append(varnish)
    varnish.start()
    return SimpleNamespace(
        app1=servers[0].url, app2=servers[1].url, edge=edge_url, proxy_port=proxy_port
    )


@pytest.fixture
def site(stack, index, editor, moderator, settings):
    """Two articles, an editor and a moderator who sign in with a password the servers check,
    and both caches empty."""
    # The servers check passwords with the site's own hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    for user in (editor, moderator):
        user.set_password(PASSWORD)
        user.save()
    rules(min_interval_seconds=0)
    first = ArticlePageFactory(parent=index, title="Mayors meet in the open", slug="mayors")
    second = ArticlePageFactory(parent=index, title="Budgets in plain words", slug="budgets")
    redis.Redis.from_url(REDIS_URL).flushdb()
    assert request(stack.edge + "/", method="BAN").status_code == 200
    return SimpleNamespace(stack=stack, first=first, second=second)


def request(url, browser=None, method="GET", **kwargs):
    browser = browser or edge.session()
    return browser.request(
        method, url, timeout=edge.REQUEST_SECONDS, allow_redirects=False, **kwargs
    )


def cached_state(response) -> str:
    return response.headers.get("X-Edge-Cache", "")


def warm(url) -> str:
    """Read a page twice as two anonymous readers; what the second got from Varnish."""
    assert request(url).status_code == 200
    return cached_state(request(url))


def headline(url, browser=None) -> str:
    return text(parse(request(url, browser)).h1)


def sign_in(base, username):
    browser = edge.session()
    form = parse(request(base + "/admin/login/", browser))
    data = {
        "username": username,
        "password": PASSWORD,
        "csrfmiddlewaretoken": field_value(form, "csrfmiddlewaretoken"),
        "next": "/admin/",
    }
    response = request(base + "/admin/login/", browser, method="POST", data=data)
    assert response.status_code == 302, response.text[:2000]
    return browser


def post_admin_form(browser, form_url, post_url=None):
    """Post an admin form the way its page does: with the CSRF token the page holds."""
    token = field_value(parse(request(form_url, browser)), "csrfmiddlewaretoken")
    response = request(
        post_url or form_url, browser, method="POST", data={"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302, response.text[:2000]


def post_comment(base, article, comment):
    """A reader fills in the article's comment form and sends it."""
    reader = edge.session()
    form = parse(request(base + article.url, reader)).select_one("#comment-form form")
    data = {
        field["name"]: field.get("value", "") for field in form.find_all("input", type="hidden")
    }
    data.update(name="Ada Reader", email="ada@example.org", url="", comment=comment)
    response = request(base + urlsplit(form["action"]).path, reader, method="POST", data=data)
    assert response.status_code == 302, response.text[:2000]


@pytest.mark.parametrize("path", ["/", "/news/", "article"])
def test_anonymous_readers_share_one_copy_at_the_edge(site, path):
    url = site.stack.edge + (site.first.url if path == "article" else path)
    first = request(url, headers={"Accept-Language": "en-GB"})
    assert first.status_code == 200
    assert "Set-Cookie" not in first.headers
    # Another reader: another language in the browser, a CSRF and an analytics cookie from
    # some earlier visit, a campaign tag on the link. The same stored copy serves them all.
    again = request(
        url + "?utm_source=newsletter",
        headers={"Accept-Language": "fr", "Cookie": "csrftoken=abc123; _ga=GA1.2.3"},
    )
    assert cached_state(again) == "HIT"
    assert again.content == first.content
    assert "Set-Cookie" not in again.headers


def test_a_publish_through_one_server_reaches_readers_through_the_edge(site):
    stack, article = site.stack, site.first
    assert warm(stack.edge + article.url) == "HIT"
    assert warm(stack.edge + "/news/") == "HIT"
    draft = ArticlePage.objects.get(pk=article.pk)
    draft.title = "Mayors agree to publish every contract"
    draft.save_revision()
    editor = sign_in(stack.app1, "editor")
    post_admin_form(editor, f"{stack.app1}/admin/bulk/wagtailcore/page/publish/?id={article.pk}")

    assert headline(stack.edge + article.url) == "Mayors agree to publish every contract"
    listing = parse(request(stack.edge + "/news/"))
    assert "Mayors agree to publish every contract" in text(listing)


def test_an_approval_through_one_server_reaches_readers_through_the_edge(site):
    stack, article, other = site.stack, site.first, site.second
    assert warm(stack.edge + article.url) == "HIT"
    assert warm(stack.edge + other.url) == "HIT"
    words = "Our council published its budget too; the meetings are now streamed."
    post_comment(stack.app2, article, words)
    held = request(stack.edge + article.url)
    assert words not in comment_bodies(parse(held))

    comment = ArticleComment.objects.get(comment=words)
    moderator = sign_in(stack.app1, "moderator")
    post_admin_form(
        moderator,
        f"{stack.app1}/admin/comments/{comment.pk}/",
        f"{stack.app1}/admin/comments/{comment.pk}/approve/",
    )

    assert words in comment_bodies(parse(request(stack.edge + article.url)))
    # The other article did not change, so its stored copy stays.
    assert cached_state(request(stack.edge + other.url)) == "HIT"


def test_a_signed_in_editor_always_gets_a_live_page_through_the_edge(site):
    stack, article = site.stack, site.first
    url = stack.edge + article.url
    assert warm(url) == "HIT"
    editor = sign_in(stack.app1, "editor")
    # A change that purges nothing: only a live page can show it.
    ArticlePage.objects.filter(pk=article.pk).update(title="Quietly retitled")

    for _ in range(2):
        live = request(url, editor)
        assert cached_state(live) == "PASS"
        assert text(parse(live).h1) == "Quietly retitled"
    anonymous = request(url)
    assert cached_state(anonymous) == "HIT"
    assert text(parse(anonymous).h1) == "Mayors meet in the open"
    assert cached_state(request(stack.edge + "/admin/", editor)) == "PASS"


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/healthz", "/comments/post/", "/es/comments/post/"]
)
def test_private_areas_are_never_stored_at_the_edge(site, path):
    url = site.stack.edge + path
    request(url)
    assert cached_state(request(url)) == "PASS"


def test_purges_are_taken_from_this_machine_only(site):
    stack = site.stack
    index_url = stack.edge + "/news/"
    assert warm(index_url) == "HIT"
    assert warm(stack.edge + "/") == "HIT"
    raw = "{} /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"

    # From a reader's address (as a TLS terminator in front reports it): refused.
    for method in ("PURGE", "BAN"):
        answer = edge.send_from(stack.proxy_port, "203.0.113.9", raw.format(method).encode())
        assert answer.startswith(b"HTTP/1.1 405 "), answer[:200]
    assert cached_state(request(index_url)) == "HIT"

    # From this machine, by either door: one path goes, whatever its query and host.
    answer = edge.send_from(stack.proxy_port, "127.0.0.1", raw.format("PURGE").encode())
    assert answer.startswith(b"HTTP/1.1 200 "), answer[:200]
    assert cached_state(request(index_url)) == "MISS"
    assert cached_state(request(index_url + "?page=1")) == "MISS"
    assert warm(index_url + "?page=1") == "HIT"
    purged = request(
        stack.edge + "/news/?topic=budgets", method="PURGE", headers={"Host": "localhost"}
    )
    assert purged.status_code == 200
    assert cached_state(request(index_url)) == "MISS"
    assert cached_state(request(index_url + "?page=1")) == "MISS"
    assert cached_state(request(stack.edge + "/")) == "HIT"

    # BAN / retires everything.
    assert request(stack.edge + "/", method="BAN").status_code == 200
    assert cached_state(request(stack.edge + "/")) == "MISS"
    assert cached_state(request(index_url)) == "MISS"
