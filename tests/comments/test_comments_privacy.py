"""Data-protection requests: finding, exporting and erasing one commenter's data."""

import json

from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from comments.models import CommentStatus
from tests.factories import ArticlePageFactory
from tests.utils.comments import as_user, make_comment
from tests.utils.html import parse, rows, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Library hours", slug="library-hours")


@pytest.fixture
def held(article):
    return make_comment(
        article,
        status=CommentStatus.AWAITING,
        user_name="Priya Confidential",
        user_email="priya@example.org",
        comment="My neighbour at number 12 is always late",
    )


def site_history(user) -> str:
    """The text of the rows of Wagtail's site history report, as a superuser reads it."""
    table = rows(parse(as_user(user).get(reverse("wagtailadmin_reports:site_history"))))
    assert table, "the site history lists nothing"
    return " | ".join(" ".join(row) for row in table)


def test_erasing_a_commenter_also_scrubs_the_site_history(held, moderator, superuser):
    client = as_user(moderator)
    client.post(f"/admin/comments/{held.pk}/approve/", {"reason": "Fine, Priya"})
    client.post(f"/admin/comments/{held.pk}/unapprove/")
    history = site_history(superuser)
    assert "Priya Confidential" in history  # what the erasure has to remove

    response = client.post(
        "/admin/comments/privacy/", {"email": "priya@example.org", "confirm": "erase"}
    )
    assert response.status_code == 302
    entries = ModelLogEntry.objects.for_instance(held)
    assert entries.count() == 3
    stored = json.dumps([[e.label, e.data] for e in entries])
    for secret in ("Priya", "neighbour", "priya@example.org"):
        assert secret not in stored
    history = site_history(superuser)
    assert "Priya" not in history and "neighbour" not in history


def test_export_and_erase_do_nothing_on_a_get(held, moderator):
    client = as_user(moderator)
    exported = client.get(
        "/admin/comments/privacy/", {"email": "priya@example.org", "format": "json"}
    )
    assert exported["Content-Type"].startswith("text/html")
    assert "My neighbour" not in text(parse(exported))
    client.get("/admin/comments/privacy/", {"email": "priya@example.org", "confirm": "erase"})
    held.refresh_from_db()
    assert held.user_name == "Priya Confidential"


def test_the_privacy_page_sends_the_address_in_a_post_body(held, moderator):
    client = as_user(moderator)
    form = parse(client.get("/admin/comments/privacy/")).find("input", attrs={"name": "email"})
    assert form.find_parent("form")["method"] == "post"
    found = parse(client.post("/admin/comments/privacy/", {"email": "PRIYA@example.org"}))
    assert "1 comment from PRIYA@example.org" in [text(h) for h in found.find_all("h2")]
    exported = client.post(
        "/admin/comments/privacy/", {"email": "priya@example.org", "format": "json"}
    )
    assert exported["Content-Type"] == "application/json"
    data = json.loads(exported.content)
    assert [c["comment"] for c in data["comments"]] == ["My neighbour at number 12 is always late"]
