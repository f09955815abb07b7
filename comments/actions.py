"""Moderation actions: each changes a comment's status and leaves an entry in Wagtail's log."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models.signals import post_save

from wagtail.log_actions import log

from .models import ArticleComment, CommentStatus
from .notifications import notify_reply


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    status: str
    log_action: str
    past: str


ACTIONS = {
    action.name: action
    for action in (
        Action("approve", "Approve", CommentStatus.APPROVED, "ogp_comments.approve", "approved"),
        Action(
            "unapprove", "Unapprove", CommentStatus.AWAITING, "ogp_comments.unapprove", "unapproved"
        ),
        Action("spam", "Mark as spam", CommentStatus.SPAM, "ogp_comments.spam", "marked as spam"),
        Action(
            "not_spam",
            "Not spam",
            CommentStatus.AWAITING,
            "ogp_comments.not_spam",
            "moved to the queue",
        ),
        Action("remove", "Remove", CommentStatus.REMOVED, "ogp_comments.remove", "removed"),
    )
}


def set_status(comment, status):
    # A queryset update skips django-comments-xtd's pre_save hook, which would otherwise
    # publish every reply under a comment when the comment itself is approved.
    comment.set_status(status)
    save_fields(
        comment, status=comment.status, is_public=comment.is_public, is_removed=comment.is_removed
    )


def save_fields(instance, /, **values):
    """Update some fields without xtd's pre_save hook, still telling post_save listeners (caches)."""
    ArticleComment.objects.filter(pk=instance.pk).update(**values)
    post_save.send(
        sender=ArticleComment,
        instance=instance,
        created=False,
        update_fields=frozenset(values),
        raw=False,
        using=instance._state.db or "default",
    )


def apply(comment, action_name: str, user, reason: str = ""):
    action = ACTIONS[action_name]
    with transaction.atomic():
        set_status(comment, action.status)
        log(instance=comment, action=action.log_action, user=user, data={"reason": reason})
    if action.status == CommentStatus.APPROVED:
        notify_reply(comment)
    return action
