"""Readers get the site's own error pages, with DEBUG on (`make run`) as in production."""

from django.conf import settings as django_settings

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticleIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["production", "make run"])
def mode(request, settings):
    if request.param == "make run":
        settings.DEBUG = True
        settings.MIDDLEWARE = [
            *django_settings.MIDDLEWARE,
            "core.middleware.DesignedErrorPagesMiddleware",
        ]
    return request.param


def heading(response) -> str:
    return BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)


def test_a_missing_page_is_the_designed_404(client, index, mode):
    response = client.get("/news/no-such-story/")
    assert response.status_code == 404
    assert heading(response) == "Page not found"
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("meta", attrs={"name": "viewport"})["content"].startswith("width=device-width")
    assert "URLconf" not in response.content.decode()  # raw: no debug detail anywhere


def test_a_failing_page_is_the_designed_500(client, index, mode, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the index broke")

    monkeypatch.setattr(ArticleIndexPage, "get_context", broken)
    client.raise_request_exception = False
    response = client.get("/news/")
    assert response.status_code == 500
    assert heading(response) == "Something went wrong"
    assert "Traceback" not in response.content.decode()  # raw: no debug detail anywhere
