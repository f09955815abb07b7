"""The page cache keeps each language's version apart, and a change reaches every language."""

import pytest

from tests.factories import ArticlePageFactory
from tests.utils.html import card_titles, parse, text
from tests.utils.languages import translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_each_language_version_is_cached_apart_and_refreshed_by_a_change(
    client, index, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=index, title="Open budgets", slug="open-budgets")
    spanish = translate_page(article, "es", title="Presupuestos abiertos", slug="presupuestos")
    for url in (article.url, spanish.url, "/", "/es/"):
        client.get(url)
    english, cached_spanish = client.get(article.url), client.get(spanish.url)
    assert (english["X-Cache"], cached_spanish["X-Cache"]) == ("HIT", "HIT")
    assert (parse(english).html["lang"], parse(cached_spanish).html["lang"]) == ("en-gb", "es")

    spanish.title = "Presupuestos abiertos, corregido"
    with django_capture_on_commit_callbacks(execute=True):
        spanish.save_revision().publish()
    assert text(parse(client.get(spanish.url)).h1) == "Presupuestos abiertos, corregido"
    assert card_titles(parse(client.get("/es/"))) == ["Presupuestos abiertos, corregido"]
    # The English version and its listings are unchanged, and never the Spanish words.
    assert text(parse(client.get(article.url)).h1) == "Open budgets"
    assert card_titles(parse(client.get("/"))) == ["Open budgets"]
