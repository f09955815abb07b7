"""Following an article's comments by email: double opt-in, notifications, one-click stop."""

import re

from django.conf import settings
from django.core import mail

import pytest
from bs4 import BeautifulSoup

from comments import actions
from comments.models import CommentStatus, ThreadSubscription
from tests.factories import ArticlePageFactory
from tests.utils.comments import csrf_client, make_comment
from tests.utils.html import parse, text

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"http://\S+/comments/follow/(confirm|stop)/(\S+)/")


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Budgets in the open", slug="budgets")


def csrf_token(client, url):
    """The token of a page drawn for one reader (the confirmation link's page)."""
    page = BeautifulSoup(client.get(url).content, "html.parser")
    return page.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]


def ask_to_follow(client, article, email="follower@example.org"):
    """Send the article's follow form, which, like the whole public page, carries no token."""
    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    form = page.select_one("form.follow-form")
    data = {
        field["name"]: field.get("value", "") for field in form.find_all("input", type="hidden")
    }
    return client.post("/comments/follow/", data | {"email": email})


def links(message):
    return {kind: f"/comments/follow/{kind}/{token}/" for kind, token in LINK.findall(message.body)}


def confirm(client, message):
    url = links(message)["confirm"]
    return client.post(url, {"csrfmiddlewaretoken": csrf_token(client, url)})


def test_following_sends_a_confirmation_and_nothing_else_until_it_is_confirmed(article):
    client = csrf_client()
    response = ask_to_follow(client, article)
    assert response.status_code == 200
    assert text(parse(response).select_one(".notice--success")).startswith("Check your inbox")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["follower@example.org"]
    assert "confirm" in links(mail.outbox[0])
    subscription = ThreadSubscription.objects.get()
    assert subscription.confirmed_at is None

    actions.apply(make_comment(article, status=CommentStatus.AWAITING), "approve", None)
    assert len(mail.outbox) == 1  # unconfirmed: nothing about the new comment


def test_opening_the_confirmation_link_changes_nothing_until_the_button_is_pressed(article):
    client = csrf_client()
    ask_to_follow(client, article)
    url = links(mail.outbox[0])["confirm"]
    page = client.get(url)
    assert page.status_code == 200
    assert ThreadSubscription.objects.get().confirmed_at is None
    assert confirm(client, mail.outbox[0]).status_code == 200
    assert ThreadSubscription.objects.get().confirmed_at is not None


def test_a_confirmed_follower_hears_of_each_approved_comment_once_with_a_one_click_stop(article):
    client = csrf_client()
    ask_to_follow(client, article)
    confirm(client, mail.outbox[0])
    comment = make_comment(article, status=CommentStatus.AWAITING, user_name="Ada")
    actions.apply(comment, "approve", None)
    actions.apply(comment, "unapprove", None)
    actions.apply(comment, "approve", None)
    notices = mail.outbox[1:]
    assert len(notices) == 1
    notice = notices[0]
    assert "Ada" in notice.body
    assert f"#comment-{comment.pk}" in notice.body
    assert "reader@example.org" not in notice.body  # the commenter's email stays private
    stop_url = links(notice)["stop"]
    assert (
        notice.extra_headers["List-Unsubscribe"] == f"<{settings.WAGTAILADMIN_BASE_URL}{stop_url}>"
    )
    assert notice.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # A mail client's one-click POST carries no CSRF token.
    assert client.post(stop_url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not ThreadSubscription.objects.exists()
    actions.apply(make_comment(article, status=CommentStatus.AWAITING), "approve", None)
    assert len(mail.outbox) == 2


def test_the_stop_link_asks_before_stopping(article):
    client = csrf_client()
    ask_to_follow(client, article)
    stop_url = links(mail.outbox[0])["stop"]
    assert client.get(stop_url).status_code == 200
    assert ThreadSubscription.objects.exists()


def test_asking_again_soon_sends_no_second_email(article):
    client = csrf_client()
    ask_to_follow(client, article)
    ask_to_follow(client, article, email="FOLLOWER@example.org")
    assert len(mail.outbox) == 1
    assert ThreadSubscription.objects.count() == 1


def test_a_forged_or_tampered_link_is_refused(article):
    client = csrf_client()
    ask_to_follow(client, article)
    url = links(mail.outbox[0])["confirm"]
    assert client.get(url[:-3] + "xx/").status_code == 400
    assert client.get("/comments/follow/stop/not-a-token/").status_code == 400


def test_a_bad_address_is_explained_and_kept(article):
    client = csrf_client()
    response = ask_to_follow(client, article, email="not-an-email")
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert "email address like" in page.find(id="follow-errors").get_text()
    assert page.find("input", attrs={"name": "email"})["value"] == "not-an-email"
    assert not mail.outbox
