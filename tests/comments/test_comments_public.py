"""What readers see and do: the comment section, the form, holding and approval."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import feedparser
import pytest

from comments.models import ArticleComment, CommentStatus
from tests.factories import ArticlePageFactory
from tests.utils.budgets import ARTICLE_BUDGET
from tests.utils.comments import (
    csrf_client,
    form_fields,
    html,
    make_comment,
    post_comment,
    rules,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Budgets in the open", slug="budgets")


def test_an_article_without_comments_says_so_and_offers_the_form(client, article):
    page = html(client.get(article.url))
    assert "No comments yet" in page
    assert "Leave a Reply" in page
    assert "Your email address will not be published" in page
    assert "Required fields are marked" in page
    for field in ("id_name", "id_email", "id_url", "id_comment"):
        assert f'<label class="field__label" for="{field}">' in page
    assert 'autocomplete="name"' in page
    assert 'autocomplete="email"' in page
    assert 'autocomplete="url"' in page


def test_a_posted_comment_is_held_and_the_visitor_is_told(article):
    client = csrf_client()
    response = post_comment(client, article, comment="Held until a moderator looks.")
    comment = ArticleComment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{article.url}#comment-{comment.pk}"
    assert comment.status == CommentStatus.AWAITING
    assert comment.is_public is False

    page = html(client.get(response["Location"]))
    assert "awaiting moderation" in page
    assert "Held until a moderator looks." in page  # the author sees their own comment
    assert "comment--pending" in page
    assert "No comments yet" in page  # and it is not counted


def test_nobody_else_sees_a_held_comment(article, client):
    post_comment(csrf_client(), article, comment="Only for the author and moderators.")
    assert "Only for the author and moderators." not in html(client.get(article.url))


def test_an_approved_comment_shows_with_the_count(article, client):
    post_comment(csrf_client(), article, comment="Please publish me.")
    ArticleComment.objects.get().set_status(CommentStatus.APPROVED)
    comment = ArticleComment.objects.get()
    comment.set_status(CommentStatus.APPROVED)
    comment.save()
    page = html(client.get(article.url))
    assert "1 comment" in page
    assert "Please publish me." in page
    assert f'id="comment-{comment.pk}"' in page
    assert f'href="#comment-{comment.pk}"' in page


def test_comments_are_threaded_oldest_first_with_reply_links(article, client):
    first = make_comment(article, user_name="First", comment="one")
    second = make_comment(article, user_name="Second", comment="two")
    reply = make_comment(article, parent=first, user_name="Replier", comment="reply to one")
    page = html(client.get(article.url))
    assert page.index("one") < page.index("reply to one") < page.index("two")
    assert "3 comments" in page
    assert f'href="?replyto={first.pk}#comment-form"' in page
    assert 'class="comment-list comment-list--replies"' in page
    assert reply.level == 1 and second.level == 0


def test_replies_stop_at_the_configured_depth(article, client):
    rules(reply_depth=1)
    top = make_comment(article)
    reply = make_comment(article, parent=top)
    page = html(client.get(article.url))
    assert f"?replyto={top.pk}#" in page
    assert f"?replyto={reply.pk}#" not in page


def test_a_reply_link_fills_the_form_and_the_reply_nests(article):
    rules(hold_all=False, min_interval_seconds=0)
    top = make_comment(article, user_name="Original")
    client = csrf_client()
    page = html(client.get(article.url + f"?replyto={top.pk}"))
    assert "Reply to Original" in page
    response = post_comment(client, article, query=f"?replyto={top.pk}", comment="I agree.")
    assert response.status_code == 302
    reply = ArticleComment.objects.get(comment="I agree.")
    assert reply.parent_id == top.pk
    assert reply.level == 1


def test_comment_text_is_escaped_with_line_breaks_and_nofollow_links(article, client):
    make_comment(
        article,
        user_url="https://example.net/me",
        comment="Line one\nLine <b>two</b> see https://example.com/x",
    )
    page = html(client.get(article.url))
    assert "Line one<br>Line &lt;b&gt;two&lt;/b&gt;" in page
    assert '<a href="https://example.com/x" rel="nofollow ugc">' in page
    assert '<a href="https://example.net/me" rel="nofollow ugc">Reader</a>' in page


def test_a_bad_post_shows_the_article_again_with_everything_typed(article):
    client = csrf_client()
    response = post_comment(
        client, article, name="", email="not-an-email", url="Mine", comment="Keep this text"
    )
    page = html(response)
    assert response.status_code == 400
    assert "Budgets in the open" in page  # the article itself, not an error page
    assert 'role="alert"' in page
    assert "Enter your name." in page
    assert "Enter an email address like name@example.org." in page
    assert "Keep this text" in page
    assert 'value="not-an-email"' in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_name-error"' in page
    assert ArticleComment.objects.count() == 0


def test_an_empty_or_too_long_comment_is_explained(article):
    client = csrf_client()
    page = html(post_comment(client, article, comment="   "))
    assert "Write your comment." in page
    page = html(post_comment(client, article, comment="x" * 3001))
    assert "the limit is 3000" in page
    assert "x" * 3000 in page and "x" * 3001 not in page  # kept up to the limit, no further
    assert ArticleComment.objects.count() == 0


def test_comments_switched_off_say_so_and_refuse_posts(article, client):
    make_comment(article, comment="An older approved comment.")
    poster = csrf_client()
    data = form_fields(poster, article)  # the form as it was before comments closed
    article.allow_comments = False
    article.save()
    page = html(client.get(article.url))
    assert "An older approved comment." in page
    assert "Comments are closed" in page
    assert "Leave a Reply" not in page

    data.update(name="A", email="a@example.org", comment="Too late to say this")
    response = poster.post("/comments/post/", data)
    assert response.status_code == 403
    assert "Comments are closed" in html(response)
    assert "Too late to say this" in html(response)
    assert ArticleComment.objects.count() == 1


def test_comments_close_automatically_after_the_set_number_of_days(index, client):
    old = ArticlePageFactory(parent=index, date=timezone.now() - datetime.timedelta(days=31))
    recent = ArticlePageFactory(parent=index, date=timezone.now() - datetime.timedelta(days=5))
    rules(close_after_days=30)
    assert "Comments are closed" in html(client.get(old.url))
    assert "Leave a Reply" in html(client.get(recent.url))
    response = post_comment(csrf_client(), old, comment="After the deadline")
    assert response.status_code == 403
    assert ArticleComment.objects.count() == 0


def test_top_level_comments_are_paginated_without_javascript(article, client):
    rules(per_page=2)
    for n in range(5):
        make_comment(article, comment=f"Comment number {n}")
    page = html(client.get(article.url))
    assert "Comment number 1" in page and "Comment number 2" not in page
    assert "5 comments" in page
    assert "?cpage=2#comments" in page
    assert "Comment number 2" in html(client.get(article.url + "?cpage=2"))


def test_staff_replies_carry_a_staff_badge(article, client):
    make_comment(article, is_staff_reply=True, user_name="Newsroom")
    assert '<span class="badge badge--staff">Staff</span>' in html(client.get(article.url))


def test_emails_and_ip_addresses_never_reach_the_public_page(article, client):
    make_comment(article, user_email="secret-person@example.org", ip_address="192.0.2.99")
    post_comment(csrf_client(), article, email="held-person@example.org", ip="192.0.2.98")
    page = html(client.get(article.url))
    for secret in ("secret-person@", "192.0.2.99", "held-person@", "192.0.2.98"):
        assert secret not in page


def test_emails_and_ip_addresses_never_reach_the_feed(article, client):
    make_comment(article, user_email="secret-person@example.org", ip_address="192.0.2.99")
    response = client.get("/news/feed/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert [entry.title for entry in feed.entries] == [article.title]
    body = html(response)
    assert "secret-person@" not in body and "192.0.2.99" not in body


def test_django_comments_xtd_api_is_not_exposed(article, client):
    make_comment(article)
    for url in ("/comments/api/", f"/comments/api/articles-articlepage/{article.pk}/"):
        assert client.get(url).status_code == 404


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_query_count_does_not_grow_with_comments(article, client):
    client.get(article.url)  # warm process-level caches (content types, site)
    make_comment(article)
    with_one = _count_queries(client, article.url)
    for n in range(49):
        parent = ArticleComment.objects.order_by("pk").first() if n % 3 == 0 else None
        make_comment(article, parent=parent, comment=f"Comment {n}")
    with_fifty = _count_queries(client, article.url)
    assert with_one == with_fifty
    assert with_fifty <= ARTICLE_BUDGET
