"""Search at /search/?q=: what readers find, and queries that must never break the page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction
from wagtail.search.backends import get_search_backend

import pytest

from tests.factories import ArticlePageFactory, AuthorFactory, ImageFactory, TopicFactory
from tests.utils.html import card_titles, parse, text

pytestmark = pytest.mark.django_db


def indexed(article):
    """Index an article again once its authors are linked (the factory adds them after saving)."""
    get_search_backend().add(article)
    return article


def search(client, query, **params):
    return parse(client.get("/search/", {"q": query, **params}))


def result_titles(page):
    return card_titles(page, "main")


def result_count(page):
    """The number the "N results for …" line gives, None when there is no such line."""
    count = page.select_one(".search-count")
    return int(text(count).split()[0]) if count else None


def test_a_word_from_the_title_finds_the_article(client, index):
    indexed(ArticlePageFactory(parent=index, title="Nandi county call centre"))
    indexed(ArticlePageFactory(parent=index, title="Youth plan in Quintana Roo"))
    html = search(client, "Nandi")
    assert result_titles(html) == ["Nandi county call centre"]
    assert result_count(html) == 1


def test_words_from_the_summary_and_body_are_searched(client, index):
    indexed(ArticlePageFactory(parent=index, title="One", summary="A toll-free telephone line."))
    indexed(
        ArticlePageFactory(
            parent=index,
            title="Two",
            body=[{"type": "paragraph", "value": "<p>Residents co-created a greenhouse plan.</p>"}],
        )
    )
    assert result_titles(search(client, "telephone")) == ["One"]
    assert result_titles(search(client, "greenhouse")) == ["Two"]


def test_an_authors_name_finds_their_articles(client, index):
    author = AuthorFactory(name="Wanjiru Kamau")
    indexed(ArticlePageFactory(parent=index, title="By Wanjiru", authors=[author]))
    indexed(ArticlePageFactory(parent=index, title="By someone else", authors=[AuthorFactory()]))
    assert result_titles(search(client, "Kamau")) == ["By Wanjiru"]


def test_renaming_an_author_or_topic_finds_their_articles_by_the_new_name(client, index):
    author, topic = AuthorFactory(name="Old Surname"), TopicFactory(name="Old subject")
    indexed(ArticlePageFactory(parent=index, title="Their piece", authors=[author], topics=[topic]))
    author.name = "Achieng Otieno"
    author.save()
    topic.name = "Waterworks"
    topic.save()
    assert result_titles(search(client, "Otieno")) == ["Their piece"]
    assert result_titles(search(client, "Waterworks")) == ["Their piece"]
    assert result_titles(search(client, "Surname")) == []


def test_a_topic_name_finds_its_articles(client, index):
    topic = TopicFactory(name="Participatory budgeting")
    indexed(ArticlePageFactory(parent=index, title="Budgets", topics=[topic]))
    indexed(ArticlePageFactory(parent=index, title="Unrelated"))
    assert result_titles(search(client, "participatory")) == ["Budgets"]


def test_publishing_an_article_indexes_it_without_a_separate_step(client, index):
    # django-tasks' immediate backend runs the index update inside the save.
    ArticlePageFactory(parent=index, title="Freshly published harbour story")
    assert result_titles(search(client, "harbour")) == ["Freshly published harbour story"]


def test_drafts_and_private_articles_are_not_found(client, index):
    indexed(ArticlePageFactory(parent=index, title="Public lantern"))
    draft = ArticlePageFactory(parent=index, title="Draft lantern", live=False)
    indexed(draft)
    private = indexed(ArticlePageFactory(parent=index, title="Private lantern"))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert result_titles(search(client, "lantern")) == ["Public lantern"]


def test_an_empty_query_asks_for_words_instead_of_listing_results(client, index):
    ArticlePageFactory(parent=index, title="Anything")
    for query in ("", "   "):
        html = search(client, query)
        assert "Type a word or phrase" in text(html.main)
        assert result_titles(html) == []


def test_a_query_with_no_matches_says_so(client, index):
    ArticlePageFactory(parent=index, title="Something")
    html = search(client, "zzyzx")
    assert result_count(html) == 0
    assert "No articles match your search" in text(html.main)


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unclosed quote',
        "'single'",
        '"exact phrase"',
        "AND OR NOT",
        "(brackets) [square] {curly}",
        "a* -b +c ~d ^e",
        "NEAR(a b)",
        "col:value",
        "100% & <b>bold</b>; DROP TABLE x;--",
        "!@#$%^&*()_+=|\\/?.,<>`~",
        "Київ",
        "東京",
        "مرحبا",
        "Zürich São Paulo Łódź",
        "emoji 🎉",
        "x" * 1000,
        "東京" * 500,
        "Київ " * 200,
        "नमस्ते दुनिया",
        "word " * 200,
        " ".join(f"word{n}" for n in range(200)),
        "\x00null byte",
    ],
)
def test_awkward_queries_return_a_page_not_an_error(client, index, query):
    indexed(ArticlePageFactory(parent=index, title="Ordinary article"))
    html = search(client, query)
    assert text(html.select_one("h1.page-title")) == "Search"


def test_non_latin_words_find_articles_written_in_them(client, index):
    indexed(ArticlePageFactory(parent=index, title="Громади Київ", summary="Київ громада."))
    indexed(ArticlePageFactory(parent=index, title="Ordinary article"))
    assert result_titles(search(client, "Київ")) == ["Громади Київ"]


def test_a_quoted_or_punctuated_query_still_finds_the_words(client, index):
    indexed(ArticlePageFactory(parent=index, title="Green city action plan"))
    assert result_titles(search(client, '"green city"')) == ["Green city action plan"]
    assert result_titles(search(client, "green-city, plan!")) == ["Green city action plan"]


def test_a_very_long_query_is_cut_to_a_thousand_characters(client, index):
    html = search(client, "y" * 5000)
    value = html.find(id="search-page-q")["value"]
    assert len(value) == 1000


def test_results_are_paginated_and_show_the_total(client, index):
    for n in range(14):
        indexed(ArticlePageFactory(parent=index, title=f"Mayor report {n}"))
    first = search(client, "mayor")
    second = search(client, "mayor", page=2)
    assert result_count(first) == result_count(second) == 14
    assert len(result_titles(first)) == 12
    assert len(result_titles(second)) == 2
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    assert first.find("a", href="?q=mayor&page=2") is not None


def test_a_bad_or_out_of_range_page_shows_a_page_of_results(client, index):
    for n in range(13):
        indexed(ArticlePageFactory(parent=index, title=f"Assembly {n}"))
    assert len(result_titles(search(client, "assembly", page="abc"))) == 12
    assert len(result_titles(search(client, "assembly", page="999"))) == 1


def test_the_search_box_is_in_the_header_of_every_page(client, index):
    article = ArticlePageFactory(parent=index)
    for url in ("/", "/news/", article.url, "/search/"):
        header = parse(client.get(url)).find("header")
        form = header.find(attrs={"role": "search"})
        assert form is not None and form.find("input", attrs={"name": "q"}) is not None, url


def test_search_queries_do_not_grow_with_the_number_of_results(client, index):
    def queries():
        client.get("/search/", {"q": "council"})  # creates renditions once
        with CaptureQueriesContext(connection) as captured:
            client.get("/search/", {"q": "council"})
        return len(captured.captured_queries)

    for n in range(2):
        indexed(
            ArticlePageFactory(
                parent=index,
                title=f"Council news {n}",
                feature_image=ImageFactory(),
                authors=[AuthorFactory()],
                topics=[TopicFactory()],
            )
        )
    few = queries()
    for n in range(2, 12):
        indexed(
            ArticlePageFactory(
                parent=index,
                title=f"Council news {n}",
                feature_image=ImageFactory(),
                authors=[AuthorFactory(), AuthorFactory()],
            )
        )
    assert queries() == few


def test_letters_with_combining_marks_stay_one_word(client, index):
    indexed(ArticlePageFactory(parent=index, title="नमस्ते दुनिया"))
    indexed(ArticlePageFactory(parent=index, title="Ordinary article"))
    assert result_titles(search(client, "नमस्ते")) == ["नमस्ते दुनिया"]


def test_a_query_of_punctuation_only_finds_nothing_politely(client, index):
    ArticlePageFactory(parent=index, title="Ordinary article")
    html = search(client, "?!...")
    assert result_count(html) == 0
    assert "No articles match your search" in text(html.main)


def test_an_article_published_with_a_new_topic_is_found_by_its_name(client, index):
    old, new = TopicFactory(name="Old subject"), TopicFactory(name="Participatory budgeting")
    article = indexed(ArticlePageFactory(parent=index, title="Their piece", topics=[old]))
    article.topics = [new]
    article.save_revision().publish()
    assert result_titles(search(client, "Participatory")) == ["Their piece"]
