"""Following an article's comments by email: double opt-in, one email per approved comment,
and a one-click way out."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from articles.models import ArticlePage
from core.links import page_url, site_root_url
from core.public_posts import CROSS_SITE_MESSAGE, public_post

from .models import ArticleComment, CommentStatus, ThreadSubscription
from .notifications import page_language

CONFIRM_SALT = "ogp_comments.follow-confirm"
STOP_SALT = "ogp_comments.follow-stop"
# A confirmation link older than this is refused; the reader can ask again.
CONFIRM_MAX_AGE = 7 * 24 * 3600
# One confirmation email per address and article in this time, so the form cannot flood a mailbox.
RESEND_AFTER = timedelta(hours=1)


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.org."),
        },
    )
    article = forms.IntegerField(widget=forms.HiddenInput)


# Email subjects, translated when sent (send_email), in the article's language.
CONFIRM_SUBJECT = gettext_noop("Confirm: follow the comments on “%(title)s”")
NEW_COMMENT_SUBJECT = gettext_noop("New comment on “%(title)s”")


def site_url(path: str) -> str:
    return site_root_url() + path


def confirm_token(subscription) -> str:
    return signing.dumps(subscription.pk, salt=CONFIRM_SALT)


def stop_token(subscription) -> str:
    return signing.dumps(subscription.pk, salt=STOP_SALT)


def send_email(subject: str, template: str, context: dict, to: str, headers=None):
    """The one place this module sends mail (moderators' mail may move onto a queue).

    `subject` is an English message id with a %(title)s for the article's title; subject and
    body are written in the article's language (see notifications.page_language).
    """
    article = context["article"]
    context = {**context, "site_name": settings.WAGTAIL_SITE_NAME}
    with translation.override(page_language(article)):
        subject = gettext(subject) % {"title": article.title}
        EmailMessage(
            f"[{settings.WAGTAIL_SITE_NAME}] {subject}",
            render_to_string(template, context),
            settings.COMMENTS_XTD_FROM_EMAIL,
            [to],
            headers=headers or {},
        ).send()


def stop_headers(stop_url: str) -> dict:
    # RFC 8058: mail clients may POST to the link to unsubscribe in one click.
    return {
        "List-Unsubscribe": f"<{stop_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def send_confirmation(subscription):
    article = subscription.article
    stop_url = site_url(reverse("comments-follow-stop", args=[stop_token(subscription)]))
    send_email(
        CONFIRM_SUBJECT,
        "comments/email/follow_confirmation.txt",
        {
            "article": article,
            "article_url": page_url(article),
            "confirm_url": site_url(
                reverse("comments-follow-confirm", args=[confirm_token(subscription)])
            ),
            "stop_url": stop_url,
        },
        subscription.email,
        stop_headers(stop_url),
    )


def render_about(request, article, template, context, status=200):
    """A page about `article`, in the article's language: these addresses name no language,
    and the reader arrives from that article or from an email written in its language."""
    if article is None:
        return render(request, template, context, status=status)
    with translation.override(page_language(article)):
        return render(request, template, context, status=status)


def _published_article(pk):
    article = ArticlePage.objects.published().filter(pk=pk).first()
    if article is None:
        raise Http404("No such article.")
    return article


def _posted_article(request):
    """The published article a follow form names, or None."""
    if str(request.POST.get("article", "")).isdigit():
        return ArticlePage.objects.published().filter(pk=request.POST["article"]).first()
    return None


def _refuse_cross_site(request):
    """A follow request sent from another site: nothing sent, the address shown again."""
    article = _posted_article(request)
    context = {"form": FollowForm(request.POST), "article": article, "notice": CROSS_SITE_MESSAGE}
    return render_about(request, article, "comments/follow.html", context, 403)


@require_POST
@public_post(_refuse_cross_site)
def follow(request):
    """Ask to follow an article's comments; nothing is sent until the address is confirmed."""
    form = FollowForm(request.POST)
    if not form.is_valid():
        article = _posted_article(request)
        return render_about(
            request, article, "comments/follow.html", {"form": form, "article": article}, 400
        )
    article = _published_article(form.cleaned_data["article"])
    email = form.cleaned_data["email"].strip().lower()
    now = timezone.now()
    with transaction.atomic():
        subscription, created = ThreadSubscription.objects.select_for_update().get_or_create(
            article=article, email=email
        )
        # The answer is the same whatever the address's state, so the page tells nobody
        # who follows what.
        send = created or (
            subscription.confirmed_at is None and subscription.created_at < now - RESEND_AFTER
        )
        if send and not created:
            subscription.created_at = now
            subscription.save(update_fields=["created_at"])
        if send:
            transaction.on_commit(lambda: send_confirmation(subscription))
    return render_about(
        request, article, "comments/follow.html", {"asked": True, "article": article}
    )


def _subscription(token, salt, max_age=None):
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return ThreadSubscription.objects.select_related("article").filter(pk=pk).first()


@csrf_protect
def confirm(request, token):
    """The link in the confirmation email. GET asks, POST confirms, so link scanners change nothing."""
    subscription = _subscription(token, CONFIRM_SALT, CONFIRM_MAX_AGE)
    if subscription is None:
        return render(request, "comments/follow_confirm.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        ThreadSubscription.objects.filter(pk=subscription.pk, confirmed_at=None).update(
            confirmed_at=timezone.now(),
            # Only comments approved from now on are sent.
            last_notified_comment_id=latest_comment_id(subscription.article),
        )
        done = True
    return render_about(
        request,
        subscription.article,
        "comments/follow_confirm.html",
        {"subscription": subscription, "article": subscription.article, "done": done},
    )


# Mail clients' one-click unsubscribe POSTs carry no CSRF token; the signed link is the proof.
@csrf_exempt
def stop(request, token):
    """Stop following. GET asks, POST stops (also as RFC 8058 one-click from the mail client)."""
    subscription = _subscription(token, STOP_SALT)
    if subscription is None:
        if request.method == "POST":  # already stopped, or never existed: nothing to do
            return render(request, "comments/follow_stop.html", {"done": True})
        return render(request, "comments/follow_stop.html", {"invalid": True}, status=400)
    article = subscription.article
    if request.method == "POST":
        subscription.delete()
        return render_about(request, article, "comments/follow_stop.html", {"done": True})
    return render_about(
        request,
        article,
        "comments/follow_stop.html",
        {"subscription": subscription, "article": article},
    )


def latest_comment_id(article) -> int:
    latest = ArticleComment.objects.for_article(article).order_by("-pk").first()
    return latest.pk if latest else 0


def notify_followers(comment):
    """Email each confirmed follower of the article about a newly approved comment, once."""
    if comment.status != CommentStatus.APPROVED:
        return
    article = comment.content_object
    if not isinstance(article, ArticlePage):
        return
    followers = ThreadSubscription.objects.filter(
        article=article, confirmed_at__isnull=False, last_notified_comment_id__lt=comment.pk
    ).exclude(email__iexact=comment.user_email or "")
    comment_url = f"{page_url(article)}#comment-{comment.pk}"
    for subscription in followers:
        # Claim the comment for this reader first: a second approval signal sends nothing.
        claimed = ThreadSubscription.objects.filter(
            pk=subscription.pk, last_notified_comment_id__lt=comment.pk
        ).update(last_notified_comment_id=comment.pk)
        if not claimed:
            continue
        stop_url = site_url(reverse("comments-follow-stop", args=[stop_token(subscription)]))
        send_email(
            NEW_COMMENT_SUBJECT,
            "comments/email/follow_notification.txt",
            {
                "comment": comment,
                "article": article,
                "comment_url": comment_url,
                "stop_url": stop_url,
            },
            subscription.email,
            stop_headers(stop_url),
        )


def notify_after_commit(sender, instance, **kwargs):
    """post_save of a comment: once the approval is committed, tell the thread's followers."""
    if instance.status == CommentStatus.APPROVED and instance.is_public:
        transaction.on_commit(lambda: notify_followers(instance))
