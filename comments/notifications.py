"""Emails: moderators hear about held comments, commenters about approved replies.

Each email is queued once the change that caused it is committed (django-mailer's database
queue; comments/mail_queue.py sends it), so a slow or failing mail server never holds up or
fails a reader's post or a moderator's action, and a rolled-back change sends nothing.
"""

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import ModelLogEntry

from core.links import page_url, site_root_url

from .models import ArticleComment, CommentStatus

QUICK_SALT = "ogp_comments.quick-action"
UNSUBSCRIBE_SALT = "ogp_comments.unsubscribe"


def page_language(page) -> str:
    """The language a commenter's email about `page` is written in: the page's own.

    Emails are sent after the request (or from a moderator's approval in the admin), so the
    active language says nothing about the reader; the article's locale does.
    """
    locale = getattr(page, "locale", None)
    code = getattr(locale, "language_code", "") or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return settings.LANGUAGE_CODE


def admin_url(path: str) -> str:
    return site_root_url() + path


def quick_link_state(comment) -> list:
    """What a one-click link is bound to: the comment's status and its latest history entry.

    Every moderation action adds a history entry, so a link works only until the comment is
    next acted on, by this link or anything else: once, and never on a changed comment.
    """
    latest = (
        ModelLogEntry.objects.for_instance(comment).order_by("-pk").values_list("pk", flat=True)
    ).first()
    return [comment.status, latest or 0]


def quick_token(comment, action: str) -> str:
    return signing.dumps(
        {"c": comment.pk, "a": action, "s": quick_link_state(comment)}, salt=QUICK_SALT
    )


def read_quick_token(token: str) -> dict:
    return signing.loads(token, salt=QUICK_SALT, max_age=settings.COMMENTS_QUICK_LINK_MAX_AGE)


def unsubscribe_token(email: str) -> str:
    return signing.dumps(email.lower(), salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> str:
    return signing.loads(token, salt=UNSUBSCRIBE_SALT)


def moderator_emails() -> list[str]:
    if settings.COMMENTS_MODERATOR_EMAILS:
        return list(settings.COMMENTS_MODERATOR_EMAILS)
    permission = Permission.objects.get(
        content_type__app_label="ogp_comments", codename="moderate_comments"
    )
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .exclude(email="")
        .distinct()
    )
    return sorted({user.email for user in users})


def one_line(value) -> str:
    """`value` with every run of whitespace, line breaks included, as one space: safe in a header."""
    return " ".join(str(value or "").split())


def quoted(text: str) -> str:
    """What a visitor wrote, each line marked as theirs, so none of it passes for the site's."""
    return "\n".join(f"> {line}" for line in (text or "").splitlines() or [""])


def notify_moderators(comment):
    """One email per held comment, with signed one-click links and the visitor's words quoted."""
    transaction.on_commit(partial(_queue_moderator_email, comment.pk), robust=True)


def _queue_moderator_email(comment_pk):
    comment = ArticleComment.objects.filter(pk=comment_pk).first()
    recipients = moderator_emails()
    if comment is None or not recipients:
        return
    article = comment.content_object
    context = {
        "comment": comment,
        "article_title": one_line(article),
        "article_url": page_url(article) if article else "",
        "detail_url": admin_url(reverse("ogp_comments:detail", args=[comment.pk])),
        "approve_url": admin_url(
            reverse("ogp_comments:quick", args=[quick_token(comment, "approve")])
        ),
        "spam_url": admin_url(reverse("ogp_comments:quick", args=[quick_token(comment, "spam")])),
        "name": one_line(comment.user_name),
        "email": one_line(comment.user_email),
        "website": one_line(comment.user_url),
        "text": quoted(comment.comment),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    # In the article's language, like the comment it quotes: the site's moderators of each
    # language read the comments on that language's articles.
    with translation.override(page_language(article)):
        subject = _("Comment awaiting moderation on “%(title)s”") % {"title": article}
        send_mail(
            one_line(f"[{settings.WAGTAIL_SITE_NAME}] {subject}"),
            render_to_string("comments/email/moderator_notification.txt", context),
            settings.COMMENTS_XTD_FROM_EMAIL,
            recipients,
        )


def notify_reply(reply):
    """Tell the parent's author about an approved reply, once, if they asked to be told."""
    if reply.status != CommentStatus.APPROVED or reply.reply_notification_sent:
        return
    if reply.parent_id in (0, reply.pk):
        return
    transaction.on_commit(partial(_queue_reply_email, reply.pk), robust=True)


def _queue_reply_email(reply_pk):
    with transaction.atomic():
        reply = ArticleComment.objects.filter(pk=reply_pk, status=CommentStatus.APPROVED).first()
        if reply is None or reply.reply_notification_sent:
            return
        parent = ArticleComment.objects.filter(pk=reply.parent_id).first()
        if (
            parent is None
            or not parent.followup
            or not parent.user_email
            or parent.user_email.lower() == (reply.user_email or "").lower()
        ):
            return
        # Mark the notice as sent before queueing it: of two approvals at once, one queues it.
        claimed = ArticleComment.objects.filter(pk=reply.pk, reply_notification_sent=False).update(
            reply_notification_sent=True
        )
        if not claimed:
            return
        article = reply.content_object
        article_url = page_url(article) if article else ""
        context = {
            "reply": reply,
            "parent_name": one_line(parent.user_name),
            "reply_name": one_line(reply.user_name),
            "article_title": one_line(article),
            "text": quoted(reply.comment),
            "reply_url": f"{article_url}#comment-{reply.pk}",
            "unsubscribe_url": admin_url(
                reverse("comments-unsubscribe", args=[unsubscribe_token(parent.user_email)])
            ),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        with translation.override(page_language(article)):
            subject = _("New reply to your comment on “%(title)s”") % {"title": article}
            send_mail(
                one_line(f"[{settings.WAGTAIL_SITE_NAME}] {subject}"),
                render_to_string("comments/email/reply_notification.txt", context),
                settings.COMMENTS_XTD_FROM_EMAIL,
                [parent.user_email],
            )
