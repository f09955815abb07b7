"""/news/: filtering by topic and author, with pagination, and friendly dead ends."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    TopicFactory,
    add_articles,
)
from tests.utils.html import card_titles, link, parse, text, texts

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    return parse(client.get(url, params))


def status(page) -> str:
    """What the filter status line tells the reader, e.g. "2 articles on Climate"."""
    # Without its full stop: the template leaves a space before it ("Climate .").
    return text(page.select_one(".filters__status p")).removesuffix(".").rstrip()


def selected(page, name) -> list[str]:
    return texts(page, f"select[name={name}] option[selected]")


@pytest.fixture
def catalogue(index):
    climate = TopicFactory(name="Climate", slug="climate")
    youth = TopicFactory(name="Youth", slug="youth")
    ann = AuthorFactory(name="Ann Lee", slug="ann-lee")
    ben = AuthorFactory(name="Ben Cho", slug="ben-cho")
    ArticlePageFactory(parent=index, title="Ann on climate", topics=[climate], authors=[ann])
    ArticlePageFactory(parent=index, title="Ben on climate", topics=[climate], authors=[ben])
    ArticlePageFactory(parent=index, title="Ann on youth", topics=[youth], authors=[ann, ben])
    ArticlePageFactory(parent=index, title="Draft on climate", topics=[climate], live=False)
    return index


def test_the_topic_filter_lists_only_that_topics_articles(client, catalogue):
    html = get(client, "/news/", topic="climate")
    assert card_titles(html) == ["Ann on climate", "Ben on climate"]
    assert status(html) == "2 articles on Climate"
    assert texts(html, ".filters__status strong") == ["Climate"]


def test_the_author_filter_lists_only_that_authors_articles(client, catalogue):
    assert card_titles(get(client, "/news/", author="ben-cho")) == [
        "Ben on climate",
        "Ann on youth",
    ]


def test_topic_and_author_filters_combine(client, catalogue):
    html = get(client, "/news/", topic="climate", author="ann-lee")
    assert card_titles(html) == ["Ann on climate"]
    assert status(html) == "1 article on Climate by Ann Lee"


def test_the_active_filters_are_selected_in_the_form(client, catalogue):
    html = get(client, "/news/", topic="youth", author="ann-lee")
    assert selected(html, "topic") == ["Youth"]
    assert selected(html, "author") == ["Ann Lee"]
    climate = html.select_one("select[name=topic] option[value=climate]")
    assert text(climate) == "Climate" and not climate.has_attr("selected")


def test_the_filter_form_works_without_javascript(client, catalogue):
    html = get(client, "/news/")
    form = html.select_one("form.filters")
    assert (form["method"], form["action"]) == ("get", "/news/")
    labels = {label["for"]: text(label) for label in form.find_all("label")}
    assert labels == {"filter-topic": "Topic", "filter-author": "Author"}
    assert form.find(id="filter-topic").name == form.find(id="filter-author").name == "select"
    assert form.find("button", type="submit") is not None


def test_an_empty_choice_from_the_form_means_no_filter(client, catalogue):
    html = get(client, "/news/", topic="", author="")
    assert len(card_titles(html)) == 3
    assert html.select_one(".filters__clear-all") is None


def test_filtered_lists_offer_a_link_to_clear_the_filters(client, catalogue):
    html = get(client, "/news/", topic="climate", author="ann-lee")
    clear = html.select_one("a.filters__clear-all")
    assert (clear["href"], text(clear)) == ("/news/", "Clear filters and show all articles")
    assert link(html, "Remove the topic filter (Climate)")["href"] == "?author=ann-lee"
    assert link(html, "Remove the author filter (Ann Lee)")["href"] == "?topic=climate"
    assert get(client, "/news/").select_one(".filters__clear-all") is None


@pytest.mark.parametrize(
    "params",
    [
        {"topic": "no-such-topic"},
        {"author": "nobody"},
        {"topic": "climate", "author": "nobody"},
        {"topic": "<script>alert(1)</script>"},
        {"topic": "x" * 2000, "page": "3"},
    ],
)
def test_unknown_slugs_give_an_empty_friendly_page_not_an_error(client, catalogue, params):
    html = get(client, "/news/", **params)
    assert card_titles(html) == []
    assert status(html).startswith("We have no")
    assert "No articles match these filters." in text(html.main)
    assert html.select_one("a.filters__clear-all")["href"] == "/news/"
    assert html.find("script", string="alert(1)") is None  # shown as text, never run


def test_filters_carry_through_pagination(client, index):
    climate = TopicFactory(slug="climate")
    for n in range(14):
        ArticlePageFactory(parent=index, title=f"Climate {n:02}", topics=[climate])
    for n in range(5):
        ArticlePageFactory(parent=index, title=f"Other {n}")
    first = get(client, "/news/", topic="climate")
    second = get(client, "/news/", topic="climate", page="2")
    assert len(card_titles(first)) == 12
    assert len(card_titles(second)) == 2
    assert all(title.startswith("Climate") for title in card_titles(first) + card_titles(second))
    assert first.find("a", href="?topic=climate&page=2") is not None
    assert status(second) == f"14 articles on {climate.name}"


@pytest.mark.parametrize(
    ("page", "expected_first"),
    [("abc", "Day 00"), ("0", "Day 00"), ("-3", "Day 00"), ("999", "Day 12"), ("2", "Day 12")],
)
def test_bad_and_out_of_range_pages_show_the_nearest_page(client, index, page, expected_first):
    for n in range(13):
        ArticlePageFactory(parent=index, title=f"Day {n:02}")
    assert card_titles(get(client, "/news/", page=page))[0] == expected_first


@pytest.mark.parametrize("path", ["/topics/climate/", "/authors/ann-lee/"])
@pytest.mark.parametrize(("page", "count"), [("abc", 12), ("0", 12), ("999", 1), ("2", 1)])
def test_topic_and_author_pages_paginate_and_survive_bad_pages(client, index, path, page, count):
    topic, author = TopicFactory(slug="climate"), AuthorFactory(slug="ann-lee")
    for _ in range(13):
        ArticlePageFactory(parent=index, topics=[topic], authors=[author])
    assert len(card_titles(get(client, path, page=page))) == count


def queries_for(client, url):
    client.get(url)  # the first request creates renditions
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_filtered_index_queries_do_not_grow_with_the_number_of_cards(client, index):
    topic, author = TopicFactory(slug="t"), AuthorFactory(slug="a")
    urls = ("/news/?topic=t", "/news/?author=a", "/news/?topic=t&author=a", "/news/?topic=zz")

    add_articles(index, 2, author, topic)
    few = {url: queries_for(client, url) for url in urls}
    add_articles(index, 10, author, topic)
    assert {url: queries_for(client, url) for url in urls} == few
