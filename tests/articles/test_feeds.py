"""RSS and Atom feeds: what a feed reader gets, for the site, a topic and an author."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site as DjangoSite
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import feedparser
import pytest

from comments.models import ArticleComment, CommentStatus
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    TopicFactory,
    add_articles,
    image_file,
)
from tests.utils.html import alternates
from tests.utils.html import parse as parse_html

pytestmark = pytest.mark.django_db

FEEDS = ("/news/feed/", "/news/feed/atom/")


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


def titles(feed):
    return [entry.title for entry in feed.entries]


@pytest.fixture
def story(index):
    image = ImageFactory(description="Residents at a town hall", file=image_file(size=(1600, 900)))
    return ArticlePageFactory(
        parent=index,
        title="Five takeaways",
        summary="What mayors learned at the first assembly.",
        feature_image=image,
        authors=[
            AuthorFactory(name="Ann Lee", slug="ann-lee"),
            AuthorFactory(name="Ben Cho", slug="ben-cho"),
        ],
        topics=[
            TopicFactory(name="Local government", slug="local"),
            TopicFactory(name="Youth", slug="youth"),
        ],
    )


def test_rss_and_atom_feeds_have_their_own_formats_and_content_types(client, story):
    rss_response, rss = parse(client, "/news/feed/")
    atom_response, atom = parse(client, "/news/feed/atom/")
    assert rss.version == "rss20"
    assert rss_response["Content-Type"].startswith("application/rss+xml")
    assert atom.version == "atom10"
    assert atom_response["Content-Type"].startswith("application/atom+xml")


@pytest.mark.parametrize("url", FEEDS)
def test_an_entry_carries_title_link_summary_dates_authors_and_topics(client, story, url):
    story.save_revision().publish()
    story.refresh_from_db()
    _, feed = parse(client, url)
    entry = feed.entries[0]
    assert entry.title == "Five takeaways"
    assert entry.link == "http://localhost/news/five-takeaways/"
    assert entry.summary == "What mayors learned at the first assembly."
    assert entry.published_parsed[:6] == story.date.utctimetuple()[:6]
    assert entry.updated_parsed[:6] == story.last_published_at.utctimetuple()[:6]
    assert [tag.term for tag in entry.tags] == ["Local government", "Youth"]
    names = [author.name for author in entry.authors]
    assert names == ["Ann Lee", "Ben Cho"]


def test_atom_authors_link_to_their_author_pages(client, story):
    _, feed = parse(client, "/news/feed/atom/")
    assert [author.href for author in feed.entries[0].authors] == [
        "http://localhost/authors/ann-lee/",
        "http://localhost/authors/ben-cho/",
    ]


@pytest.mark.parametrize("url", FEEDS)
def test_the_feature_image_is_an_absolute_jpeg_enclosure_with_its_length(client, story, url):
    _, feed = parse(client, url)
    (enclosure,) = feed.entries[0].enclosures
    assert enclosure.href.startswith("http://localhost/media/images/")
    assert enclosure.type == "image/jpeg"
    rendition = story.feature_image.get_rendition("width-1200|format-jpeg")
    assert rendition.width == 1200
    assert int(enclosure.length) == rendition.file.size > 0


@pytest.mark.parametrize("url", FEEDS)
def test_the_entry_id_stays_the_same_when_the_slug_changes(client, story, url):
    _, before = parse(client, url)
    story.slug = "renamed"
    story.save_revision().publish()
    _, after = parse(client, url)
    assert before.entries[0].id == after.entries[0].id
    assert before.entries[0].link != after.entries[0].link


def test_feeds_hold_the_twenty_newest_articles_newest_first(client, index):
    now = timezone.now()
    for n in range(23):
        ArticlePageFactory(parent=index, title=f"Day {n}", date=now - datetime.timedelta(days=n))
    for url in FEEDS:
        _, feed = parse(client, url)
        assert titles(feed) == [f"Day {n}" for n in range(20)]


def test_drafts_and_private_articles_stay_out_of_the_feeds(client, index):
    ArticlePageFactory(parent=index, title="Public")
    ArticlePageFactory(parent=index, title="Draft", live=False)
    private = ArticlePageFactory(parent=index, title="Private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for url in FEEDS:
        assert titles(parse(client, url)[1]) == ["Public"]


def test_feeds_never_contain_comments_or_commenters_details(client, story):
    ArticleComment.objects.create(
        content_type=ContentType.objects.get_for_model(story),
        object_pk=str(story.pk),
        site=DjangoSite.objects.get_current(),
        user_name="Commenter",
        user_email="secret-commenter@example.org",
        ip_address="203.0.113.9",
        comment="An approved comment in the feed would leak.",
        is_public=True,
        status=CommentStatus.APPROVED,
    )
    for url in FEEDS:
        body = client.get(url).content.decode()  # raw on purpose: nowhere in the feed at all
        assert "secret-commenter@example.org" not in body
        assert "203.0.113.9" not in body
        assert "approved comment" not in body


@pytest.mark.parametrize("suffix", ["feed/", "feed/atom/"])
def test_a_topic_feed_lists_only_that_topics_articles(client, index, suffix):
    topic = TopicFactory(name="Climate", slug="climate")
    ArticlePageFactory(parent=index, title="On climate", topics=[topic])
    ArticlePageFactory(parent=index, title="Elsewhere", topics=[TopicFactory()])
    _, feed = parse(client, f"/topics/climate/{suffix}")
    assert titles(feed) == ["On climate"]
    assert feed.feed.title == "Open Government Local: Climate"
    assert feed.feed.link == "http://localhost/topics/climate/"


@pytest.mark.parametrize("suffix", ["feed/", "feed/atom/"])
def test_an_author_feed_lists_only_that_authors_articles(client, index, suffix):
    author = AuthorFactory(name="Ann Lee", slug="ann-lee")
    ArticlePageFactory(parent=index, title="Ann's", authors=[author, AuthorFactory()])
    ArticlePageFactory(parent=index, title="Someone else's", authors=[AuthorFactory()])
    _, feed = parse(client, f"/authors/ann-lee/{suffix}")
    assert titles(feed) == ["Ann's"]
    assert feed.feed.link == "http://localhost/authors/ann-lee/"


def test_feeds_of_unknown_topics_and_authors_are_not_found(client, index):
    assert client.get("/topics/nope/feed/").status_code == 404
    assert client.get("/authors/nope/feed/").status_code == 404


def test_an_article_slugged_feed_does_not_hide_the_feed(client, index):
    ArticlePageFactory(parent=index, title="Feed", slug="feed")
    assert parse(client, "/news/feed/")[1].version == "rss20"


def test_every_page_links_the_site_feeds(client, story):
    for url in ("/", "/news/", story.url, "/search/?q=x", "/authors/", "/topics/local/"):
        head = parse_html(client.get(url)).head
        rss = head.find("link", rel="alternate", href="http://localhost/news/feed/")
        assert rss is not None, url
        assert rss["type"] == "application/rss+xml"
        assert rss["title"] == "Open Government Local: latest articles (RSS)"
        feeds = alternates(head)
        assert feeds.get("http://localhost/news/feed/atom/") == "application/atom+xml", url


def test_topic_and_author_pages_also_link_their_own_feeds(client, story):
    topic_feeds = alternates(parse_html(client.get("/topics/local/")))
    author_feeds = alternates(parse_html(client.get("/authors/ann-lee/")))
    assert "http://localhost/topics/local/feed/" in topic_feeds
    assert "http://localhost/authors/ann-lee/feed/" in author_feeds
    assert "http://localhost/topics/local/feed/" not in author_feeds


def feed_queries(client, url):
    client.get(url)  # the first request creates the enclosure renditions
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_feed_queries_do_not_grow_with_the_number_of_entries(client, index):
    topic, author = TopicFactory(slug="t"), AuthorFactory(slug="a")
    urls = (*FEEDS, "/topics/t/feed/", "/authors/a/feed/")

    add_articles(index, 2, author, topic)
    few = {url: feed_queries(client, url) for url in urls}
    add_articles(index, 10, author, topic)
    assert {url: feed_queries(client, url) for url in urls} == few
