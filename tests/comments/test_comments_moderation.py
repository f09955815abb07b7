"""The moderators' area: permissions, actions, bulk actions, history, staff replies, privacy."""

import json
import re

from django.core import mail, signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import ModelLogEntry, ReferenceIndex, Site

import pytest
from bs4 import BeautifulSoup

from comments.actions import ACTIONS
from comments.models import ArticleComment, CommentSettings, CommentStatus
from comments.notifications import QUICK_SALT, quick_token
from tests.factories import ArticlePageFactory
from tests.utils.comments import (
    admin_menu_labels,
    admin_menu_urls,
    as_user,
    csrf_client,
    make_comment,
    post_comment,
)
from tests.utils.html import comment_bodies, links_to, messages, parse, rows, text, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Participatory budgets", slug="pb")


@pytest.fixture
def held(article):
    return make_comment(
        article,
        status=CommentStatus.AWAITING,
        user_name="Held Person",
        user_email="held@example.org",
        comment="Waiting for a decision",
        ip_address="192.0.2.10",
    )


BULK = "/admin/bulk/ogp_comments/articlecomment/{action}/"
RULES = "/admin/settings/ogp_comments/commentsettings/"


def bulk_url(action, comments):
    ids = "&".join(f"id={c if isinstance(c, str) else c.pk}" for c in comments)
    return BULK.format(action=action) + "?" + ids


def moderation_urls(comment):
    token = quick_token(comment, "approve")
    return [
        ("get", "/admin/comments/"),
        ("get", f"/admin/comments/{comment.pk}/"),
        ("get", f"/admin/comments/inspect/{comment.pk}/"),
        ("get", f"/admin/comments/history/{comment.pk}/"),
        ("get", "/admin/comments/privacy/"),
        ("get", RULES),
        ("get", f"/admin/comments/quick/{token}/"),
        ("post", f"/admin/comments/{comment.pk}/approve/"),
        ("post", f"/admin/comments/{comment.pk}/reply/"),
        ("get", bulk_url("approve", [comment])),
        ("post", bulk_url("approve", [comment])),
        ("get", f"/admin/comments/delete/{comment.pk}/"),
    ]


def queue(client, query=""):
    """The moderation queue as parsed HTML."""
    return parse(client.get(f"/admin/comments/{query}"))


def queued_texts(soup) -> list[str]:
    """The comment texts listed in the queue, top to bottom."""
    return texts(soup, ".comments-queue__text a")


def public_comments(article) -> list[str]:
    return comment_bodies(parse(Client().get(article.url)))


def inspect_history(client, comment) -> list[list[str]]:
    """The "Moderation history" table of a comment's page in the admin, newest first."""
    page = parse(client.get(f"/admin/comments/{comment.pk}/"))
    table = page.find("h2", string="Moderation history").find_next("table")
    return rows(table, "tbody tr")


