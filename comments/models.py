"""The comment model: django-comments-xtd's threaded comment plus our moderation status."""

from django.db import models

from django_comments_xtd.models import XtdComment


class CommentStatus(models.TextChoices):
    AWAITING = "awaiting", "Awaiting moderation"
    APPROVED = "approved", "Approved"
    SPAM = "spam", "Spam"
    REMOVED = "removed", "Removed"


class ArticleComment(XtdComment):
    """A comment on an article. `status` is the moderators' word; is_public/is_removed follow it."""

    status = models.CharField(
        max_length=10, choices=CommentStatus.choices, default=CommentStatus.AWAITING, db_index=True
    )
    is_staff_reply = models.BooleanField(default=False)
    moderation_note = models.CharField(
        max_length=200, blank=True, help_text="Why the comment was held or diverted."
    )
    import_ref = models.CharField(
        max_length=120,
        blank=True,
        db_index=True,
        help_text="Identifier of this comment in the system it was imported from.",
    )

    class Meta:
        verbose_name = "comment"
        permissions = [("moderate_comments", "Can moderate comments")]

    def set_status(self, status: str):
        """Move to `status`, keeping django-contrib-comments' public/removed flags in step."""
        self.status = status
        self.is_public = status == CommentStatus.APPROVED
        self.is_removed = status == CommentStatus.REMOVED
