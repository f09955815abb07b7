"""Every absolute URL the site gives out starts with BASE_URL, its one public address.

Not with Wagtail's Site record (http://localhost in these tests, as `make run` had it while
serving on port 8000), nor with the Host a request came in on: links in pages, feeds, the
sitemap, robots.txt and emails all work wherever the site is really served.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.core import mail
from django.db import connection
from django.test import Client

from wagtail.models import Site

import feedparser
import pytest

from comments.models import CommentStatus
from tests.factories import ArticlePageFactory, AuthorFactory, ImageFactory
from tests.utils.comments import csrf_client, make_comment, post_comment
from tests.utils.html import parse

BASE_DIR = Path(__file__).resolve().parents[2]
BASE = "http://127.0.0.1:8765"
URL = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture
def public_address(settings):
    settings.BASE_URL = settings.WAGTAILADMIN_BASE_URL = BASE
    return BASE


@pytest.fixture
def article(index):
    return ArticlePageFactory(
        parent=index,
        title="Open budgets",
        slug="open-budgets",
        feature_image=ImageFactory(),
        authors=[AuthorFactory(name="Ana Reyes")],
    )


@pytest.mark.django_db
def test_the_articles_canonical_and_social_links_start_with_base_url(
    public_address, article, client
):
    # Asked for under another host and port than the public one.
    soup = parse(client.get(article.url, HTTP_HOST="localhost:8000"))
    assert soup.select_one('link[rel="canonical"]')["href"] == f"{BASE}/news/open-budgets/"
    assert soup.select_one('meta[property="og:url"]')["content"] == f"{BASE}/news/open-budgets/"
    assert soup.select_one('meta[property="og:image"]')["content"].startswith(f"{BASE}/media/")
    feeds = [link["href"] for link in soup.select('link[rel="alternate"][href*="feed"]')]
    assert feeds and all(href.startswith(f"{BASE}/") for href in feeds)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/news/feed/", "/news/feed/atom/"])
def test_feed_links_and_items_start_with_base_url(public_address, article, client, path):
    feed = feedparser.parse(client.get(path, HTTP_HOST="localhost:8000").content)
    assert feed.feed.link == f"{BASE}/news/"
    (entry,) = feed.entries
    assert entry.link == f"{BASE}/news/open-budgets/"
    assert all(
        link.href.startswith(f"{BASE}/") for item in (feed.feed, entry) for link in item.links
    )


@pytest.mark.django_db
def test_the_sitemap_and_robots_txt_point_at_base_url(public_address, article, client):
    sitemap = client.get("/sitemap.xml", HTTP_HOST="localhost:8000").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"{BASE}/news/open-budgets/" in locations
    assert all(location.startswith(f"{BASE}/") for location in locations)
    robots = client.get("/robots.txt", HTTP_HOST="localhost:8000").content.decode()
    assert f"Sitemap: {BASE}/sitemap.xml" in robots.splitlines()


@pytest.mark.django_db
def test_links_in_moderator_and_commenter_emails_start_with_base_url(
    public_address, article, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert post_comment(csrf_client(), article, comment="Publish the budget").status_code == 302
    (to_moderator,) = [m for m in mail.outbox if m.to == [moderator.email]]
    links = URL.findall(to_moderator.body)
    assert f"{BASE}/news/open-budgets/" in " ".join(links)
    assert links and all(link.startswith(f"{BASE}/") for link in links)

    parent = make_comment(article, user_email="asker@example.org", followup=True)
    reply = make_comment(article, status=CommentStatus.AWAITING, parent=parent, comment="Yes")
    client = Client()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/comments/{reply.pk}/approve/")
    (to_commenter,) = [m for m in mail.outbox if m.to == ["asker@example.org"]]
    links = URL.findall(to_commenter.body)
    assert f"{BASE}/news/open-budgets/#comment-{reply.pk}" in links
    assert all(link.startswith(f"{BASE}/") for link in links)


def this_database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_make_run_gives_wagtails_site_the_address_it_serves(home):
    """What `make run` runs before serving, taken from the Makefile itself."""
    env = {key: value for key, value in os.environ.items() if key not in {"BASE_URL", "DEBUG"}} | {
        "DATABASE_URL": this_database_url()
    }
    recipe = subprocess.run(
        ["make", "--dry-run", "run", "HOST=127.0.0.1", "PORT=8765"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    (command,) = [line for line in recipe if "manage.py set_site_url" in line]
    result = subprocess.run(
        ["bash", "-c", command], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8765)
    assert site.root_url == BASE


@pytest.mark.parametrize("value", ["news.example.org", "https://news.example.org/blog"])
def test_a_base_url_that_is_not_a_scheme_and_host_is_refused(value):
    env = os.environ | {"BASE_URL": value, "DJANGO_SETTINGS_MODULE": "ogp_site.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.BASE_URL"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "BASE_URL must be a scheme and host" in result.stderr
