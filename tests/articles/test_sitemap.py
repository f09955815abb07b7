"""/sitemap.xml and /robots.txt: every published, public page, and nothing else."""

from xml.etree import ElementTree

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import ArticlePageFactory, AuthorFactory, TopicFactory

pytestmark = pytest.mark.django_db


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)


NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(urlset):
    return [loc.text for loc in urlset.iterfind("s:url/s:loc", NS)]


def last_modified(urlset) -> dict[str, str]:
    """Each entry's address and its <lastmod> day."""
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in urlset.iterfind("s:url", NS)
    }


@pytest.fixture
def site_content(index):
    youth = TopicFactory(slug="youth")
    TopicFactory(slug="nothing-yet")
    ann, drafty = AuthorFactory(slug="ann-lee"), AuthorFactory(slug="only-drafts")
    secret_topic, secret_author = TopicFactory(slug="secret"), AuthorFactory(slug="secret-author")
    ArticlePageFactory(parent=index, slug="public", topics=[youth], authors=[ann])
    ArticlePageFactory(parent=index, slug="draft", live=False, authors=[drafty])
    private = ArticlePageFactory(
        parent=index, slug="private", topics=[secret_topic], authors=[secret_author]
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return index


def test_the_sitemap_lists_all_and_only_published_public_pages(client, site_content):
    assert sorted(locations(sitemap(client))) == sorted(
        [
            "http://localhost/",
            "http://localhost/news/",
            "http://localhost/news/public/",
            "http://localhost/authors/ann-lee/",
            "http://localhost/topics/youth/",
        ]
    )


def test_sitemap_entries_carry_a_last_modified_date(client, index):
    article = ArticlePageFactory(parent=index, slug="dated", topics=[TopicFactory(slug="t")])
    article.save_revision().publish()
    article.refresh_from_db()
    dates = last_modified(sitemap(client))
    day = article.last_published_at.date().isoformat()
    for path in ("/news/dated/", "/topics/t/"):
        assert dates[f"http://localhost{path}"] == day, path


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, index):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
