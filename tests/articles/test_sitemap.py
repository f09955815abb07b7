"""/sitemap.xml and /robots.txt: every published, public page, and nothing else."""

import re

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import ArticlePageFactory, AuthorFactory, TopicFactory

pytestmark = pytest.mark.django_db


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return response.content.decode()


def locations(xml):
    return re.findall(r"<loc>([^<]+)</loc>", xml)


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
    xml = sitemap(client)
    day = article.last_published_at.date().isoformat()
    for path in ("/news/dated/", "/topics/t/"):
        entry = xml[xml.index(f"<loc>http://localhost{path}</loc>") :]
        entry = entry[: entry.index("</url>")]
        assert f"<lastmod>{day}</lastmod>" in entry, path


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, index):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
