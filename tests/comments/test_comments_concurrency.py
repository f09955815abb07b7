"""Comments posted at the same moment, through a live server: threads stay whole, limits hold.

Each visitor is a browser of its own (see tests/comments/test_concurrent_comments.py). They all load the
form first and then send it together, so the posts really overlap. On PostgreSQL this shows
the races between writers; on SQLite (a file-based test database, see settings.py) it shows
that writers wait for the lock instead of failing. Run on PostgreSQL with, for example:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogp_test .venv/bin/pytest \
        tests/comments/test_comments_concurrency.py -q --create-db
"""

import threading
import urllib.parse
from collections import Counter, defaultdict
from html.parser import HTMLParser

from django.core.cache import cache

import pytest

from comments.models import ArticleComment, CommentStatus
from tests.comments.test_concurrent_comments import FORM_ACTION, HIDDEN_INPUT, Browser
from tests.factories import ArticlePageFactory
from tests.utils.comments import make_comment, rules

pytestmark = pytest.mark.django_db(transaction=True)


class _Placement(HTMLParser):
    """Where each comment shows on the page: the comment it is nested under (0 at the top)."""

    def __init__(self):
        super().__init__()
        self.stack, self.parent_of, self.shown = [], {}, []

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.stack.append(0)
        ident = dict(attrs).get("id") or ""
        if tag == "article" and ident.startswith("comment-") and self.stack:
            pk = int(ident.removeprefix("comment-"))
            self.stack[-1] = pk
            self.parent_of[pk] = next((p for p in reversed(self.stack[:-1]) if p), 0)
            self.shown.append(pk)

    def handle_endtag(self, tag):
        if tag == "li" and self.stack:
            self.stack.pop()


