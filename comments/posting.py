"""The public endpoints: post a comment, stop reply emails."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.shortcuts import get_current_site
from django.core import signing
from django.db import IntegrityError, OperationalError, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.log_actions import log

from articles.models import ArticlePage
from core.errors import BUSY_RETRY_AFTER, database_is_busy
from core.public_posts import CROSS_SITE_MESSAGE, public_post

from . import policy
from .forms import ArticleCommentForm
from .models import ArticleComment, CommentStatus
from .notifications import (
    notify_moderators,
    notify_reply,
    page_language,
    read_unsubscribe_token,
)

ARTICLE_CONTENT_TYPE = "articles.articlepage"

logger = logging.getLogger(__name__)


def _article(data):
    if data.get("content_type") != ARTICLE_CONTENT_TYPE:
        raise Http404("Comments can only be left on articles.")
    pk = data.get("object_pk", "")
    if not pk.isdigit():
        raise Http404("No such article.")
    article = ArticlePage.objects.published().select_related("locale").filter(pk=int(pk)).first()
    if article is None:
        raise Http404("No such article.")
    return article


def render_article(request, article, status, form=None, notice="", kept_text=""):
    """The article page again, with the visitor's form (or text) and what went wrong."""
    request.comment_form = form
    request.comment_notice = notice
    request.comment_kept_text = kept_text
    response = article.serve(request)
    if hasattr(response, "render"):  # now, while the article's language is active
        response.render()
    response.status_code = status
    return response


def _refuse_cross_site(request):
    """A comment sent from another site: nothing stored; its text shown, but not put back
    into the form, so that another site cannot fill in a comment for the reader to send."""
    article = _article(request.POST)
    logger.info("Comment on article %s: refused, sent from another site", article.pk)
    with translation.override(page_language(article)):
        return render_article(
            request,
            article,
            403,
            notice=str(CROSS_SITE_MESSAGE),
            kept_text=request.POST.get("comment", "")[: settings.COMMENT_MAX_LENGTH],
        )


@require_POST
@public_post(_refuse_cross_site)
def post_comment(request):
    article = _article(request.POST)
    # The form's errors, the thank-you message and the page drawn again are in the article's
    # language, wherever the post came from (the address /comments/post/ names none).
    with translation.override(page_language(article)):
        return _post_comment(request, article)


def _post_comment(request, article):
    form = ArticleCommentForm(article, data=request.POST.copy())
    try:
        verdict = policy.judge(request, article, form)
        comment = None if verdict.refused else _store(request, article, form, verdict)
    except IntegrityError:
        # Sent twice at the same moment: the unique constraint let only one through.
        if not policy.is_duplicate(
            article, form.cleaned_data["email"], form.cleaned_data["comment"]
        ):
            raise
        verdict, comment = policy.duplicate_verdict(), None
    except OperationalError as error:
        if not database_is_busy(error):
            raise
        logger.warning("Comment not stored: the database is busy")
        form.add_error(
            None,
            _(
                "The site is very busy, so your comment could not be saved just now. "
                "Everything you typed is below: wait a few seconds and send it again."
            ),
        )
        response = render_article(request, article, 503, form=form)
        response["Retry-After"] = str(BUSY_RETRY_AFTER)
        return response

    logger.info(
        "Comment on article %s: %s (%s)%s",
        article.pk,
        verdict.rule,
        verdict.reason or verdict.status,
        f", stored as {comment.pk}" if comment else ", refused",
    )
    if verdict.refused:
        return _refusal(request, article, form, verdict)

    # The comment is committed (_store's transaction has ended): emails may go now.
    anchor = "#comments"
    if verdict.status in (CommentStatus.APPROVED, CommentStatus.AWAITING):
        anchor = f"#comment-{comment.pk}"
    messages.success(request, verdict.message)
    response = HttpResponseRedirect(article.get_url(request) + anchor)
    if verdict.status == CommentStatus.APPROVED:
        notify_reply(comment)
    elif verdict.status == CommentStatus.AWAITING:
        policy.remember_own(request, response, comment)
        notify_moderators(comment)
    return response


def _store(request, article, form, verdict) -> ArticleComment:
    """Save the comment and its place in the thread in one transaction."""
    data = form.cleaned_data
    ip = policy.client_ip(request)
    comment = ArticleComment(
        content_type=ContentType.objects.get_for_model(ArticlePage),
        object_pk=str(article.pk),
        site_id=get_current_site(request).pk,
        user=request.user if request.user.is_authenticated else None,
        user_name=data["name"],
        user_email=data["email"],
        user_url=data["url"],
        comment=data["comment"],
        submit_date=timezone.now(),
        ip_address=ip,
        followup=data["followup"],
        parent_id=verdict.parent.pk if verdict.parent else 0,
        moderation_note=verdict.reason[:200],
        duplicate_key=policy.duplicate_key(article, data["email"], data["comment"]),
    )
    comment.set_status(verdict.status)
    with transaction.atomic():
        if verdict.parent:
            # One reply at a time per thread: xtd numbers a reply's place in the thread by
            # reading the thread and then shifting the comments after it. (SQLite takes its
            # write lock for the whole transaction, which serialises the same way.)
            thread = ArticleComment.objects.select_for_update().filter(pk=verdict.parent.thread_id)
            list(thread.values_list("pk", flat=True))
        comment.save()
        # The verdict goes into the comment's history, where moderators read why it was held.
        log(
            instance=comment,
            action="ogp_comments.posted",
            user=comment.user,  # None for a visitor: readers are not admin users
            data={"status": verdict.status, "rule": verdict.rule, "reason": verdict.reason},
        )
    return comment


def _refusal(request, article, form, verdict):
    """The article again with the verdict's message, keeping everything the visitor typed."""
    if verdict.rule == "closed":
        return render_article(
            request,
            article,
            verdict.http_status,
            notice=verdict.message,
            kept_text=form.data.get("comment", "")[: settings.COMMENT_MAX_LENGTH],
        )
    if verdict.rule == "form_expired":
        form = form.refreshed()
    elif verdict.rule == "parent_gone":
        form.data = form.data.copy()
        form.data["reply_to"] = "0"
    if verdict.message:
        form.add_error(verdict.field, verdict.message)
    response = render_article(request, article, verdict.http_status, form=form)
    if verdict.retry_after:
        response["Retry-After"] = str(verdict.retry_after)
    return response


def unsubscribe(request, token):
    """Stop reply emails for one address. GET asks, POST does it, so link scanners change nothing."""
    try:
        email = read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "comments/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        ArticleComment.objects.filter(user_email__iexact=email, followup=True).update(
            followup=False
        )
        done = True
    return render(request, "comments/unsubscribe.html", {"done": done})
