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
    make_comment,
    post_comment,
    rules,
)
from tests.utils.html import (
    comment_bodies,
    field_value,
    form_errors,
    link,
    parse,
    reply_links,
    text,
    texts,
)

pytestmark = pytest.mark.django_db


def heading(page) -> str:
    """The comment section's heading: the count, or "No comments yet"."""
    return text(page.select_one("#comments-heading"))


def form_heading(page) -> str:
    return text(page.select_one("#reply-heading"))


def read(client, url):
    return parse(client.get(url))


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Budgets in the open", slug="budgets")


def test_an_article_without_comments_says_so_and_offers_the_form(client, article):
    page = read(client, article.url)
    assert heading(page) == "No comments yet"
    assert form_heading(page) == "Leave a Reply"
    assert "Your email address will not be published." in texts(page, ".field__help")
    assert "Required fields are marked" in text(page.select_one("#comment-form"))
    for field in ("id_name", "id_email", "id_url", "id_comment"):
        assert page.find("label", attrs={"for": field}) is not None, field
        assert page.find(id=field) is not None, field
    for name in ("name", "email", "url"):
        assert page.find("input", attrs={"name": name})["autocomplete"] == name


def test_a_posted_comment_is_held_and_the_visitor_is_told(article):
    client = csrf_client()
    response = post_comment(client, article, comment="Held until a moderator looks.")
    comment = ArticleComment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{article.url}#comment-{comment.pk}"
    assert comment.status == CommentStatus.AWAITING
    assert comment.is_public is False

    page = read(client, response["Location"])
    assert any("awaiting moderation" in message for message in texts(page, ".messages .message"))
    pending = page.select_one(f"#comment-{comment.pk}")  # the author sees their own comment
    assert "comment--pending" in pending["class"]
    assert text(pending.select_one(".comment__body")) == "Held until a moderator looks."
    assert "awaiting moderation" in text(pending.select_one(".comment__pending-note"))
    assert heading(page) == "No comments yet"  # and it is not counted


def test_nobody_else_sees_a_held_comment(article, client):
    post_comment(csrf_client(), article, comment="Only for the author and moderators.")
    page = read(client, article.url)
    assert comment_bodies(page) == [] and "Only for the author" not in text(page)


def test_an_approved_comment_shows_with_the_count(article, client):
    post_comment(csrf_client(), article, comment="Please publish me.")
    ArticleComment.objects.get().set_status(CommentStatus.APPROVED)
    comment = ArticleComment.objects.get()
    comment.set_status(CommentStatus.APPROVED)
    comment.save()
    page = read(client, article.url)
    assert heading(page) == "1 comment"
    shown = page.select_one(f"#comment-{comment.pk}")
    assert text(shown.select_one(".comment__body")) == "Please publish me."
    assert shown.select_one(".comment__permalink")["href"] == f"#comment-{comment.pk}"


def test_comments_are_threaded_oldest_first_with_reply_links(article, client):
    first = make_comment(article, user_name="First", comment="one")
    second = make_comment(article, user_name="Second", comment="two")
    reply = make_comment(article, parent=first, user_name="Replier", comment="reply to one")
    page = read(client, article.url)
    assert comment_bodies(page) == ["one", "reply to one", "two"]
    assert heading(page) == "3 comments"
    assert link(page, "Reply to First")["href"] == f"?replyto={first.pk}#comment-form"
    nested = page.select_one(f"#comment-{first.pk}").find_next_sibling("ol")
    assert comment_bodies(nested) == ["reply to one"]
    assert reply.level == 1 and second.level == 0


def test_replies_stop_at_the_configured_depth(article, client):
    rules(reply_depth=1)
    top = make_comment(article)
    reply = make_comment(article, parent=top)
    page = read(client, article.url)
    replies = [a["href"] for a in page.select(".comment__actions a")]
    assert replies == [f"?replyto={top.pk}#comment-form"]
    assert reply.pk != top.pk


def test_a_reply_link_fills_the_form_and_the_reply_nests(article):
    rules(hold_all=False, min_interval_seconds=0)
    top = make_comment(article, user_name="Original")
    client = csrf_client()
    page = read(client, article.url + f"?replyto={top.pk}")
    assert form_heading(page) == "Reply to Original"
    assert field_value(page, "reply_to") == str(top.pk)
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
    page = read(client, article.url)
    body = page.select_one(".comment__body")
    assert body.find("br") is not None and body.find("b") is None
    assert "Line <b>two</b>" in body.get_text()  # the markup is shown as text
    (made_link,) = body.find_all("a")
    assert (made_link["href"], made_link["rel"]) == ("https://example.com/x", ["nofollow", "ugc"])
    author = page.select_one(".comment__author a")
    assert (text(author), author["href"]) == ("Reader", "https://example.net/me")
    assert author["rel"] == ["nofollow", "ugc"]


