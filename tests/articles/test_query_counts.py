"""SQL query budgets: counts stay flat however many authors, picks or cards a page has."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.factories import ArticlePageFactory, AuthorFactory, ImageFactory, TopicFactory, related
from tests.utils.budgets import ARTICLE_BUDGET, ARTICLE_QUERIES

pytestmark = pytest.mark.django_db

LISTING_URLS = ("/", "/news/", "/search/?q=Article")


def queries_for(client, url, cold=False):
    client.get(url)  # the first view creates image renditions; readers after it only read
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    writes = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")
    ]
    assert writes == [], "rendering a page must never write to the database"
    return len(captured.captured_queries)


def build_article(index, n_authors, n_related, suffix):
    topic = TopicFactory()
    article = ArticlePageFactory(
        parent=index,
        title=f"Main {suffix}",
        feature_image=ImageFactory(),
        authors=[AuthorFactory() for _ in range(n_authors)],
        topics=[topic],
    )
    for n in range(n_related):
        target = ArticlePageFactory(
            parent=index, feature_image=ImageFactory(), authors=[AuthorFactory(), AuthorFactory()]
        )
        related(article, n, linked_page=target)
    # topic-matched articles that top up the related block
    for _ in range(3):
        ArticlePageFactory(
            parent=index, topics=[topic], feature_image=ImageFactory(), authors=[AuthorFactory()]
        )
    return article


@pytest.mark.parametrize("lookups", ["warm", "cold"])
def test_article_page_queries_do_not_grow_with_authors_or_related_items(client, index, lookups):
    small = build_article(index, n_authors=1, n_related=1, suffix="small")
    large = build_article(index, n_authors=5, n_related=6, suffix="large")
    cold = lookups == "cold"  # the first view after everything was purged
    small_count, large_count = (
        queries_for(client, small.url, cold),
        queries_for(client, large.url, cold),
    )
    assert small_count == large_count
    assert large_count <= (ARTICLE_BUDGET if cold else ARTICLE_QUERIES), large_count


def test_index_and_home_queries_do_not_grow_with_the_number_of_cards(client, home, index):
    for _ in range(2):
        ArticlePageFactory(parent=index, feature_image=ImageFactory(), authors=[AuthorFactory()])
    few = {url: queries_for(client, url) for url in LISTING_URLS}
    for _ in range(10):
        ArticlePageFactory(
            parent=index, feature_image=ImageFactory(), authors=[AuthorFactory(), AuthorFactory()]
        )
    many = {url: queries_for(client, url) for url in LISTING_URLS}
    assert few == many


def test_author_and_topic_pages_queries_do_not_grow_with_the_number_of_cards(client, index):
    author, topic = AuthorFactory(slug="ann"), TopicFactory(slug="climate")
    urls = ("/authors/ann/", "/topics/climate/")
    ArticlePageFactory(parent=index, authors=[author], topics=[topic], feature_image=ImageFactory())
    few = {url: queries_for(client, url) for url in urls}
    for _ in range(8):
        ArticlePageFactory(
            parent=index, authors=[author], topics=[topic], feature_image=ImageFactory()
        )
    assert few == {url: queries_for(client, url) for url in urls}


def test_warm_pages_reuse_stored_renditions_instead_of_redrawing_them(
    client, home, index, monkeypatch
):
    from wagtail.images.models import AbstractImage

    author, topic = AuthorFactory(slug="ann"), TopicFactory(slug="climate")
    article = ArticlePageFactory(
        parent=index, feature_image=ImageFactory(), authors=[author], topics=[topic]
    )
    ArticlePageFactory(parent=index, feature_image=ImageFactory(), authors=[author], topics=[topic])
    urls = (*LISTING_URLS, article.url, "/authors/ann/", "/topics/climate/", "/news/feed/")
    for url in urls:
        assert client.get(url).status_code == 200

    def redraw(self, *args, **kwargs):
        raise AssertionError(f"redrew a rendition of {self} for {args}")

    monkeypatch.setattr(AbstractImage, "create_rendition", redraw)
    for url in urls:
        assert client.get(url).status_code == 200, url
