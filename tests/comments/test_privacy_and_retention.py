"""The privacy notice, About and Contact pages, and how long comment IP addresses are kept."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from comments.models import ArticleComment
from demo.content import MODEL_SLUG
from tests.factories import ArticlePageFactory
from tests.utils.comments import make_comment

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_old_comment_ip_addresses_are_cleared_and_recent_ones_kept(index, settings, caplog):
    settings.COMMENTS_IP_RETENTION_DAYS = 30
    article = ArticlePageFactory(parent=index)
    old = make_comment(article, ip_address="192.0.2.1")
    recent = make_comment(article, ip_address="192.0.2.2")
    ArticleComment.objects.filter(pk=old.pk).update(
        submit_date=timezone.now() - datetime.timedelta(days=31)
    )
    ArticleComment.objects.filter(pk=recent.pk).update(
        submit_date=timezone.now() - datetime.timedelta(days=29)
    )
    out = io.StringIO()
    with caplog.at_level("INFO", logger="comments.retention"):
        call_command("clear_comment_ips", stdout=out)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.ip_address is None
    assert recent.ip_address == "192.0.2.2"
    assert "1 comment" in out.getvalue()
    assert any("1 comment" in record.getMessage() for record in caplog.records)


def test_the_demo_has_a_privacy_notice_saying_what_is_kept_and_for_how_long(client, demo):
    page = soup(client.get("/privacy/"))
    assert page.h1.get_text() == "Privacy notice"
    text = page.main.get_text(" ")
    for words in ("name", "email address", "IP address", "30 days"):
        assert words in text, words


def test_the_demo_has_about_and_contact_pages(client, demo):
    assert soup(client.get("/about/")).h1.get_text() == "About us"
    assert soup(client.get("/contact/")).h1.get_text() == "Contact"


def test_the_privacy_notice_is_linked_from_the_footer_and_the_comment_form(client, demo):
    page = soup(client.get(f"/news/{MODEL_SLUG}/"))
    assert page.find("footer", class_="site-footer").find("a", href="/privacy/")
    assert page.find(id="comment-form").find("a", href="/privacy/")


def test_the_email_note_appears_once_on_the_comment_form(client, index):
    article = ArticlePageFactory(parent=index)
    form = soup(client.get(article.url)).find(id="comment-form")
    assert form.get_text().count("will not be published") == 1
