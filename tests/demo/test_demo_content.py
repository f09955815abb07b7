"""`manage.py load_demo` builds the demo site once, and running it again changes nothing."""

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

import pytest

from articles.models import ArticlePage, Author, Topic
from tests.utils.demo import DEMO_PASSWORD
from tests.utils.html import parse, text, texts

pytestmark = pytest.mark.django_db

MODEL_URL = "/news/five-takeaways-from-the-first-ogp-local-assembly-meeting/"


def counts():
    return {
        "pages": Page.objects.count(),
        "articles": ArticlePage.objects.count(),
        "authors": Author.objects.count(),
        "topics": Topic.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_running_the_demo_command_twice_creates_nothing_new(demo):
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    assert first["articles"] >= 16


def test_the_model_article_has_two_authors_five_takeaways_and_its_related_content(client, demo):
    page = parse(client.get(MODEL_URL))
    assert text(page.h1) == "Five Takeaways from the First OGP Local Assembly Meeting"
    byline = text(page.select_one(".article__meta .byline"))
    assert byline == "By Amara Okafor and Tomás Lindqvist"
    takeaways = [title.split(".")[0] for title in texts(page, "h2.block-heading")]
    assert takeaways == ["1", "2", "3", "4", "5"]
    body = text(page.select_one(".article__body"))
    for fact in ("Nandi", "Quintana Roo", "11,000", "Khmelnytskyi", "Green City Action Plan"):
        assert fact in body, fact
    related = page.find(id="related-heading").find_parent("section")
    titles = [text(a) for a in related.select(".article-card__link")]
    assert "Four Steps to Build Dialogue Between Government and Civil Society" in titles
    report = related.find("a", string="IRM Report on Local Action Plans 2021-2022")
    assert report is not None and report["href"].endswith(".pdf")


def test_the_report_is_a_real_pdf(demo):
    report = get_document_model().objects.get(title="IRM Report on Local Action Plans 2021-2022")
    with report.file.open("rb") as f:
        assert f.read(5) == b"%PDF-"


def test_demo_articles_paginate_and_spread_over_authors_topics_and_labels(client, demo):
    assert parse(client.get("/news/")).find("a", rel="next") is not None
    published = ArticlePage.objects.live()
    assert published.values("label").distinct().count() >= 3
    assert Author.objects.filter(article_links__isnull=False).distinct().count() >= 3
    assert Topic.objects.filter(articles__isnull=False).distinct().count() >= 4
    assert all(article.feature_image_id for article in published)


def test_demo_users_can_log_in_with_the_demo_password_in_their_roles(client, demo):
    User = get_user_model()
    admin, editor, moderator = (
        User.objects.get(username=n) for n in ("admin", "editor", "moderator")
    )
    assert admin.is_superuser
    assert editor.groups.filter(name="Editors").exists()
    assert moderator.groups.filter(name="Moderators").exists()
    assert moderator.has_perm("wagtailadmin.access_admin")
    assert moderator.has_perm("ogp_comments.moderate_comments")
    assert not editor.has_perm("ogp_comments.moderate_comments")
    article = ArticlePage.objects.first()
    login = reverse("wagtailadmin_login")
    signed_in = client.post(login, {"username": "moderator", "password": DEMO_PASSWORD})
    assert signed_in.status_code == 302
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code in (302, 403)
    client.logout()
    signed_in = client.post(login, {"username": "editor", "password": DEMO_PASSWORD})
    assert signed_in.status_code == 302
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200


def test_without_debug_the_demo_needs_a_password_from_the_environment(monkeypatch, settings):
    settings.DEBUG = False
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="DEMO_PASSWORD"):
        call_command("load_demo", verbosity=0)
    assert not ArticlePage.objects.exists()
