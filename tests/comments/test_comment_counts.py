"""Approved comment counts near an article's byline and on cards, in one query for all cards."""

import pytest
from bs4 import BeautifulSoup

from comments.models import CommentStatus
from tests.factories import ArticlePageFactory
from tests.utils.comments import make_comment

pytestmark = pytest.mark.django_db


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_article_shows_its_approved_count_by_the_byline_linked_to_the_thread(client, index):
    article = ArticlePageFactory(parent=index)
    make_comment(article)
    make_comment(article)
    make_comment(article, status=CommentStatus.AWAITING)
    header = soup(client, article.url).find("header", class_="article__header")
    link = header.find("a", class_="article__comment-count")
    assert link.get_text(strip=True) == "2 comments"
    assert link["href"] == "#comments"


def test_cards_show_the_count_only_when_there_are_comments(client, index):
    talked_about = ArticlePageFactory(parent=index, title="Talked about")
    ArticlePageFactory(parent=index, title="Quiet")
    make_comment(talked_about)
    make_comment(talked_about, status=CommentStatus.SPAM)
    page = soup(client, "/news/")
    counts = {
        card.find(class_="article-card__title").get_text(strip=True): card.find(
            class_="article-card__comments"
        )
        for card in page.find_all("article", class_="article-card")
    }
    assert counts["Talked about"].get_text(strip=True) == "1 comment"
    assert counts["Quiet"] is None
