"""A commenter sees their own held comment, from a signed cookie rather than a session row."""

from django.contrib.sessions.models import Session

import pytest

from comments.models import ArticleComment
from comments.policy import OWN_COOKIE
from tests.factories import ArticlePageFactory
from tests.utils.comments import csrf_client, post_comment
from tests.utils.html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Open budgets")


def pending_ids(client, article) -> list[str]:
    soup = parse(client.get(article.url))
    return [comment["id"] for comment in soup.select(".comment--pending")]


def test_posting_writes_no_session_row_and_the_author_still_sees_their_comment(article):
    client = csrf_client()
    post_comment(client, article, comment="First held comment.")
    post_comment(client, article, comment="Second held comment.", email="ada2@example.org")
    # Simultaneous posts queued on the session table's writes on SQLite; there are none now.
    assert Session.objects.count() == 0
    ids = [
        f"comment-{pk}" for pk in ArticleComment.objects.order_by("pk").values_list("pk", flat=True)
    ]
    assert pending_ids(client, article) == ids


def test_a_forged_own_comments_cookie_shows_nothing(article, client):
    post_comment(csrf_client(), article, comment="Somebody else's held comment.")
    held = ArticleComment.objects.get()
    client.cookies[OWN_COOKIE] = str(held.pk)  # unsigned: a visitor guessing an id
    assert pending_ids(client, article) == []


def test_the_page_cache_never_serves_a_commenters_page_to_others(article, settings):
    settings.PAGE_CACHE_ENABLED = True
    reader = csrf_client()
    reader.get(article.url)
    author = csrf_client()
    post_comment(author, article, comment="Held, for my eyes only.")
    assert len(pending_ids(author, article)) == 1
    assert pending_ids(reader, article) == []


def test_comment_pages_in_every_language_are_never_cached(settings):
    from django.test import RequestFactory

    from core.cache import is_cacheable_request

    settings.PAGE_CACHE_ENABLED = True
    requests = RequestFactory()
    for path in ("/comments/follow/stop/x/", "/es/comments/follow/stop/x/", "/fr/comments/post/"):
        assert not is_cacheable_request(requests.get(path)), path
    assert is_cacheable_request(requests.get("/es/news/"))
