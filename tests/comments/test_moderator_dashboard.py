"""Moderators' dashboard: their panels, and no page search that leads to "no permission"."""

import pytest

from comments.models import CommentStatus
from tests.factories import ArticlePageFactory
from tests.utils.comments import as_user, make_comment
from tests.utils.html import parse, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(index):
    return make_comment(ArticlePageFactory(parent=index), status=CommentStatus.AWAITING)


def page_searches(soup):
    return soup.select("main form[role=search], #main form[role=search]")


def test_moderators_dashboard_has_their_queue_and_no_page_search(held, moderator):
    soup = parse(as_user(moderator).get("/admin/"))
    assert page_searches(soup) == []
    assert "Search all pages…" not in soup.get_text()
    assert any("awaiting moderation" in heading for heading in texts(soup, "h2, h3"))


def test_editors_keep_wagtails_dashboard_with_page_search(editor):
    soup = parse(as_user(editor).get("/admin/"))
    assert len(page_searches(soup)) == 1


def test_the_dashboard_still_needs_admin_access(client, django_user_model):
    assert client.get("/admin/").status_code == 302  # to the sign-in page
    reader = django_user_model.objects.create_user("reader", "reader@example.org", "pw")
    client.force_login(reader)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert "/admin/login/" in response.get("Location", "/admin/login/")
