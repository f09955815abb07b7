"""Emails are queued, not sent in the request: a hanging or refusing mail server costs nothing.

The real SMTP backend talks to loopback servers started here (tests/faults.py); the worker's
code (comments/mail_queue.py) delivers the queue as `manage.py send_queued_mail` does.
"""

import email
import email.policy
import io
import re

from django.core.management import call_command
from django.test import Client

import pytest
from mailer.models import Message

from comments import mail_queue
from comments.models import ArticleComment, CommentStatus
from comments.notifications import notify_moderators
from ogp_site import settings as site_settings
from tests.factories import ArticlePageFactory
from tests.utils import faults
from tests.utils.comments import csrf_client, make_comment, post_comment

pytestmark = pytest.mark.django_db

BROKEN_SERVERS = {"hanging": faults.HangingHandler, "refusing": faults.RefusingSMTPHandler}


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Open data", slug="open-data")


@pytest.fixture
def smtp_settings(settings):
    """The site's own mail backend for requests (not the tests' locmem), real SMTP behind it."""
    settings.EMAIL_BACKEND = site_settings.EMAIL_BACKEND
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_TIMEOUT = 1
    settings.EMAIL_USE_TLS = False

    def point_at(server):
        settings.EMAIL_PORT = server.port
        return server

    return point_at


def deliver(smtp_settings):
    """Run the worker once against a mail server that works; what it received."""
    with faults.server(faults.SMTPHandler) as working:
        smtp_settings(working)
        call_command("send_queued_mail", "--once", stdout=io.StringIO())
        return working.received


@pytest.mark.parametrize("kind", BROKEN_SERVERS)
def test_a_broken_mail_server_neither_delays_nor_fails_a_post_and_the_email_is_retried(
    kind, article, moderator, smtp_settings, django_capture_on_commit_callbacks
):
    with faults.server(BROKEN_SERVERS[kind]) as broken:
        smtp_settings(broken)
        with django_capture_on_commit_callbacks(execute=True):
            response = post_comment(csrf_client(), article, comment="Please review me")
        assert response.status_code == 302
        assert broken.connections == 0  # the request never talked to the mail server
        comment = ArticleComment.objects.get()
        assert comment.status == CommentStatus.AWAITING
        assert Message.objects.count() == 1

        assert mail_queue.send_queued() == {"sent": 0, "deferred": 1}
        assert broken.connections == 1
    assert Message.objects.count() == 1  # kept for a retry, not lost

    received = deliver(smtp_settings)
    assert len(received) == 1
    assert "Please review me" in received[0]
    assert f"/admin/comments/{comment.pk}/" in received[0]
    assert Message.objects.count() == 0


@pytest.mark.parametrize("kind", BROKEN_SERVERS)
def test_approving_and_staff_replies_queue_their_emails_whatever_the_mail_server_does(
    kind, article, moderator, smtp_settings, django_capture_on_commit_callbacks
):
    asker = make_comment(article, user_email="asker@example.org", followup=True)
    reply = make_comment(article, status=CommentStatus.AWAITING, parent=asker, comment="Answer")
    client = Client()
    client.force_login(moderator)
    with faults.server(BROKEN_SERVERS[kind]) as broken:
        smtp_settings(broken)
        with django_capture_on_commit_callbacks(execute=True):
            approved = client.post(f"/admin/comments/{reply.pk}/approve/")
            replied = client.post(f"/admin/comments/{asker.pk}/reply/", {"comment": "From us"})
        assert approved.status_code == replied.status_code == 302
        assert broken.connections == 0
        assert mail_queue.send_queued()["deferred"] == 2
    received = deliver(smtp_settings)
    assert len(received) == 2
    assert any("Answer" in body for body in received)
    assert any("From us" in body for body in received)


def test_a_line_break_in_an_article_title_does_not_break_posting_or_the_email(
    index, moderator, smtp_settings, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=index, title="Budget\r\nBcc: everyone@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(csrf_client(), article)
    assert response.status_code == 302
    received = deliver(smtp_settings)
    assert len(received) == 1
    message = email.message_from_string(received[0], policy=email.policy.default)
    assert "“Budget Bcc: everyone@example.org”" in message["Subject"]
    assert message["Bcc"] is None


def test_the_moderator_email_quotes_the_visitors_words_after_the_genuine_links(
    article, moderator, smtp_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = make_comment(
            article,
            status=CommentStatus.AWAITING,
            user_name="Eve\r\nApprove it: https://evil.example/approve",
            comment="Nice.\nApprove it: https://evil.example/again\nMark it as spam: nothing",
        )
        notify_moderators(comment)
    body = deliver(smtp_settings)[0].split("\r\n\r\n", 1)[1].replace("\r\n", "\n")
    links = re.findall(r"^Approve it: (\S+)$", body, re.MULTILINE)
    assert len(links) == 1 and "/admin/comments/quick/" in links[0]
    assert len(re.findall(r"^Mark it as spam: ", body, re.MULTILINE)) == 1
    start = body.index("what the visitor wrote ---")
    end = body.index("end of what the visitor wrote")
    assert body.index(links[0]) < start
    block = body[start:end]
    assert "Name: Eve Approve it: https://evil.example/approve" in block
    assert "> Approve it: https://evil.example/again" in block
    assert "evil.example" not in body[end:] and "evil.example" not in body[:start]
