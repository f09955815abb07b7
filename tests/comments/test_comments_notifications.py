"""Reply emails to commenters who asked for them, and the unsubscribe link; demo comments."""

import io
import re

from django.core import mail
from django.core.management import call_command
from django.test import Client

import pytest

from comments.models import ArticleComment, CommentStatus
from tests.factories import ArticlePageFactory
from tests.utils.comments import make_comment
from tests.utils.html import field_value, parse, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Open data", slug="open-data")


def test_an_approved_reply_emails_a_commenter_who_asked(
    article, moderator, django_capture_on_commit_callbacks
):
    parent = make_comment(article, user_email="asker@example.org", followup=True)
    reply = make_comment(article, status=CommentStatus.AWAITING, parent=parent, comment="Answer")
    client = Client()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/comments/{reply.pk}/approve/")
    to_asker = [m for m in mail.outbox if m.to == ["asker@example.org"]]
    assert len(to_asker) == 1
    assert "Answer" in to_asker[0].body
    assert "/comments/unsubscribe/" in to_asker[0].body
    # Approving again (after an unapprove) does not email twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/comments/{reply.pk}/unapprove/")
        client.post(f"/admin/comments/{reply.pk}/approve/")
    assert len([m for m in mail.outbox if m.to == ["asker@example.org"]]) == 1


def test_no_reply_email_without_the_tick(article, moderator):
    parent = make_comment(article, user_email="quiet@example.org", followup=False)
    reply = make_comment(article, status=CommentStatus.AWAITING, parent=parent)
    client = Client()
    client.force_login(moderator)
    client.post(f"/admin/comments/{reply.pk}/approve/")
    assert not [m for m in mail.outbox if m.to == ["quiet@example.org"]]


def test_the_unsubscribe_link_asks_then_stops_reply_emails(
    article, moderator, django_capture_on_commit_callbacks
):
    parent = make_comment(article, user_email="asker@example.org", followup=True)
    reply = make_comment(article, status=CommentStatus.AWAITING, parent=parent)
    client = Client()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/comments/{reply.pk}/approve/")
    link = re.search(r"https?://[^/]+(/comments/unsubscribe/[^\s]+)", mail.outbox[-1].body)[1]
    reader = Client(enforce_csrf_checks=True)
    page = parse(reader.get(link))
    assert text(page.select_one("main form button")) == "Stop reply emails"
    parent.refresh_from_db()
    assert parent.followup is True  # a GET (e.g. a link scanner) changes nothing
    token = field_value(page, "csrfmiddlewaretoken")
    done = parse(reader.post(link, {"csrfmiddlewaretoken": token}))
    assert "will not email you" in text(done.select_one(".notice--success"))
    parent.refresh_from_db()
    assert parent.followup is False
    assert reader.get("/comments/unsubscribe/forged/").status_code == 400


def test_the_demo_command_adds_comments_once(demo):
    call_command("load_demo", stdout=io.StringIO())  # a second run
    from articles.models import ArticlePage
    from demo.content import DIALOGUE_SLUG, MODEL_SLUG

    dialogue = ArticlePage.objects.get(slug=DIALOGUE_SLUG)
    model = ArticlePage.objects.get(slug=MODEL_SLUG)
    statuses = list(ArticleComment.objects.for_article(dialogue).values_list("status", flat=True))
    assert statuses.count(CommentStatus.APPROVED) >= 5
    assert statuses.count(CommentStatus.AWAITING) == 2
    assert statuses.count(CommentStatus.SPAM) == 1
    assert ArticleComment.objects.for_article(dialogue).exclude(level=0).approved().exists()
    assert not ArticleComment.objects.for_article(model).exists()
    assert text(parse(Client().get(model.url)).find(id="comments-heading")) == "No comments yet"
