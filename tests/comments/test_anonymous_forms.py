"""One public page for every anonymous reader.

The article, its comment form and its follow form included, carries nothing that belongs to
one reader, so a shared cache can hand the same copy to everyone. The forms on it post
without a per-reader token; a signed-in reader still passes Django's CSRF check.
"""

import time
from types import SimpleNamespace

from django.conf import settings
from django.core import mail
from django.test import Client

import django_comments.forms
import pytest

from comments.forms import ArticleCommentForm
from comments.models import ArticleComment, CommentStatus, ThreadSubscription
from tests.factories import ArticlePageFactory
from tests.utils.comments import csrf_client, form_fields, rules
from tests.utils.html import comment_bodies, form_errors, messages, parse, text

pytestmark = pytest.mark.django_db

OTHER_SITE = "https://elsewhere.example"
TYPED = {
    "name": "Ada Reader",
    "email": "ada@example.org",
    "url": "",
    "comment": "The call centre idea would work in our county too.",
}


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Budgets in the open", slug="budgets")


@pytest.fixture
def signed_in(django_user_model):
    """A browser with a signed-in reader, checking CSRF as a real browser's requests are."""
    user = django_user_model.objects.create_user("signed", "signed@example.org", "pw")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def shared_copy(article) -> dict:
    """The comment form's hidden fields from the copy a shared cache holds.

    The copy was drawn for someone else, so the reader who posts it has none of its cookies.
    """
    return form_fields(Client(), article)


def follow_fields(client, article) -> dict:
    form = parse(client.get(article.url)).select_one("form.follow-form")
    return {
        field["name"]: field.get("value", "") for field in form.find_all("input", type="hidden")
    }


def follow_page_of(response, status):
    """The follow page's notices and the address its form holds."""
    page = parse(response, status)
    return [text(n) for n in page.select(".notice")], page.find(id="follow-email")


def test_every_anonymous_reader_gets_the_same_article_bytes_and_no_cookie(article, monkeypatch):
    # The form's timestamp is the one thing that changes from one second to the next: the two
    # readers ask in the same second, as two readers of a shared cache's copy do.
    now = time.time()
    monkeypatch.setattr(django_comments.forms, "time", SimpleNamespace(time=lambda: now))
    first = csrf_client().get(article.url, REMOTE_ADDR="203.0.113.1")
    returning = csrf_client()
    returning.cookies["csrftoken"] = "r" * 32  # left over from an earlier visit
    second = returning.get(article.url, REMOTE_ADDR="198.51.100.2")

    assert first.content == second.content
    for response in (first, second):
        page = parse(response)
        assert page.select_one("#comment-form input[name=security_hash]") is not None
        assert page.select_one("form.follow-form input[name=email]") is not None
        assert page.find(attrs={"name": "csrfmiddlewaretoken"}) is None
        assert not response.cookies, response.cookies.output()


def test_an_anonymous_comment_posts_without_any_token_and_is_held(article):
    reader = csrf_client()
    response = reader.post("/comments/post/", shared_copy(article) | TYPED)
    assert response.status_code == 302
    comment = ArticleComment.objects.get()
    assert comment.status == CommentStatus.AWAITING
    assert comment.user is None
    page = parse(reader.get(response["Location"]))
    assert any("awaiting moderation" in message for message in messages(page))


def test_without_a_token_only_a_signed_in_post_is_refused(article, signed_in, django_user_model):
    rules(min_interval_seconds=0)
    anonymous = csrf_client().post("/comments/post/", shared_copy(article) | TYPED)
    assert anonymous.status_code == 302

    # The signed-in reader's page is drawn for them alone and carries their token.
    own_copy = form_fields(signed_in, article)
    assert own_copy["csrfmiddlewaretoken"]
    mine = TYPED | {"email": "signed@example.org", "comment": "Signed in, so checked."}
    without_token = {k: v for k, v in own_copy.items() if k != "csrfmiddlewaretoken"}
    assert signed_in.post("/comments/post/", without_token | mine).status_code == 403
    forged = own_copy | {"csrfmiddlewaretoken": "f" * 64}
    assert signed_in.post("/comments/post/", forged | mine).status_code == 403
    assert ArticleComment.objects.filter(user__isnull=False).count() == 0

    assert signed_in.post("/comments/post/", own_copy | mine).status_code == 302
    stored = ArticleComment.objects.get(user__isnull=False)
    assert stored.user == django_user_model.objects.get(username="signed")
    assert stored.comment == "Signed in, so checked."


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": OTHER_SITE},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "cross-site"},
    ],
    ids=["origin", "null-origin", "fetch-metadata", "fetch-metadata-wins"],
)
def test_a_comment_sent_from_another_site_is_refused_and_the_text_kept(article, headers):
    response = csrf_client().post("/comments/post/", shared_copy(article) | TYPED, **headers)
    page = parse(response, 403)
    assert any("another website" in error for error in form_errors(page))
    assert text(page.select_one("#kept-comment")) == TYPED["comment"]
    # A fresh, empty form to send it from this page instead.
    assert page.select_one("#comment-form input[name=security_hash]") is not None
    assert text(page.select_one("#id_comment")) == ""
    assert not ArticleComment.objects.exists()


