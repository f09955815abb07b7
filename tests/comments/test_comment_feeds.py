"""Per-article comment feeds: approved comments with names, never an email or an IP address."""

import feedparser
import pytest
from bs4 import BeautifulSoup

from comments.models import CommentStatus
from tests.factories import ArticlePageFactory
from tests.utils.comments import make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Budgets in the open", slug="budgets")


def feed_urls(article):
    return (f"/comments/articles/{article.pk}/feed/", f"/comments/articles/{article.pk}/feed/atom/")


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_an_article_comment_feed_lists_approved_comments_with_names_only(client, article, kind):
    make_comment(
        article, user_name="Ada", user_email="ada-secret@example.org", ip_address="192.0.2.41"
    )
    make_comment(article, user_name="Held Person", status=CommentStatus.AWAITING)
    make_comment(article, user_name="Spammer", status=CommentStatus.SPAM)
    url = feed_urls(article)[kind == "atom"]
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.author for entry in feed.entries] == ["Ada"]
    assert feed.entries[0].link.startswith("http://localhost/news/budgets/#comment-")
    body = response.content.decode()  # raw on purpose: in no element, attribute or comment
    for secret in ("ada-secret", "@example.org", "192.0.2.41", "Held Person", "Spammer"):
        assert secret not in body


def test_the_comment_feed_is_linked_from_the_article(client, article):
    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    rss, atom = feed_urls(article)
    assert page.find("a", href=rss) is not None
    assert page.find("a", href=atom) is not None


def test_the_article_head_announces_its_comment_feed(client, article):
    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    hrefs = [link["href"] for link in page.find_all("link", rel="alternate")]
    assert f"http://localhost{feed_urls(article)[0]}" in hrefs


def test_drafts_have_no_comment_feed(client, index):
    draft = ArticlePageFactory(parent=index, live=False)
    for url in feed_urls(draft):
        assert client.get(url).status_code == 404
