"""Readers in English, Spanish and French: addresses, fallbacks, alternates and listings."""

import json
import xml.etree.ElementTree as ET

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

import feedparser
import pytest

from tests.factories import ArticlePageFactory, AuthorFactory, TopicFactory
from tests.utils.html import card_titles, parse, text, texts
from tests.utils.languages import translate_page, translate_snippet

pytestmark = pytest.mark.django_db

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


@pytest.fixture
def author():
    return AuthorFactory(name="Ana Ruiz", slug="ana-ruiz")


@pytest.fixture
def topic():
    return TopicFactory(name="Budgets", slug="budgets")


@pytest.fixture
def article(index, author, topic):
    return ArticlePageFactory(
        parent=index, title="Open budgets", slug="open-budgets", authors=[author], topics=[topic]
    )


@pytest.fixture
def spanish(article, author, topic):
    """The article in Spanish, with its author and topic translated; no French version."""
    translate_snippet(author, "es", role="Redactora")
    translate_snippet(topic, "es", name="Presupuestos", slug="presupuestos")
    return translate_page(
        article,
        "es",
        title="Presupuestos abiertos",
        slug="presupuestos-abiertos",
        summary="Cómo se reparte el dinero del barrio.",
    )


def alternates(soup) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }


def switcher(soup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in soup.select(".language-switcher__link")}


def test_english_addresses_keep_working_and_spanish_ones_are_prefixed(client, spanish):
    english = parse(client.get("/news/open-budgets/"))
    assert text(english.h1) == "Open budgets"
    assert english.html["lang"] == "en-gb"
    page = parse(client.get("/es/noticias/presupuestos-abiertos/", follow=True), status=404)
    assert page.html["lang"] == "es"  # the 404 itself speaks the reader's language
    assert spanish.url == "/es/news/presupuestos-abiertos/"
    soup = parse(client.get(spanish.url))
    assert text(soup.h1) == "Presupuestos abiertos"
    assert soup.html["lang"] == "es"


def test_an_untranslated_article_is_not_served_in_another_language(client, article, spanish):
    ArticlePageFactory(parent=article.get_parent(), title="Only English", slug="only-english")
    assert client.get("/news/only-english/").status_code == 200
    assert client.get("/es/news/only-english/").status_code == 404
    # No French site at all: Wagtail would route through the English tree; the reader is
    # sent to the English address instead of English words under a French one.
    response = client.get("/fr/news/open-budgets/")
    assert (response.status_code, response["Location"]) == (302, "/news/open-budgets/")


def test_every_version_names_the_others_with_hreflang_and_x_default(client, article, spanish):
    expected = {
        "en": "http://localhost/news/open-budgets/",
        "es": "http://localhost/es/news/presupuestos-abiertos/",
        "x-default": "http://localhost/news/open-budgets/",
    }
    assert alternates(parse(client.get(article.url))) == expected
    assert alternates(parse(client.get(spanish.url))) == expected


def test_the_switcher_falls_back_to_a_languages_home_page(client, article, spanish):
    links = switcher(parse(client.get(article.url)))
    assert links == {
        "en": "http://localhost/news/open-budgets/",
        "es": "http://localhost/es/news/presupuestos-abiertos/",
        "fr": "http://localhost/fr/",  # no French version of this article
    }
    soup = parse(client.get(spanish.url))
    current = soup.select('.language-switcher__link[aria-current="true"]')
    assert [link["hreflang"] for link in current] == ["es"]
    # Each link is named in its own language, and says when it leads to a home page.
    names = [
        text(link.select_one(".visually-hidden"))
        for link in soup.select(".language-switcher__link")
    ]
    assert names[:2] == ["English", "Español"]
    assert names[2].startswith("Français") and names[2] != "Français"


def test_json_ld_says_which_language_the_article_is_in(client, article, spanish):
    def in_language(url):
        scripts = parse(client.get(url)).select('script[type="application/ld+json"]')
        postings = [json.loads(s.string) for s in scripts]
        return [p["inLanguage"] for p in postings if "headline" in p]

    assert in_language(article.url) == ["en"]
    assert in_language(spanish.url) == ["es"]


def test_bylines_and_topics_lead_to_the_readers_language(client, spanish):
    soup = parse(client.get(spanish.url))
    hrefs = {a["href"] for a in soup.select("a[href]")}
    assert "/es/authors/ana-ruiz/" in hrefs
    assert "/es/topics/presupuestos/" in hrefs
    assert "/authors/ana-ruiz/" not in hrefs