def test_a_comment_sent_from_the_site_itself_says_so_and_is_accepted(article):
    response = csrf_client().post(
        "/comments/post/",
        shared_copy(article) | TYPED,
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 302
    assert ArticleComment.objects.count() == 1


def test_a_form_from_a_page_cached_for_hours_still_posts_and_waits_for_a_moderator(article):
    # With these rules a fresh form's comment is published at once.
    rules(hold_all=False, min_interval_seconds=0)
    data = shared_copy(article)
    old = str(int(time.time()) - settings.COMMENTS_TIMEOUT - 3 * 60 * 60)
    data.update(
        timestamp=old,
        # What the page drawn back then carried (the site signed it then, as it signs now).
        security_hash=ArticleCommentForm(article).generate_security_hash(
            data["content_type"], data["object_pk"], old
        ),
    )
    reader = csrf_client()
    response = reader.post("/comments/post/", data | TYPED)
    assert response.status_code == 302
    comment = ArticleComment.objects.get()
    assert comment.status == CommentStatus.AWAITING
    assert comment.comment == TYPED["comment"]
    assert "older than" in comment.moderation_note
    page = parse(reader.get(response["Location"]))
    assert any("awaiting moderation" in message for message in messages(page))
    assert comment_bodies(parse(Client().get(article.url))) == []

    fresh = TYPED | {"email": "bo@example.org", "comment": "Sent from a fresh page."}
    assert csrf_client().post("/comments/post/", shared_copy(article) | fresh).status_code == 302
    assert ArticleComment.objects.get(user_email="bo@example.org").status == (
        CommentStatus.APPROVED
    )


def test_a_follow_request_needs_no_token(article, django_capture_on_commit_callbacks):
    data = follow_fields(Client(), article) | {"email": "follower@example.org"}
    with django_capture_on_commit_callbacks(execute=True):
        response = csrf_client().post("/comments/follow/", data)
    notices, _field = follow_page_of(response, 200)
    assert notices and notices[0].startswith("Check your inbox")
    assert [message.to for message in mail.outbox] == [["follower@example.org"]]


@pytest.mark.parametrize(
    "headers", [{"HTTP_ORIGIN": OTHER_SITE}, {"HTTP_SEC_FETCH_SITE": "cross-site"}]
)
def test_a_follow_request_from_another_site_is_refused_and_the_address_kept(
    article, headers, django_capture_on_commit_callbacks
):
    data = follow_fields(Client(), article) | {"email": "follower@example.org"}
    with django_capture_on_commit_callbacks(execute=True):
        response = csrf_client().post("/comments/follow/", data, **headers)
    notices, field = follow_page_of(response, 403)
    assert any("another website" in notice for notice in notices)
    assert field["value"] == "follower@example.org"
    assert not ThreadSubscription.objects.exists()
    assert mail.outbox == []


def test_without_a_token_only_a_signed_in_follow_request_is_refused(
    article, signed_in, django_capture_on_commit_callbacks
):
    anonymous = follow_fields(Client(), article) | {"email": "anon@example.org"}
    with django_capture_on_commit_callbacks(execute=True):
        assert csrf_client().post("/comments/follow/", anonymous).status_code == 200

    own_copy = follow_fields(signed_in, article)
    assert own_copy["csrfmiddlewaretoken"]
    without_token = {"article": own_copy["article"], "email": "signed@example.org"}
    with django_capture_on_commit_callbacks(execute=True):
        assert signed_in.post("/comments/follow/", without_token).status_code == 403
        response = signed_in.post("/comments/follow/", own_copy | {"email": "signed@example.org"})
    assert response.status_code == 200
    assert [message.to for message in mail.outbox] == [
        ["anon@example.org"],
        ["signed@example.org"],
    ]
