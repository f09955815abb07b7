"""A comment's history: the verdict it was posted with, then who decided what, and why."""

import pytest

from comments.actions import apply
from comments.models import ArticleComment, CommentStatus
from tests.factories import ArticlePageFactory
from tests.utils.comments import make_comment, post_comment, rules
from tests.utils.html import parse, rows

pytestmark = pytest.mark.django_db


def test_a_moderation_decision_is_listed_in_the_admin_site_history(
    client, index, moderator, superuser
):
    article = ArticlePageFactory(parent=index)
    comment = make_comment(article, status=CommentStatus.AWAITING, comment="Needs a look.")
    apply(comment, "spam", moderator, reason="Selling watches")
    client.force_login(superuser)
    history = rows(parse(client.get("/admin/reports/site-history/")))
    spam_rows = [row for row in history if any("Comment marked as spam" in c for c in row)]
    assert len(spam_rows) == 1
    assert any("moderator" in cell for cell in spam_rows[0])


def inspect_history(client, comment):
    page = parse(client.get(f"/admin/comments/{comment.pk}/"))
    return rows(page.find("h2", string="Moderation history").find_next("table"), "tbody tr")


def history_rows(client, comment):
    return rows(parse(client.get(f"/admin/comments/history/{comment.pk}/")))


def test_a_held_comment_s_history_starts_with_its_verdict(client, index, moderator):
    article = ArticlePageFactory(parent=index)
    rules(max_links=2)
    links = "See https://a.example, https://b.example and https://c.example."
    post_comment(client, article, comment=links)
    comment = ArticleComment.objects.get()
    assert comment.status == CommentStatus.AWAITING

    client.force_login(moderator)
    (posted,) = history_rows(client, comment)
    action, _user, _date, reason = posted
    assert action.startswith("Comment posted: held for moderation")
    assert reason == "Contains 3 links, more than the 2 allowed."

    # The moderator's view of the comment reads the same entry.
    (entry,) = inspect_history(client, comment)
    assert entry[1:] == ["Visitor", "Comment posted: held for moderation", reason]


def test_the_history_names_the_standing_rule_and_then_the_moderator(client, index, moderator):
    article = ArticlePageFactory(parent=index)
    post_comment(client, article, comment="Plain words, held as every comment is.")
    comment = ArticleComment.objects.get()
    client.force_login(moderator)
    apply(comment, "approve", moderator, reason="Fair point")

    approved, posted = history_rows(client, comment)  # newest first
    assert approved[0].startswith("Comment approved") and approved[3] == "Fair point"
    assert posted[0].startswith("Comment posted: held for moderation")
    assert posted[3] == "Every comment waits for a moderator."
    assert posted[1] == "Visitor"  # a reader posted it, not an admin user


def test_a_published_comment_s_history_says_so(client, index, moderator):
    article = ArticlePageFactory(parent=index)
    rules(hold_all=False)
    post_comment(client, article)
    comment = ArticleComment.objects.get(status=CommentStatus.APPROVED)
    client.force_login(moderator)
    (posted,) = history_rows(client, comment)
    assert posted[0].startswith("Comment posted: published")
