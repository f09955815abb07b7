import pytest

from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def test_article_renders_with_byline(client, index):
    article = ArticlePageFactory(parent=index, title="Hello", authors=[AuthorFactory(name="Ann")])
    response = client.get(article.url)
    assert "By <a" in response.content.decode()
