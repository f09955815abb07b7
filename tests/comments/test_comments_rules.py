"""Moderation rules that visitors try to get round: borrowed identities and lookalike letters."""

import pytest

from comments.models import ArticleComment, CommentSettings, CommentStatus
from tests.factories import ArticlePageFactory
from tests.utils.comments import csrf_client, make_comment, post_comment, rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(index):
    return ArticlePageFactory(parent=index, title="Parking permits", slug="parking")


def test_a_known_email_under_another_name_is_held(article):
    rules(auto_approve_known=True, min_interval_seconds=0)
    make_comment(article, user_name="Regular Reader", user_email="regular@example.org")
    post_comment(csrf_client(), article, name="Impostor", email="regular@example.org", comment="Hi")
    comment = ArticleComment.objects.get(comment="Hi")
    assert comment.status == CommentStatus.AWAITING


def test_a_known_name_and_email_together_are_auto_approved(article):
    rules(auto_approve_known=True, min_interval_seconds=0)
    make_comment(article, user_name="Regular Reader", user_email="regular@example.org")
    post_comment(
        csrf_client(), article, name="Regular Reader", email="Regular@Example.org", comment="Hi"
    )
    comment = ArticleComment.objects.get(comment="Hi")
    assert comment.status == CommentStatus.APPROVED
    assert "known commenter" in comment.moderation_note


def test_auto_approval_explains_that_a_name_and_email_can_be_borrowed():
    help_text = CommentSettings._meta.get_field("auto_approve_known").help_text
    assert "name and email" in help_text
    assert "anyone who knows" in help_text.lower()


LOOKALIKES = {
    "Cyrillic letters": "Ѕреcial саsino offer",  # Ѕ, р, е, с, а are Cyrillic
    "Greek letters": "Best cαsinο in town",  # α, ο are Greek
    "a zero-width space": "Best ca\u200bsino in town",
    "a soft hyphen": "Best ca\u00adsino in town",
    "full-width letters": "Best ｃａｓｉｎｏ in town",
    "mathematical letters": "Best 𝐜𝐚𝐬𝐢𝐧𝐨 in town",
    "capitals": "Best CASINO in town",
}


@pytest.mark.parametrize("text", LOOKALIKES.values(), ids=LOOKALIKES.keys())
def test_hold_words_hold_lookalike_spellings(article, text):
    rules(hold_all=False, hold_words="casino\n", min_interval_seconds=0)
    post_comment(csrf_client(), article, comment=text)
    comment = ArticleComment.objects.get()
    assert comment.status == CommentStatus.AWAITING
    assert "hold word" in comment.moderation_note


@pytest.mark.parametrize("text", LOOKALIKES.values(), ids=LOOKALIKES.keys())
def test_block_words_send_lookalike_spellings_to_spam(article, text):
    rules(hold_all=False, block_words="casino\n", min_interval_seconds=0)
    post_comment(csrf_client(), article, comment=text)
    assert ArticleComment.objects.get().status == CommentStatus.SPAM


def test_lookalike_block_words_written_by_moderators_match_plain_text(article):
    rules(hold_all=False, block_words="ＣＡЅＩＮＯ\n", min_interval_seconds=0)
    post_comment(csrf_client(), article, comment="Best casino in town")
    assert ArticleComment.objects.get().status == CommentStatus.SPAM


def test_ordinary_words_that_contain_no_hold_word_are_published(article):
    rules(hold_all=False, hold_words="casino\n", min_interval_seconds=0)
    post_comment(csrf_client(), article, comment="Ναι, the café’s Сasa-style menu")
    assert ArticleComment.objects.get().status == CommentStatus.APPROVED
