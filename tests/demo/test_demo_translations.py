"""The demo in Spanish and French: what a reader of /es/ and /fr/ finds after load_demo."""

from django.core.management import call_command

from wagtail.models import Locale, Page, Revision

import pytest

from articles.models import ArticlePage, Author, Topic
from comments.models import ArticleComment
from demo import content as english
from demo import content_es, content_fr
from demo.comments import DEMO_COMMENTS
from tests.utils.html import parse, text, texts

pytestmark = pytest.mark.django_db

# Each test reads both languages after one load_demo: building the demo is the slow part.
LANGUAGES = (content_es, content_fr)
MODEL_URL = f"/news/{english.MODEL_SLUG}/"


def model_article_url(words):
    return f"/{words.LOCALE}/{words.NEWS_INDEX['slug']}/{words.MODEL_ARTICLE['slug']}/"


def english_article(slug):
    return ArticlePage.objects.get(locale=Locale.get_default(), slug=slug)


def comment_authors(soup):
    return texts(soup, ".comment__author")


def folded(words):
    """`words` with white space folded as tests.utils.html.text() folds a page's."""
    return " ".join(words.split())


def test_the_translated_home_pages_answer_under_their_language_prefix(client, demo):
    for words in LANGUAGES:
        soup = parse(client.get(f"/{words.LOCALE}/"))
        assert text(soup.h1) == words.HOME["title"]
        assert words.MODEL_ARTICLE["title"] in texts(soup, ".article-card__title")


def test_the_translated_model_articles_read_in_their_language(client, demo):
    for words in LANGUAGES:
        soup = parse(client.get(model_article_url(words)))
        assert text(soup.h1) == words.MODEL_ARTICLE["title"]
        translated_headings = [
            folded(block["value"]["text"])
            for block in words.MODEL_ARTICLE["body"]
            if block["type"] == "heading"
        ]
        assert texts(soup, "h2.block-heading") == translated_headings
        caption = text(soup.select_one(".article__caption-text"))
        assert caption == folded(words.MODEL_ARTICLE["caption"])


def test_the_bylines_of_translated_articles_lead_to_the_translated_authors(client, demo):
    for words in LANGUAGES:
        soup = parse(client.get(model_article_url(words)))
        byline = soup.select(".byline a.byline__author")
        assert [text(link) for link in byline] == ["Amara Okafor", "Tomás Lindqvist"]
        for link, slug in zip(byline, english.MODEL_ARTICLE["authors"], strict=True):
            assert link["href"].startswith(f"/{words.LOCALE}/")
            profile = parse(client.get(link["href"]))
            bio = text(profile.select_one(".profile__bio"))
            assert bio == folded(words.AUTHORS[slug]["bio"])


def test_translated_articles_are_filed_under_translated_topics(client, demo):
    for words in LANGUAGES:
        soup = parse(client.get(model_article_url(words)))
        topic_links = {
            link["href"] for link in soup.select("main a[href]") if "/topics/" in link["href"]
        }
        assert topic_links == {
            f"/{words.LOCALE}/topics/{words.TOPICS[slug][1]}/"
            for slug in english.MODEL_ARTICLE["topics"]
        }


def test_some_english_articles_are_left_untranslated_so_readers_meet_the_fallback(demo):
    untranslated = [
        english.more_article_slug(title)
        for title, *_ in english.MORE_ARTICLES
        if title not in content_es.MORE_ARTICLES and title not in content_fr.MORE_ARTICLES
    ]
    assert len(untranslated) >= 2
    for slug in untranslated:
        article = english_article(slug)
        assert article.live
        assert not article.get_translations().exists()


def test_the_spanish_comments_show_on_the_spanish_article_only(client, demo):
    spanish = comment_authors(parse(client.get(model_article_url(content_es))))
    approved = [c[3] for c in content_es.COMMENTS if c[2] == "approved"]
    held = [c[3] for c in content_es.COMMENTS if c[2] == "awaiting"]
    assert sorted(spanish) == sorted(approved)
    assert held and not set(held) & set(spanish)
    for url in (MODEL_URL, model_article_url(content_fr)):
        elsewhere = comment_authors(parse(client.get(url)))
        assert not set(elsewhere) & set(approved)


def test_a_second_run_translates_nothing_again(demo):
    def counts():
        return {
            "pages": Page.objects.count(),
            "revisions": Revision.objects.count(),
            "authors": Author.objects.count(),
            "topics": Topic.objects.count(),
            "comments": ArticleComment.objects.count(),
            "locales": Locale.objects.count(),
        }

    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    for words in (content_es, content_fr):
        locale = Locale.objects.get(language_code=words.LOCALE)
        assert ArticlePage.objects.filter(locale=locale).count() == 2 + len(words.MORE_ARTICLES)
        assert Author.objects.filter(locale=locale).count() == len(english.AUTHORS)
        assert Topic.objects.filter(locale=locale).count() == len(english.TOPICS)
    assert ArticleComment.objects.count() == len(DEMO_COMMENTS) + sum(
        len(words.COMMENTS) for words in (content_es, content_fr)
    )
