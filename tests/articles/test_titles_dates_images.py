"""Titles, machine-readable dates, share images and media caching, as crawlers and readers see them."""

import datetime
import json
import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from demo.content import MODEL_SLUG
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    image_file,
)
from tests.utils.comments import make_comment

pytestmark = pytest.mark.django_db

# HTML's "valid global date and time string" allows at most three fractional digits.
HTML_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$"
)


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def test_the_title_of_a_later_list_page_names_its_page_number(client, index):
    for _ in range(13):
        ArticlePageFactory(parent=index)
    first = soup(client, "/news/").title.string
    second = soup(client, "/news/?page=2").title.string
    assert first != second
    assert "Page 2" in second


def test_the_home_title_names_the_site_once(client, home):
    title = soup(client, "/").title.string
    assert title.count("Open Government Local") == 1, title


def test_every_time_element_has_an_html_valid_datetime(client, index):
    article = ArticlePageFactory(parent=index, date=timezone.now(), slug="timed")
    make_comment(article)
    for url in ("/", "/news/", article.url):
        times = soup(client, url).find_all("time")
        assert times, url
        for time in times:
            assert HTML_DATETIME.match(time["datetime"]), (url, time["datetime"])


def test_an_author_share_image_claims_only_its_real_size(client, index, settings):
    photo = ImageFactory(file=image_file(size=(600, 600)))
    author = AuthorFactory(slug="small-photo", photo=photo)
    ArticlePageFactory(parent=index, authors=[author])
    page = soup(client, "/authors/small-photo/")
    image = page.find("meta", property="og:image")
    width = page.find("meta", property="og:image:width")
    height = page.find("meta", property="og:image:height")
    if width is None and height is None:
        return  # no size claim at all is allowed
    path = urlsplit(image["content"]).path.removeprefix(settings.MEDIA_URL)
    with PILImage.open(settings.MEDIA_ROOT / path) as real:
        assert (int(width["content"]), int(height["content"])) == real.size
    assert real.size == (1200, 630)


def test_uploaded_media_is_served_with_long_lived_caching(client, settings):
    settings.ROOT_URLCONF = "tests.browser.urls"
    image = ImageFactory()
    rendition = image.get_rendition("fill-400x225|format-jpeg")
    response = client.get(rendition.url)
    assert response.status_code == 200
    cache_control = response.get("Cache-Control", "")
    assert "public" in cache_control
    max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1))
    assert max_age >= 30 * 24 * 3600


def test_the_served_media_view_is_the_one_production_urls_use(settings):
    from ogp_site import urls
    from tests.browser import urls as browser_urls

    assert urls.serve_media is browser_urls.serve_media


def json_ld_article(page):
    for script in page.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        if data.get("@type") in ("BlogPosting", "NewsArticle"):
            return data
    raise AssertionError("no article JSON-LD")


def test_demo_articles_were_last_modified_when_they_were_published_not_when_loaded(client, demo):
    today = timezone.now().date()
    data = json_ld_article(soup(client, f"/news/{MODEL_SLUG}/"))
    published = datetime.datetime.fromisoformat(data["datePublished"])
    modified = datetime.datetime.fromisoformat(data["dateModified"])
    assert published <= modified
    assert modified.date() < today, data["dateModified"]
    assert modified - published < datetime.timedelta(days=10)


def test_sitemap_lastmod_of_demo_articles_is_not_the_load_day(client, demo):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    today = timezone.now().date().isoformat()
    article_dates = [
        url.findtext("s:lastmod", namespaces=ns)
        for url in root.findall("s:url", ns)
        if "/news/" in (loc := url.findtext("s:loc", namespaces=ns)) and loc.count("/") > 4
    ]
    assert article_dates
    assert today not in article_dates, article_dates
