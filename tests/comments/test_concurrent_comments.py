"""Many readers commenting at once, against a live server (correctness, not speed).

80 comments from 20 concurrent clients, each a browser of its own (cookie jar, the form's
signed hidden fields; the shared page carries no CSRF token), with the rate limits raised for the test: every comment is
stored exactly once, none is public before a moderator approves it, and the article and the
news index keep answering 200 to another reader meanwhile.

On PostgreSQL the writers really run side by side; on SQLite (a file-based test database)
they queue for the write lock, which is what the embedded default does. For PostgreSQL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogp_bench_dev \
        .venv/bin/pytest tests/comments/test_concurrent_comments.py -q --create-db
"""

import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

import pytest

from comments.models import ArticleComment, CommentStatus
from tests.factories import ArticlePageFactory
from tests.utils.comments import rules

CLIENTS = 20
POSTS_PER_CLIENT = 4
HIDDEN_INPUT = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')
FORM_ACTION = re.compile(r'<form method="post" action="([^"]+)"')

pytestmark = pytest.mark.django_db(transaction=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let the test see the 302 after a post instead of following it."""

    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One visitor: their own cookies (flash messages, own held comments), speaking plain
    HTTP/1.1."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect
        )

    def open(self, path, data=None):
        """(status, headers, body) of a GET, or of a POST when `data` is given."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, data=body, timeout=60) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def post_comment(self, article_path, **fields):
        status, _, page = self.open(article_path)
        assert status == 200, f"GET {article_path} answered {status}"
        data = dict(HIDDEN_INPUT.findall(page))
        assert "csrfmiddlewaretoken" not in data and "security_hash" in data
        data.update(url="", honeypot="", **fields)
        action = urllib.parse.urlsplit(FORM_ACTION.search(page).group(1)).path
        return self.open(action, data)


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Everyone has an opinion", slug="busy")


def test_concurrent_comments_are_stored_once_and_held(live_server, settings, article):
    settings.COMMENTS_RATE_LIMIT = 100_000
    settings.PAGE_CACHE_ENABLED = True  # readers get what production serves them
    rules(min_interval_seconds=0)
    article_path = article.url
    texts = {
        (client, n): f"Concurrent comment {n} from client {client}: please publish the minutes."
        for client in range(CLIENTS)
        for n in range(POSTS_PER_CLIENT)
    }
    results, failures, busy, lock = [], [], [], threading.Lock()
    posting_done = threading.Event()
    reads = Counter()

    def commenter(client):
        browser = Browser(live_server.url)
        try:
            for n in range(POSTS_PER_CLIENT):
                # A database too busy to take the write answers 503 with Retry-After (SQLite
                # under a loaded machine can); the reader sends the same comment again.
                for _attempt in range(3):
                    status, headers, _ = browser.post_comment(
                        article_path,
                        name=f"Reader {client}",
                        email=f"reader{client}@example.org",
                        comment=texts[client, n],
                    )
                    if status != 503:
                        break
                    with lock:
                        busy.append(headers.get("Retry-After"))
                    time.sleep(0.5)
                with lock:
                    results.append((client, n, status, headers.get("Location", "")))
        except Exception as error:  # reported by the assertions below
            with lock:
                failures.append(f"client {client}: {error!r}")

    def reader():
        browser = Browser(live_server.url)
        while not posting_done.is_set():
            for path in (article_path, "/news/"):
                try:
                    status = browser.open(path)[0]
                except Exception as error:
                    status = repr(error)
                with lock:
                    reads[status] += 1
            time.sleep(0.02)

    reading = threading.Thread(target=reader)
    reading.start()
    commenters = [threading.Thread(target=commenter, args=(c,)) for c in range(CLIENTS)]
    try:
        for thread in commenters:
            thread.start()
        for thread in commenters:
            thread.join(timeout=300)
    finally:
        posting_done.set()
        reading.join(timeout=60)

    assert not failures, failures
    assert len(results) == CLIENTS * POSTS_PER_CLIENT
    statuses = Counter(status for _, _, status, _ in results)
    assert statuses == {302: CLIENTS * POSTS_PER_CLIENT}, statuses
    assert all(retry_after and retry_after.isdigit() for retry_after in busy), busy
    assert all(location.startswith(f"{article_path}#comment-") for *_, location in results)

    # Each stored exactly once, none lost, none doubled.
    stored = ArticleComment.objects.filter(comment__in=texts.values())
    per_text = Counter(stored.values_list("comment", flat=True))
    assert set(per_text) == set(texts.values())
    assert set(per_text.values()) == {1}
    assert stored.count() == ArticleComment.objects.count() == CLIENTS * POSTS_PER_CLIENT

    # None public before approval: held, not public, and absent from what anyone else sees.
    assert set(stored.values_list("status", flat=True)) == {CommentStatus.AWAITING}
    assert not stored.filter(is_public=True).exists()
    for headers in ({}, {"Cookie": "sessionid=a-stranger-without-session"}):
        stranger = Browser(live_server.url)
        stranger.opener.addheaders = list(headers.items())
        status, _, page = stranger.open(article_path)
        assert status == 200
        assert "No comments yet" in page
        assert not [text for text in texts.values() if text in page]

    # Reads kept answering while the comments came in.
    assert reads[200] > 0, reads
    assert set(reads) == {200}, reads
