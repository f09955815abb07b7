"""The comment model: django-comments-xtd's threaded comment plus our moderation status."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from django_comments_xtd.models import XtdComment


class CommentStatus(models.TextChoices):
    AWAITING = "awaiting", "Awaiting moderation"
    APPROVED = "approved", "Approved"
    SPAM = "spam", "Spam"
    REMOVED = "removed", "Removed"


class ArticleCommentQuerySet(models.QuerySet):
    def for_article(self, article):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(
            content_type=ContentType.objects.get_for_model(type(article)),
            object_pk=str(article.pk),
        )

    def approved(self):
        return self.filter(status=CommentStatus.APPROVED)

    def visible_to(self, own_ids=()):
        """Approved comments, plus the visitor's own comments still awaiting moderation."""
        condition = Q(status=CommentStatus.APPROVED)
        if own_ids:
            condition |= Q(status=CommentStatus.AWAITING, pk__in=list(own_ids))
        return self.filter(condition)


class ArticleCommentManager(models.Manager.from_queryset(ArticleCommentQuerySet)):
    pass


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
    reply_notification_sent = models.BooleanField(
        default=False, help_text="Whether the parent's author was told about this reply."
    )
    # The article, the email and the normalised text, hashed (policy.duplicate_key): the same
    # comment sent twice at once is refused by the database, not only by a check before saving.
    duplicate_key = models.CharField(max_length=64, blank=True, editable=False)

    objects = ArticleCommentManager()

    class Meta:
        verbose_name = "comment"
        permissions = [("moderate_comments", "Can moderate comments")]
        constraints = [
            models.UniqueConstraint(
                fields=["duplicate_key"],
                condition=~Q(duplicate_key=""),
                name="ogp_comments_unique_post",
            ),
        ]

    def __str__(self):
        excerpt = self.comment[:50] + ("…" if len(self.comment) > 50 else "")
        return f"{self.user_name}: {excerpt}"

    def set_status(self, status: str):
        """Move to `status`, keeping django-contrib-comments' public/removed flags in step."""
        self.status = status
        self.is_public = status == CommentStatus.APPROVED
        self.is_removed = status == CommentStatus.REMOVED

    def get_absolute_url(self):
        """Where readers see this comment: its place on the article."""
        return f"{self.content_object.get_url()}#comment-{self.pk}"


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    """Moderation rules for comments, like WordPress's discussion settings."""

    hold_all = models.BooleanField(
        "hold every comment for approval",
        default=True,
        help_text="When off, comments are published at once unless a rule below holds them.",
    )
    auto_approve_known = models.BooleanField(
        "auto-approve known commenters",
        default=False,
        help_text="Publish at once a comment whose name and email both match an approved "
        "comment. Anyone who knows a regular's name and email address can post as them, "
        "so leave this off where that matters.",
    )
    max_links = models.PositiveSmallIntegerField(
        "hold comments with more links than",
        default=2,
        help_text="A comment with more links than this always waits for a moderator.",
    )
    hold_words = models.TextField(
        blank=True,
        help_text="One per line. A comment containing one of these in its name, email, "
        "website, text or IP address waits for a moderator.",
    )
    block_words = models.TextField(
        blank=True,
        help_text="One per line, matched like hold words. A matching comment goes to spam.",
    )
    min_interval_seconds = models.PositiveIntegerField(
        "minimum seconds between comments",
        default=15,
        help_text="From one IP address or email address. 0 turns flood control off.",
    )
    close_after_days = models.PositiveIntegerField(
        "close comments after (days)",
        default=0,
        help_text="Days after publication. 0 keeps comments open.",
    )
    reply_depth = models.PositiveSmallIntegerField(
        default=2,
        validators=[MaxValueValidator(settings.COMMENTS_XTD_MAX_THREAD_LEVEL)],
        help_text="Levels of replies under a comment. 0 turns replies off.",
    )
    per_page = models.PositiveSmallIntegerField(
        "top-level comments per page",
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("hold_all"), FieldPanel("auto_approve_known")], heading="Approval"
        ),
        MultiFieldPanel(
            [
                FieldPanel("max_links"),
                FieldPanel("hold_words"),
                FieldPanel("block_words"),
                FieldPanel("min_interval_seconds"),
            ],
            heading="Spam and abuse",
        ),
        MultiFieldPanel(
            [FieldPanel("close_after_days"), FieldPanel("reply_depth"), FieldPanel("per_page")],
            heading="Discussion",
        ),
    ]

    class Meta:
        verbose_name = "comment moderation rules"

    @staticmethod
    def word_list(text: str) -> list[str]:
        return [line.strip().lower() for line in text.splitlines() if line.strip()]


class ThreadSubscription(models.Model):
    """A reader following an article's comments by email, once they have confirmed the address."""

    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The newest approved comment this reader was told about; a comment is sent at most once.
    last_notified_comment_id = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "email"], name="unique_thread_subscription")
        ]

    def __str__(self):
        return f"{self.email} on {self.article_id}"
