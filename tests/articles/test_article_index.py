"""/news/: filtering by topic and author, with pagination, and friendly dead ends."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    TopicFactory,
    add_articles,
)

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def card_titles(html):
    return re.findall(r'class="article-card__link" href="[^"]*">([^<]+)</a>', html)


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
    assert "2 articles" in html and "<strong>Climate</strong>" in html


def test_the_author_filter_lists_only_that_authors_articles(client, catalogue):
    assert card_titles(get(client, "/news/", author="ben-cho")) == [
        "Ben on climate",
        "Ann on youth",
    ]


def test_topic_and_author_filters_combine(client, catalogue):
    html = get(client, "/news/", topic="climate", author="ann-lee")
    assert card_titles(html) == ["Ann on climate"]
    assert "<strong>Climate</strong>" in html and "<strong>Ann Lee</strong>" in html


def test_the_active_filters_are_selected_in_the_form(client, catalogue):
    html = get(client, "/news/", topic="youth", author="ann-lee")
    assert '<option value="youth" selected>Youth</option>' in html
    assert '<option value="ann-lee" selected>Ann Lee</option>' in html
    assert '<option value="climate">Climate</option>' in html


def test_the_filter_form_works_without_javascript(client, catalogue):
    html = get(client, "/news/")
    form = html[
        html.index('<form class="filters"') : html.index(
            "</form>", html.index('<form class="filters"')
        )
    ]
    assert 'method="get"' in form and 'action="/news/"' in form
    assert '<label class="filters__label" for="filter-topic">Topic</label>' in form
    assert '<label class="filters__label" for="filter-author">Author</label>' in form
    assert 'type="submit"' in form


def test_an_empty_choice_from_the_form_means_no_filter(client, catalogue):
    html = get(client, "/news/", topic="", author="")
    assert len(card_titles(html)) == 3
    assert "Clear filters" not in html


def test_filtered_lists_offer_a_link_to_clear_the_filters(client, catalogue):
    html = get(client, "/news/", topic="climate", author="ann-lee")
    assert '<a class="filters__clear-all" href="/news/">Clear filters' in html
    assert 'href="?author=ann-lee">Remove the topic filter' in html
    assert 'href="?topic=climate">Remove the author filter' in html
    assert "Clear filters" not in get(client, "/news/")


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
    assert "We have no" in html
    assert "No articles match these filters." in html
    assert "Clear filters" in html
    assert "<script>alert(1)</script>" not in html


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
    assert 'href="?topic=climate&amp;page=2"' in first
    assert "14 articles" in second


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
