"""The approve/spam links in moderators' emails: they ask first, act on POST, once, and only
while the comment is as the email described it."""

import re

from django.core import mail, signing

import pytest

from comments.models import CommentStatus
from comments.notifications import QUICK_SALT, notify_moderators, quick_token
from tests.factories import ArticlePageFactory
from tests.utils.comments import as_user, make_comment
from tests.utils.html import messages, parse, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Bus lanes", slug="bus-lanes")


@pytest.fixture
def held(article):
    return make_comment(
        article, status=CommentStatus.AWAITING, user_name="Held Person", comment="Please decide"
    )


def link(comment, action):
    return f"/admin/comments/quick/{quick_token(comment, action)}/"


def status_of(comment):
    comment.refresh_from_db()
    return comment.status


@pytest.mark.parametrize("action", ["approve", "spam"])
def test_a_link_opens_a_confirmation_page_and_a_get_changes_nothing(action, held, moderator):
    page = parse(as_user(moderator).get(link(held, action)))
    form = page.select_one(".nice-padding form")
    assert form["method"] == "post" and not form.get("action")  # posts back to the link
    assert text(form.button) == {"approve": "Approve", "spam": "Mark as spam"}[action]
    assert text(page.select_one(".nice-padding blockquote")) == "Please decide"
    assert status_of(held) == CommentStatus.AWAITING


@pytest.mark.parametrize(
    ("action", "status"), [("approve", CommentStatus.APPROVED), ("spam", CommentStatus.SPAM)]
)
def test_confirming_acts(action, status, held, moderator):
    response = as_user(moderator).post(link(held, action))
    assert response.status_code == 302
    assert status_of(held) == status


def test_a_link_works_only_once(held, moderator):
    approve = link(held, "approve")
    client = as_user(moderator)
    client.post(approve)
    client.post(f"/admin/comments/{held.pk}/unapprove/")  # back in the queue, by someone
    assert status_of(held) == CommentStatus.AWAITING
    replay = client.post(approve, follow=True)
    assert any("no longer applies" in m for m in messages(parse(replay)))
    assert status_of(held) == CommentStatus.AWAITING


def test_an_old_approve_link_does_not_republish_a_comment_removed_since(
    held, moderator, django_user_model
):
    approve = link(held, "approve")
    colleague = django_user_model.objects.create_user("colleague", "c@example.org", "pw")
    colleague.groups.set(moderator.groups.all())
    as_user(colleague).post(f"/admin/comments/{held.pk}/remove/")
    client = as_user(moderator)
    for response in (client.get(approve, follow=True), client.post(approve, follow=True)):
        assert any("no longer applies" in m for m in messages(parse(response)))
    assert status_of(held) == CommentStatus.REMOVED


def test_a_spam_link_does_nothing_once_the_comment_is_approved(held, moderator):
    spam = link(held, "spam")
    client = as_user(moderator)
    client.post(link(held, "approve"))
    client.post(spam)
    assert status_of(held) == CommentStatus.APPROVED


def test_links_need_a_moderator_a_valid_signature_and_an_unexpired_token(
    held, moderator, editor, settings
):
    approve = link(held, "approve")
    assert as_user(editor).get(approve).status_code == 403
    assert as_user(editor).post(approve).status_code == 403
    client = as_user(moderator)
    assert client.post(approve.replace("/quick/", "/quick/x")).status_code == 403
    settings.COMMENTS_QUICK_LINK_MAX_AGE = -1
    client.post(approve)
    assert status_of(held) == CommentStatus.AWAITING
    # A token signed without the comment's state (as the old links were) is not accepted.
    settings.COMMENTS_QUICK_LINK_MAX_AGE = 3600
    stateless = signing.dumps({"c": held.pk, "a": "approve"}, salt=QUICK_SALT)
    client.post(f"/admin/comments/quick/{stateless}/")
    assert status_of(held) == CommentStatus.AWAITING


def test_the_links_in_the_email_lead_to_the_confirmation_page(
    held, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify_moderators(held)
    urls = re.findall(r"https?://[^/\s]+(/admin/comments/quick/\S+/)", mail.outbox[0].body)
    assert len(urls) == 2
    client = as_user(moderator)
    for url in urls:
        assert client.get(url).status_code == 200
    assert status_of(held) == CommentStatus.AWAITING
    client.post(urls[0])
    assert status_of(held) == CommentStatus.APPROVED