def test_a_bad_post_shows_the_article_again_with_everything_typed(article):
    client = csrf_client()
    response = post_comment(
        client, article, name="", email="not-an-email", url="Mine", comment="Keep this text"
    )
    page = parse(response, 400)
    assert text(page.h1) == "Budgets in the open"  # the article itself, not an error page
    summary = page.select_one(".error-summary")
    assert summary["role"] == "alert"
    assert form_errors(page) == [
        "Name: Enter your name.",
        "Email: Enter an email address like name@example.org.",
        "Website: Enter a web address starting with https://.",
    ]
    assert field_value(page, "comment") == "Keep this text"
    assert field_value(page, "email") == "not-an-email"
    name = page.find(id="id_name")
    assert name["aria-invalid"] == "true"
    assert "id_name-error" in name["aria-describedby"].split()
    assert text(page.find(id="id_name-error")) == "Error: Enter your name."
    assert ArticleComment.objects.count() == 0


def test_an_empty_or_too_long_comment_is_explained(article):
    client = csrf_client()
    page = parse(post_comment(client, article, comment="   "), 400)
    assert any("Write your comment." in error for error in form_errors(page))
    page = parse(post_comment(client, article, comment="x" * 3001), 400)
    assert any("the limit is 3000" in error for error in form_errors(page))
    assert field_value(page, "comment") == "x" * 3000  # kept up to the limit, no further
    assert ArticleComment.objects.count() == 0


def test_comments_switched_off_say_so_and_refuse_posts(article, client):
    make_comment(article, comment="An older approved comment.")
    poster = csrf_client()
    data = form_fields(poster, article)  # the form as it was before comments closed
    article.allow_comments = False
    article.save()
    page = read(client, article.url)
    assert comment_bodies(page) == ["An older approved comment."]
    assert texts(page, ".notice--info") == ["Comments are closed on this article."]
    assert page.select_one("#comment-form") is None

    data.update(name="A", email="a@example.org", comment="Too late to say this")
    response = poster.post("/comments/post/", data)
    page = parse(response, 403)
    assert any("Comments are closed" in error for error in form_errors(page))
    assert text(page.find(id="kept-comment")) == "Too late to say this"
    assert ArticleComment.objects.count() == 1


def test_comments_close_automatically_after_the_set_number_of_days(index, client):
    old = ArticlePageFactory(parent=index, date=timezone.now() - datetime.timedelta(days=31))
    recent = ArticlePageFactory(parent=index, date=timezone.now() - datetime.timedelta(days=5))
    poster = csrf_client()
    data = form_fields(poster, old)  # the form as it was before the rule closed comments
    rules(close_after_days=30)
    assert texts(read(client, old.url), ".notice--info")[0].startswith("Comments are closed")
    assert form_heading(read(client, recent.url)) == "Leave a Reply"
    data.update(name="A", email="a@example.org", comment="After the deadline")
    response = poster.post("/comments/post/", data)
    assert response.status_code == 403
    assert ArticleComment.objects.count() == 0


def test_top_level_comments_are_paginated_without_javascript(article, client):
    rules(per_page=2)
    for n in range(5):
        make_comment(article, comment=f"Comment number {n}")
    page = read(client, article.url)
    assert comment_bodies(page) == ["Comment number 0", "Comment number 1"]
    assert heading(page) == "5 comments"
    assert page.select_one('nav[aria-label="Comment pages"] a[href="?cpage=2#comments"]')
    assert comment_bodies(read(client, article.url + "?cpage=2")) == [
        "Comment number 2",
        "Comment number 3",
    ]


def test_staff_replies_carry_a_staff_badge(article, client):
    make_comment(article, is_staff_reply=True, user_name="Newsroom")
    page = read(client, article.url)
    assert texts(page, ".comment__meta .badge--staff") == ["Staff"]
    assert reply_links(page) == ["Reply to Newsroom"]


def test_emails_and_ip_addresses_never_reach_the_public_page(article, client):
    make_comment(article, user_email="secret-person@example.org", ip_address="192.0.2.99")
    post_comment(csrf_client(), article, email="held-person@example.org", ip="192.0.2.98")
    # The raw page on purpose: an address must not hide in an attribute or a comment either.
    page = client.get(article.url).content.decode()
    for secret in ("secret-person@", "192.0.2.99", "held-person@", "192.0.2.98"):
        assert secret not in page


def test_emails_and_ip_addresses_never_reach_the_feed(article, client):
    make_comment(article, user_email="secret-person@example.org", ip_address="192.0.2.99")
    response = client.get("/news/feed/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert [entry.title for entry in feed.entries] == [article.title]
    body = response.content.decode()  # raw on purpose: nowhere in the feed, not just its text
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