def post_all_at_once(live_server, posts):
    """Send every post together; `posts` are (browser, query, fields). Returns (status, body)."""
    prepared = []
    for browser, query, fields in posts:
        status, _, page = browser.open(live_server.article_path + query)
        assert status == 200
        data = dict(HIDDEN_INPUT.findall(page)) | {"url": "", "honeypot": ""} | fields
        action = urllib.parse.urlsplit(FORM_ACTION.search(page).group(1)).path
        prepared.append((browser, action, data))
    results = [None] * len(prepared)
    start = threading.Barrier(len(prepared))

    def send(n, browser, action, data):
        start.wait()
        try:
            status, _, body = browser.open(action, data)
        except Exception as error:  # reported by the caller's assertions
            status, body = repr(error), ""
        results[n] = (status, body)

    threads = [threading.Thread(target=send, args=(n, *job)) for n, job in enumerate(prepared)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def approve_everything():
    ArticleComment.objects.update(status=CommentStatus.APPROVED, is_public=True, is_removed=False)
    cache.clear()


def assert_thread_is_whole(live_server, article):
    """Every approved comment shows once, under its parent, siblings oldest first."""
    comments = list(ArticleComment.objects.for_article(article).approved())
    positions = [(c.thread_id, c.order) for c in comments]
    assert 0 not in {thread for thread, _ in positions}, "half-saved comments (thread_id=0)"
    assert len(positions) == len(set(positions)), "two comments share a place in a thread"

    status, _, page = Browser(live_server.url).open(live_server.article_path)
    assert status == 200
    placement = _Placement()
    placement.feed(page)
    assert sorted(placement.shown) == sorted(c.pk for c in comments), "comments missing"
    expected = {c.pk: 0 if c.parent_id in (0, c.pk) else c.parent_id for c in comments}
    assert placement.parent_of == expected
    children = defaultdict(list)
    for pk in placement.shown:
        children[placement.parent_of[pk]].append(pk)
    assert all(pks == sorted(pks) for pks in children.values())

    # xtd's `order` agrees with the tree: each thread in order is the tree read top to bottom.
    by_order = [c.pk for c in sorted(comments, key=lambda c: (c.thread_id, c.order))]
    assert by_order == placement.shown
    assert f"{len(comments)} comments" in page


@pytest.fixture
def live(live_server, index, settings):
    settings.COMMENTS_RATE_LIMIT = 100_000
    settings.TRUSTED_PROXY_COUNT = 1
    rules(min_interval_seconds=0)
    article = ArticlePageFactory(parent=index, title="Everyone replies", slug="replies")
    live_server.article = article
    live_server.article_path = article.url
    return live_server


def visitor(live, n):
    """A browser of its own, behind the trusted proxy with an address of its own."""
    browser = Browser(live.url)
    browser.opener.addheaders = [("X-Forwarded-For", f"203.0.113.{n + 10}")]
    return browser


def reply(live, n, parent, text):
    fields = {"name": f"Replier {n}", "email": f"r{n}@example.org", "comment": text}
    return visitor(live, n), f"?replyto={parent.pk}", fields | {"reply_to": str(parent.pk)}


def test_sixteen_simultaneous_replies_to_one_comment_keep_the_thread_whole(live):
    top = make_comment(live.article, user_name="Opener")
    make_comment(live.article, user_name="Later thread")
    results = post_all_at_once(
        live, [reply(live, n, top, f"Reply {n} to the opener.") for n in range(16)]
    )
    assert Counter(status for status, _ in results) == {302: 16}
    assert ArticleComment.objects.filter(parent_id=top.pk).exclude(pk=top.pk).count() == 16
    approve_everything()
    assert_thread_is_whole(live, live.article)


def test_thirty_two_simultaneous_replies_to_replies_keep_every_thread_whole(live):
    middles = []
    for t in range(2):
        top = make_comment(live.article, user_name=f"Thread {t}")
        middles += [
            make_comment(live.article, parent=top, user_name=f"Reply {t}.{m}") for m in range(4)
        ]
    posts = [
        reply(live, n, middles[n % len(middles)], f"Second-level reply number {n}.")
        for n in range(32)
    ]
    results = post_all_at_once(live, posts)
    assert Counter(status for status, _ in results) == {302: 32}
    assert ArticleComment.objects.filter(level=2).count() == 32
    approve_everything()
    assert_thread_is_whole(live, live.article)


def test_twenty_simultaneous_posts_from_different_readers_all_succeed(live, settings):
    # The deployment defaults: five comments per address, fifteen seconds between comments.
    settings.COMMENTS_RATE_LIMIT = 5
    rules(min_interval_seconds=15)
    top = make_comment(live.article, user_name="Opener")
    posts = []
    for n in range(20):
        if n % 2:
            posts.append(reply(live, n, top, f"A reply from reader {n}."))
        else:
            fields = {"name": f"Reader {n}", "email": f"n{n}@example.org"}
            posts.append((visitor(live, n), "", fields | {"comment": f"A comment by {n}."}))
    results = post_all_at_once(live, posts)
    assert all(isinstance(status, int) and status < 400 for status, _ in results), results
    texts = [fields["comment"] for *_, fields in posts]
    stored = Counter(ArticleComment.objects.values_list("comment", flat=True))
    assert all(stored[text] == 1 for text in texts)
    approve_everything()
    assert_thread_is_whole(live, live.article)


def test_simultaneous_posts_from_one_address_stop_at_the_rate_limit(live, settings):
    settings.COMMENTS_RATE_LIMIT = 5
    browser_posts = [
        (
            Browser(live.url),
            "",
            {"name": f"Fast {n}", "email": f"f{n}@example.org", "comment": f"Quick note {n}."},
        )
        for n in range(20)
    ]
    results = post_all_at_once(live, browser_posts)
    assert Counter(status for status, _ in results) == {302: 5, 429: 15}
    assert ArticleComment.objects.count() == 5


def test_a_comment_sent_twice_at_the_same_moment_is_stored_once(live):
    posts = []
    for n in range(20):
        browser = visitor(live, n)
        fields = {"name": f"Double {n}", "email": f"d{n}@example.org", "comment": f"Twice {n}."}
        posts += [(browser, "", fields), (browser, "", fields)]
    results = post_all_at_once(live, posts)
    statuses = Counter(status for status, _ in results)
    assert statuses == {302: 20, 400: 20}, statuses
    refused = [body for status, body in results if status == 400]
    assert all("already posted this comment" in body for body in refused)
    stored = Counter(ArticleComment.objects.values_list("comment", flat=True))
    assert stored == {f"Twice {n}.": 1 for n in range(20)}
