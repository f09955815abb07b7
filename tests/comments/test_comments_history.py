"""Moderation decisions appear in Wagtail's site history, with who, what and why."""

import pytest

from comments.actions import apply
from comments.models import CommentStatus
from tests.factories import ArticlePageFactory
from tests.utils.comments import make_comment

pytestmark = pytest.mark.django_db


def test_a_moderation_decision_is_listed_in_the_admin_site_history(
    client, index, moderator, superuser
):
    article = ArticlePageFactory(parent=index)
    comment = make_comment(article, status=CommentStatus.AWAITING, comment="Needs a look.")
    apply(comment, "spam", moderator, reason="Selling watches")
    client.force_login(superuser)
    page = client.get("/admin/reports/site-history/").content.decode()
    assert "Comment marked as spam" in page or "marked as spam" in page.lower()
    assert "moderator" in page