def test_listings_archives_and_search_stay_in_the_readers_language(client, article, spanish):
    assert card_titles(parse(client.get("/"))) == ["Open budgets"]
    assert card_titles(parse(client.get("/es/"))) == ["Presupuestos abiertos"]
    assert card_titles(parse(client.get("/es/news/"))) == ["Presupuestos abiertos"]
    assert card_titles(parse(client.get("/es/authors/ana-ruiz/"))) == ["Presupuestos abiertos"]
    assert card_titles(parse(client.get("/authors/ana-ruiz/"))) == ["Open budgets"]
    assert card_titles(parse(client.get("/es/topics/presupuestos/"))) == ["Presupuestos abiertos"]
    assert client.get("/topics/presupuestos/").status_code == 404
    assert client.get("/fr/authors/ana-ruiz/").status_code == 404  # not translated into French
    assert texts(parse(client.get("/es/topics/")), ".topic-index__name a") == ["Presupuestos"]
    assert texts(parse(client.get("/topics/")), ".topic-index__name a") == ["Budgets"]
    assert card_titles(parse(client.get("/es/search/?q=Presupuestos"))) == ["Presupuestos abiertos"]
    assert card_titles(parse(client.get("/search/?q=Presupuestos"))) == []
    assert card_titles(parse(client.get("/es/search/?q=budgets"))) == []


def test_related_articles_stay_in_the_readers_language(client, article, spanish, topic):
    neighbour = ArticlePageFactory(parent=article.get_parent(), title="Budget days", topics=[topic])
    english = parse(client.get(article.url))
    spanish_page = parse(client.get(spanish.url))
    assert "Budget days" in card_titles(english)
    assert "Budget days" not in card_titles(spanish_page)
    assert neighbour.locale_id == article.locale_id


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's full-text search does not stem words"
)
def test_spanish_search_stems_spanish_words(client, index, spanish):
    spanish.title = "Vecinos participando en los presupuestos"
    spanish.save_revision().publish()
    # "participar" and "participando" share their Spanish stem; English stemming misses it.
    assert card_titles(parse(client.get("/es/search/?q=participar"))) == [spanish.title]


def test_each_language_has_its_own_news_feed(client, article, spanish):
    english = feedparser.parse(client.get("/news/feed/").content)
    assert [entry.title for entry in english.entries] == ["Open budgets"]
    feed = feedparser.parse(client.get("/es/news/feed/").content)
    assert [entry.title for entry in feed.entries] == ["Presupuestos abiertos"]
    assert feed.entries[0].link == "http://localhost/es/news/presupuestos-abiertos/"
    links = parse(client.get(spanish.url)).select(
        'link[rel="alternate"][type="application/rss+xml"]'
    )
    assert "http://localhost/es/news/feed/" in [link["href"] for link in links]


def test_the_sitemap_lists_every_language_with_its_alternates(client, article, spanish):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    entries = {
        url.findtext("s:loc", namespaces=SITEMAP_NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_NS)
        }
        for url in root.findall("s:url", SITEMAP_NS)
    }
    assert "http://localhost/es/news/presupuestos-abiertos/" in entries
    assert entries["http://localhost/news/open-budgets/"] == {
        "en": "http://localhost/news/open-budgets/",
        "es": "http://localhost/es/news/presupuestos-abiertos/",
        "x-default": "http://localhost/news/open-budgets/",
    }
    assert (
        entries["http://localhost/es/authors/ana-ruiz/"]["en"]
        == "http://localhost/authors/ana-ruiz/"
    )


def queries_for(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_an_articles_query_count_stays_flat_with_translations(client, article):
    alone = queries_for(client, article.url)
    french = translate_page(article, "fr", title="Budgets ouverts", slug="budgets-ouverts")
    assert queries_for(client, article.url) == alone
    one_other = queries_for(client, french.url)
    translate_page(article, "es", title="Presupuestos abiertos", slug="presupuestos-abiertos")
    assert queries_for(client, article.url) == alone
    assert queries_for(client, french.url) == one_other


def test_the_edited_navigation_leads_to_the_readers_language(client, index, spanish):
    from wagtail.models import Site

    from articles.models import HeaderLink, NavigationSettings

    navigation = NavigationSettings(site=Site.objects.get(is_default_site=True))
    navigation.header_links = [
        HeaderLink(page=index),
        HeaderLink(label="Topics", url="/topics/"),
        HeaderLink(label="Elsewhere", url="https://example.org/"),
    ]
    navigation.save()
    header = parse(client.get(spanish.url)).select(".site-nav__link")
    spanish_index = spanish.get_parent()
    assert [a["href"] for a in header] == [spanish_index.url, "/es/topics/", "https://example.org/"]
    assert text(header[0]) == spanish_index.title
    with translation.override("es"):
        assert text(header[1]) == gettext("Topics") != "Topics"  # an interface word, translated
    english = parse(client.get("/")).select(".site-nav__link")
    assert [a["href"] for a in english] == ["/news/", "/topics/", "https://example.org/"]


def test_the_privacy_notice_link_leads_to_the_readers_language(client, index, spanish):
    from wagtail.models import Site

    from articles.models import SiteIdentity, StandardPage

    home = index.get_parent()
    notice = home.add_child(instance=StandardPage(title="Privacy notice", slug="privacy"))
    SiteIdentity.objects.create(site=Site.objects.get(is_default_site=True), privacy_page=notice)
    aviso = translate_page(notice, "es", title="Aviso de privacidad", slug="privacidad")

    def privacy_links(url):
        soup = parse(client.get(url))
        return {a["href"] for a in soup.select("a[href]") if "privac" in a["href"]}

    assert privacy_links(spanish.url) == {aviso.url}
    assert privacy_links("/") == {notice.url}
