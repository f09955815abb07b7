"""The header and footer links are edited in the admin, not written into templates."""

from pathlib import Path

from wagtail.models import Site

import pytest

from articles.models import FooterLink, HeaderLink, NavigationSettings
from tests.utils.html import parse, text

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def nav_links(response, label):
    """(href, text) of each link in the <nav> the page labels `label`."""
    nav = parse(response).find("nav", attrs={"aria-label": label})
    return [(a["href"], text(a)) for a in nav.find_all("a")]


def test_no_template_hard_codes_the_news_address():
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if '"/news/' in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_without_a_setting_the_header_links_the_index_topics_and_authors(client, index):
    assert nav_links(client.get("/"), "Main") == [
        ("/news/", "News"),
        ("/topics/", "Topics"),
        ("/authors/", "Authors"),
    ]


def test_the_header_and_footer_follow_the_navigation_setting(
    client, index, editor, django_capture_on_commit_callbacks
):
    site = Site.objects.get(is_default_site=True)
    client.get("/news/")  # cached pages and links must not outlive the change
    navigation = NavigationSettings(site=site)
    navigation.header_links = [
        HeaderLink(label="Stories", page=index),
        HeaderLink(label="About us", url="/about/"),
    ]
    navigation.footer_links = [FooterLink(label="Contact", url="mailto:news@example.org")]
    with django_capture_on_commit_callbacks(execute=True):  # the purge follows the commit
        navigation.save()
    page = client.get("/news/")
    assert nav_links(page, "Main") == [("/news/", "Stories"), ("/about/", "About us")]
    current = (
        parse(page).find("nav", attrs={"aria-label": "Main"}).find(attrs={"aria-current": "page"})
    )
    assert (current["href"], text(current)) == ("/news/", "Stories")
    assert nav_links(page, "Footer") == [("mailto:news@example.org", "Contact")]


def test_editors_edit_the_navigation_in_the_admin(client, index, editor):
    site = Site.objects.get(is_default_site=True)
    client.force_login(editor)
    url = f"/admin/settings/articles/navigationsettings/{site.pk}/"
    assert client.get(url).status_code == 200
    data = {
        "header_links-TOTAL_FORMS": "1",
        "header_links-INITIAL_FORMS": "0",
        "header_links-MIN_NUM_FORMS": "0",
        "header_links-MAX_NUM_FORMS": "8",
        "header_links-0-page": "",
        "header_links-0-url": "/topics/",
        "header_links-0-label": "Subjects",
        "header_links-0-ORDER": "1",
        "header_links-0-DELETE": "",
        "footer_links-TOTAL_FORMS": "0",
        "footer_links-INITIAL_FORMS": "0",
        "footer_links-MIN_NUM_FORMS": "0",
        "footer_links-MAX_NUM_FORMS": "12",
    }
    assert client.post(url, data).status_code == 302
    client.logout()
    assert nav_links(client.get("/"), "Main") == [("/topics/", "Subjects")]


def test_the_demo_fills_the_navigation(demo):
    navigation = NavigationSettings.objects.get()
    assert [link.label for link in navigation.header_links.all()] == ["", "Topics", "Authors"]
    assert [link.label for link in navigation.footer_links.all()] == [
        "All articles",
        "Topics",
        "Authors",
    ]


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("anonymous", False), ("moderator", False), ("editor", True), ("superuser", True)],
)
def test_only_editors_and_superusers_edit_the_navigation(client, index, request, who, allowed):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    site = Site.objects.get(is_default_site=True)
    response = client.get(f"/admin/settings/articles/navigationsettings/{site.pk}/")
    assert (response.status_code == 200) == allowed
    if who == "anonymous":
        assert "/admin/login/" in response["Location"]