def refused(response):
    """Our own views answer 403; Wagtail's send the user to the dashboard with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def test_anonymous_visitors_are_sent_to_the_login_page(held):
    client = Client()
    for method, url in moderation_urls(held):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"]


def test_editors_are_refused_every_moderation_url(held, editor):
    client = as_user(editor)
    for method, url in moderation_urls(held):
        assert refused(getattr(client, method)(url)), url
    assert ArticleComment.objects.get().status == CommentStatus.AWAITING
    assert "/admin/comments/" not in admin_menu_urls(client.get("/admin/"))


def test_moderators_reach_the_queue_but_not_permanent_delete(held, moderator):
    client = as_user(moderator)
    assert "/admin/comments/" in admin_menu_urls(client.get("/admin/"))
    assert client.get("/admin/comments/").status_code == 200
    assert client.get(f"/admin/comments/{held.pk}/").status_code == 200
    assert client.get(f"/admin/comments/inspect/{held.pk}/").status_code == 200
    assert client.get(f"/admin/comments/history/{held.pk}/").status_code == 200
    assert refused(client.get(f"/admin/comments/delete/{held.pk}/"))
    assert refused(client.post(f"/admin/comments/delete/{held.pk}/"))
    assert ArticleComment.objects.filter(pk=held.pk).exists()


def test_the_menu_item_shows_the_waiting_count_to_moderators_only(held, moderator, editor):
    assert "Comments (1 awaiting)" in admin_menu_labels(as_user(moderator).get("/admin/"))
    assert "Comments (1 awaiting)" not in admin_menu_labels(as_user(editor).get("/admin/"))


def test_the_queue_lists_who_wrote_what_newest_first(held, article, moderator):
    newer = make_comment(article, status=CommentStatus.AWAITING, comment="Newer one")
    page = queue(as_user(moderator), "?status=awaiting")
    assert queued_texts(page) == ["Newer one", "Waiting for a decision"]
    held_row = rows(page)[1]
    for shown in ("Held Person", "held@example.org", "192.0.2.10", "Participatory budgets"):
        assert any(shown in cell for cell in held_row), shown
    assert links_to(page, f"/admin/comments/{newer.pk}/") == ["Newer one"]


def test_the_queue_filters_by_status_article_and_search(held, article, index, moderator):
    other = ArticlePageFactory(parent=index, title="Elsewhere")
    make_comment(other, comment="On another article")
    make_comment(article, status=CommentStatus.SPAM, comment="Spammy text")
    client = as_user(moderator)
    assert queued_texts(queue(client, "?status=awaiting")) == ["Waiting for a decision"]
    assert queued_texts(queue(client, "?status=spam")) == ["Spammy text"]
    on_article = queued_texts(queue(client, f"?article={article.pk}"))
    assert sorted(on_article) == ["Spammy text", "Waiting for a decision"]
    assert queued_texts(queue(client, "?q=held@example")) == ["Waiting for a decision"]


def test_the_queue_is_paginated(article, moderator):
    for n in range(30):
        make_comment(article, comment=f"Numbered {n:02d}")
    client = as_user(moderator)
    first = queued_texts(queue(client))
    assert len(first) == 25 and "Numbered 29" in first and "Numbered 00" not in first
    assert "Numbered 00" in queued_texts(queue(client, "?p=2"))


@pytest.mark.parametrize(
    ("action", "start", "end", "log_action"),
    [
        ("approve", CommentStatus.AWAITING, CommentStatus.APPROVED, "ogp_comments.approve"),
        ("unapprove", CommentStatus.APPROVED, CommentStatus.AWAITING, "ogp_comments.unapprove"),
        ("spam", CommentStatus.AWAITING, CommentStatus.SPAM, "ogp_comments.spam"),
        ("not_spam", CommentStatus.SPAM, CommentStatus.AWAITING, "ogp_comments.not_spam"),
        ("remove", CommentStatus.APPROVED, CommentStatus.REMOVED, "ogp_comments.remove"),
    ],
)
def test_each_action_changes_the_status_and_is_logged(
    action, start, end, log_action, article, moderator
):
    comment = make_comment(article, status=start, comment="Act on me")
    client = as_user(moderator)
    response = client.post(f"/admin/comments/{comment.pk}/{action}/", {"reason": "Policy 4"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == end
    assert comment.is_public == (end == CommentStatus.APPROVED)
    entry = ModelLogEntry.objects.for_instance(comment).get()
    assert entry.action == log_action
    assert entry.user == moderator
    assert entry.data["reason"] == "Policy 4"
    when, who, what, why = inspect_history(client, comment)[0]
    assert (who, why) == ("moderator", "Policy 4") and what.startswith("Comment ")


def test_approving_and_removing_show_on_the_public_page_at_once(held, article, moderator):
    assert public_comments(article) == []
    as_user(moderator).post(f"/admin/comments/{held.pk}/approve/")
    assert public_comments(article) == ["Waiting for a decision"]
    as_user(moderator).post(f"/admin/comments/{held.pk}/remove/")
    assert public_comments(article) == []


def test_approving_a_comment_does_not_publish_held_replies(held, article, moderator):
    reply = make_comment(article, status=CommentStatus.AWAITING, parent=held, comment="Held reply")
    as_user(moderator).post(f"/admin/comments/{held.pk}/approve/")
    reply.refresh_from_db()
    assert reply.status == CommentStatus.AWAITING
    assert public_comments(article) == ["Waiting for a decision"]


@pytest.mark.parametrize("action", ["approve", "unapprove", "spam", "not_spam", "remove"])
def test_bulk_actions_apply_to_every_selected_comment(action, article, moderator):
    comments = [make_comment(article, status=CommentStatus.AWAITING) for _ in range(3)]
    untouched = make_comment(article, status=CommentStatus.AWAITING)
    response = as_user(moderator).post(bulk_url(action, comments), {"reason": "Batch"})
    assert response.status_code == 302

    for comment in comments:
        comment.refresh_from_db()
        assert comment.status == ACTIONS[action].status
        assert ModelLogEntry.objects.for_instance(comment).get().data["reason"] == "Batch"
    untouched.refresh_from_db()
    assert untouched.status == CommentStatus.AWAITING


def test_a_bulk_action_on_comments_deleted_meanwhile_says_so_instead_of_failing(moderator):
    # Another moderator deleted the selected comments between page load and submit.
    response = as_user(moderator).post(
        bulk_url("approve", ["999998", "999999"]), {"next": "/admin/comments/"}, follow=True
    )
    assert response.status_code == 200
    assert "0 comments approved." in messages(parse(response))


def test_superusers_can_delete_permanently_and_it_is_logged(held, superuser):
    client = as_user(superuser)
    assert client.get(f"/admin/comments/delete/{held.pk}/").status_code == 200
    assert client.post(f"/admin/comments/delete/{held.pk}/", {"reason": "Abuse"}).status_code == 302
    assert not ArticleComment.objects.filter(pk=held.pk).exists()
    entry = ModelLogEntry.objects.get(action="wagtail.delete", object_id=str(held.pk))
    assert entry.data["reason"] == "Abuse"


def test_a_staff_reply_is_published_at_once_with_a_badge(held, article, moderator):
    moderator.first_name, moderator.last_name = "Mo", "Derator"
    moderator.save()
    response = as_user(moderator).post(
        f"/admin/comments/{held.pk}/reply/", {"comment": "Thanks, we will look into it."}
    )
    assert response.status_code == 302
    reply = ArticleComment.objects.get(is_staff_reply=True)
    assert reply.status == CommentStatus.APPROVED and reply.parent_id == held.pk
    page = parse(Client().get(article.url))
    staff = page.select_one(f"#comment-{reply.pk}")
    assert text(staff.select_one(".comment__body")) == "Thanks, we will look into it."
    assert text(staff.select_one(".badge--staff")) == "Staff"
    assert "moderator@example.org" not in text(page)
    assert ModelLogEntry.objects.filter(action="ogp_comments.reply").exists()


def test_the_one_click_link_needs_a_moderator_and_a_valid_signature(held, moderator, editor):
    token = quick_token(held, "approve")
    assert as_user(editor).get(f"/admin/comments/quick/{token}/").status_code == 403
    client = as_user(moderator)
    assert client.get(f"/admin/comments/quick/{token}x/").status_code == 403
    assert client.post(f"/admin/comments/quick/{token}/").status_code == 302
    held.refresh_from_db()
    assert held.status == CommentStatus.APPROVED


def test_an_expired_one_click_link_changes_nothing(held, moderator, settings):
    settings.COMMENTS_QUICK_LINK_MAX_AGE = -1
    token = signing.dumps({"c": held.pk, "a": "spam"}, salt=QUICK_SALT)
    as_user(moderator).post(f"/admin/comments/quick/{token}/")
    held.refresh_from_db()
    assert held.status == CommentStatus.AWAITING


def test_privacy_export_gives_everything_about_one_email(held, article, moderator):
    make_comment(article, user_email="someone-else@example.org")
    response = as_user(moderator).post(
        "/admin/comments/privacy/", {"email": "HELD@example.org", "format": "json"}
    )
    data = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert [c["comment"] for c in data["comments"]] == ["Waiting for a decision"]
    assert data["comments"][0]["ip_address"] == "192.0.2.10"


def test_privacy_erase_anonymises_and_removes(held, moderator):
    response = as_user(moderator).post(
        "/admin/comments/privacy/", {"email": "held@example.org", "confirm": "erase"}
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.user_email == "" and held.ip_address is None and held.user_name == "Anonymous"
    assert "Waiting" not in held.comment
    assert held.status == CommentStatus.REMOVED
    assert ModelLogEntry.objects.filter(action="ogp_comments.erase").exists()


def test_moderators_can_change_the_rules(moderator, home):
    site = Site.objects.get(is_default_site=True)
    response = as_user(moderator).post(
        f"{RULES}{site.pk}/",
        {
            "hold_all": "on",
            "max_links": "5",
            "min_interval_seconds": "30",
            "close_after_days": "14",
            "reply_depth": "3",
            "per_page": "20",
            "hold_words": "",
            "block_words": "spamword",
        },
    )
    assert response.status_code == 302
    saved = CommentSettings.objects.get()
    assert (saved.max_links, saved.close_after_days, saved.block_words) == (5, 14, "spamword")
    assert ModelLogEntry.objects.for_instance(saved).filter(user=moderator).exists()


def test_the_rules_have_one_place_the_settings_screen(moderator, home):
    client = as_user(moderator)
    assert client.get("/admin/comments/rules/").status_code == 404
    assert links_to(queue(client), RULES)
    assert client.get(RULES, follow=True).status_code == 200


def test_the_dashboard_shows_waiting_comments_to_moderators(held, moderator, editor):
    panel = parse(as_user(moderator).get("/admin/")).select_one("#pending-comments-section")
    assert "Comments awaiting moderation" in text(panel)
    assert texts(panel, "li a") == ["Held Person: Waiting for a decision"]
    assert parse(as_user(editor).get("/admin/")).select_one("#pending-comments-section") is None


def test_the_article_editor_shows_its_comment_counts(held, article, superuser):
    panel = parse(as_user(superuser).get(f"/admin/pages/{article.pk}/edit/"))
    counts = panel.select_one(".article-comment-counts")
    assert "Awaiting moderation: 1" in texts(counts, "li")
    assert links_to(counts, f"/admin/comments/?article={article.pk}")


def test_a_held_comment_emails_moderators_with_signed_links(
    article, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(csrf_client(), article, comment="Please review me")
    comment = ArticleComment.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["moderator@example.org"]
    assert "Please review me" in message.body
    assert f"/admin/comments/{comment.pk}/" in message.body
    links = re.findall(r"/admin/comments/quick/([^/\s]+)/", message.body)
    assert {signing.loads(t, salt=QUICK_SALT)["a"] for t in links} == {"approve", "spam"}


def test_each_row_has_one_click_approve_spam_and_remove_forms(held, moderator):
    page = queue(as_user(moderator), "?status=awaiting")
    for action, style in (("approve", "button-primary"), ("spam", "no"), ("remove", "no")):
        form = page.find("form", action=f"/admin/comments/{held.pk}/{action}/")
        assert form is not None and form["method"] == "post", action
        assert {"button-small", style} <= set(form.button["class"]), action
    assert page.find("form", action=f"/admin/comments/{held.pk}/reply/") is not None


def test_a_row_action_returns_to_the_queue_it_came_from(held, moderator):
    response = as_user(moderator).post(
        f"/admin/comments/{held.pk}/approve/", {"next": "/admin/comments/?status=awaiting"}
    )
    assert response["Location"] == "/admin/comments/?status=awaiting"


def test_the_queue_shows_the_comment_replied_to_and_the_commenters_history(
    held, article, moderator
):
    for status in (CommentStatus.APPROVED,) * 3 + (CommentStatus.SPAM,):
        make_comment(article, status=status, user_email="held@example.org", comment="Older")
    later = make_comment(
        article,
        status=CommentStatus.AWAITING,
        user_email="held@example.org",
        parent=held,
        comment="A later reply",
    )
    ArticleComment.objects.exclude(pk=later.pk).update(
        submit_date=later.submit_date.replace(year=2020)
    )
    client = as_user(moderator)
    page = queue(client, "?status=awaiting")
    row = page.find(id=f"comment_{later.pk}_title").find_parent("tr")
    replied_to = text(row.select_one(".comments-queue__reply-to"))
    assert replied_to == "In reply to Held Person: “Waiting for a decision”"
    assert "3 approved, 1 spam before" in text(row.select_one(".comments-queue__commenter"))
    inspect = parse(client.get(f"/admin/comments/{later.pk}/"))
    commenter = inspect.find("dt", string="Commenter's history").find_next("dd")
    assert "3 approved, 1 spam before" in text(commenter)


def test_bulk_actions_ask_for_a_reason_before_acting(held, moderator):
    client = as_user(moderator)
    page = parse(client.get(bulk_url("spam", [held])))
    assert page.find("form").find(attrs={"name": "reason"}) is not None
    assert "Waiting for a decision" in text(page.find("main") or page)
    held.refresh_from_db()
    assert held.status == CommentStatus.AWAITING


def test_anonymous_visitors_cannot_run_a_bulk_action(held):
    response = Client().post(bulk_url("approve", [held]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    held.refresh_from_db()
    assert held.status == CommentStatus.AWAITING


def test_nobody_adds_or_edits_comments_in_the_admin(held, superuser):
    client = as_user(superuser)
    assert refused(client.get("/admin/comments/new/"))
    assert refused(client.get(f"/admin/comments/edit/{held.pk}/"))
    assert links_to(queue(client), "/admin/comments/new/") == []


def test_the_history_view_lists_decisions_with_reasons(held, moderator):
    client = as_user(moderator)
    client.post(f"/admin/comments/{held.pk}/spam/", {"reason": "Selling watches"})
    page = parse(client.get(f"/admin/comments/history/{held.pk}/"))
    newest = rows(page)[0]
    assert newest[0].startswith("Comment marked as spam") and newest[-1] == "Selling watches"
    assert not page.select('a[href^="/admin/comments/edit/"]')


def test_the_page_chooser_shows_moderators_no_pages(index, moderator, editor):
    ArticlePageFactory(parent=index, title="Secret draft", live=False)

    def chooser(user):
        # The chooser answers the modal's JSON; its "html" holds the list of pages.
        response = as_user(user).get(f"/admin/choose-page/{index.pk}/")
        return texts(BeautifulSoup(response.json()["html"], "html.parser"), "td a, td")

    assert "Secret draft" not in chooser(moderator)
    assert "Secret draft" in chooser(editor)


def test_superusers_reach_every_moderation_url(held, superuser):
    client = as_user(superuser)
    for method, url in moderation_urls(held):
        if "/quick/" in url:
            continue  # used once: it approves the comment, covered above
        response = getattr(client, method)(url)
        assert response.status_code in (200, 302) and not refused(response), url


def test_posting_a_comment_writes_nothing_to_wagtails_reference_index(article):
    before = ReferenceIndex.objects.count()
    post_comment(csrf_client(), article, comment="No usage rows for me")
    assert ArticleComment.objects.filter(comment="No usage rows for me").exists()
    assert ReferenceIndex.objects.count() == before


def test_a_missing_comment_is_not_found(moderator):
    assert as_user(moderator).get("/admin/comments/999999/").status_code == 404


def test_the_queue_costs_the_same_queries_for_few_and_many_comments(article, index, moderator):
    other = ArticlePageFactory(parent=index, title="Other article")
    client = as_user(moderator)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/comments/").status_code == 200
        return len(captured.captured_queries)

    for target in (article, other):
        parent = make_comment(target, comment="Parent")
        make_comment(target, parent=parent, comment="Child")
    count()  # the first request fills per-process caches (content types, site root paths)
    few = count()
    for n in range(10):
        parent = make_comment(article if n % 2 else other, comment=f"Parent {n}")
        make_comment(article, parent=parent, user_email=f"p{n}@example.org", comment=f"Child {n}")
    assert count() == few
