"""import_wordpress --locale: a WordPress export into the Spanish site, beside the English one."""

from django.core.management import CommandError

import pytest

from articles.models import ArticleIndexPage, ArticlePage, Author, Topic
from tests.factories import ArticlePageFactory, AuthorFactory, TopicFactory
from tests.utils.html import parse, text
from tests.utils.languages import locale, translate_page

from .test_import_wordpress import EXPORT, row_counts, run_import, summary

pytestmark = pytest.mark.django_db

EXPORTED_AUTHORS = {("alice", "Alice Mwangi"), ("bruno", "Bruno Díaz")}
EXPORTED_TOPICS = {"local-government", "participation", "open-data", "youth"}
LIVE_POSTS = {"five-lessons", "youth-plan"}


@pytest.fixture
def english(index):
    """English content already on the site, sharing an author's and a topic's slug with the export."""
    author = AuthorFactory(name="Alice Mwangi (English desk)", slug="alice")
    topic = TopicFactory(name="Local government", slug="local-government")
    article = ArticlePageFactory(
        parent=index,
        title="An English story",
        slug="english-story",
        authors=[author],
        topics=[topic],
    )
    return {"author": author, "topic": topic, "article": article}


@pytest.fixture
def spanish_index(home, index):
    translate_page(home, "es", title="Inicio")
    return translate_page(index, "es", title="Noticias", slug="noticias")


def english_snapshot() -> dict:
    """Everything in English a reader or editor could see change."""
    en = {"locale__language_code": "en-gb"}
    return {
        "authors": sorted(Author.objects.filter(**en).values_list("pk", "slug", "name")),
        "topics": sorted(Topic.objects.filter(**en).values_list("pk", "slug", "name")),
        "pages": sorted(
            (page.pk, page.title, page.url_path, page.live, page.latest_revision_id)
            for page in ArticlePage.objects.filter(**en)
        ),
        "byline": [
            (page.slug, [a.pk for a in page.author_list], sorted(t.pk for t in page.topics.all()))
            for page in ArticlePage.objects.filter(**en).order_by("pk")
        ],
    }


def test_articles_authors_and_topics_land_in_the_spanish_site(english, spanish_index, client):
    before = english_snapshot()
    output = run_import(EXPORT, "--locale", "es")

    imported = ArticlePage.objects.filter(slug__in=LIVE_POSTS)
    assert {page.slug for page in imported} == LIVE_POSTS
    for page in imported:
        assert page.locale.language_code == "es"
        assert page.get_parent().pk == spanish_index.pk
        assert page.url.startswith("/es/noticias/"), page.url
    es = {"locale__language_code": "es"}
    assert set(Author.objects.filter(**es).values_list("slug", "name")) == EXPORTED_AUTHORS
    assert set(Topic.objects.filter(**es).values_list("slug", flat=True)) == EXPORTED_TOPICS
    lessons = ArticlePage.objects.get(slug="five-lessons")
    assert {a.locale.language_code for a in lessons.author_list} == {"es"}
    assert {t.locale.language_code for t in lessons.topics.all()} == {"es"}
    assert "Español" in output.splitlines()[0]

    soup = parse(client.get("/es/noticias/five-lessons/"))
    assert soup.html["lang"] == "es"
    assert text(soup.find("h1")) == "Five lessons from the local assembly"
    assert english_snapshot() == before
    assert text(parse(client.get("/news/english-story/")).find("h1")) == "An English story"


def test_a_second_spanish_import_changes_nothing(english, spanish_index):
    run_import(EXPORT, "--locale", "es")
    before, english_before = row_counts(), english_snapshot()
    again = summary(run_import(EXPORT, "--locale", "es"))
    assert row_counts() == before
    assert english_snapshot() == english_before
    assert again and all(row["created"] == row["updated"] == 0 for row in again.values()), again


def test_an_unknown_locale_is_a_clear_error_and_changes_nothing(english, spanish_index):
    before, english_before = row_counts(), english_snapshot()
    with pytest.raises(CommandError, match=r"Unknown --locale 'xx'; the site has: .*\bes\b"):
        run_import(EXPORT, "--locale", "xx")
    assert row_counts() == before
    assert english_snapshot() == english_before


def test_a_locale_without_a_news_index_is_a_clear_error_and_changes_nothing(english, home):
    # French exists as a language and has a home page, but no news index to import under.
    translate_page(home, "fr", title="Accueil")
    locale("fr")
    before, english_before = row_counts(), english_snapshot()
    with pytest.raises(CommandError, match=r"no article index page in .*\(fr\)"):
        run_import(EXPORT, "--locale", "fr")
    assert row_counts() == before
    assert english_snapshot() == english_before
    assert not ArticleIndexPage.objects.filter(locale__language_code="fr").exists()
