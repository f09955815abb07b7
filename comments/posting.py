"""The public endpoints: post a comment, stop reply emails."""

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.shortcuts import get_current_site
from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from django_comments.signals import comment_will_be_posted
from django_comments_xtd.models import TmpXtdComment

from articles.models import ArticlePage

from . import policy
from .forms import ArticleCommentForm
from .models import ArticleComment, CommentStatus
from .notifications import notify_moderators, notify_reply, read_unsubscribe_token

ARTICLE_CONTENT_TYPE = "articles.articlepage"


def _article(data):
    if data.get("content_type") != ARTICLE_CONTENT_TYPE:
        raise Http404("Comments can only be left on articles.")
    pk = data.get("object_pk", "")
    if not pk.isdigit():
        raise Http404("No such article.")
    article = ArticlePage.objects.published().filter(pk=int(pk)).first()
    if article is None:
        raise Http404("No such article.")
    return article


def render_article(request, article, status, form=None, notice="", kept_text=""):
    """The article page again, with the visitor's form (or text) and what went wrong."""
    request.comment_form = form
    request.comment_notice = notice
    request.comment_kept_text = kept_text
    response = article.serve(request)
    response.status_code = status
    return response


@csrf_protect
@require_POST
def post_comment(request):
    article = _article(request.POST)
    rules = policy.rules_for(request)
    data = request.POST.copy()
    form = ArticleCommentForm(article, data=data)

    closed = policy.closed_reason(article, rules)
    if closed:
        return render_article(
            request,
            article,
            403,
            notice=f"{closed} Your comment was not sent; its text is below so you can keep it.",
            kept_text=data.get("comment", "")[: settings.COMMENT_MAX_LENGTH],
        )

    if form.security_errors():
        form = form.refreshed()
        form.add_error(
            None,
            "This form had expired or could not be verified, so your comment was not sent. "
            "Everything you typed is below: check it and send it again.",
        )
        return render_article(request, article, 400, form=form)

    parent = None
    if form.is_valid() and form.cleaned_data["reply_to"]:
        parent = (
            ArticleComment.objects.for_article(article)
            .approved()
            .filter(pk=form.cleaned_data["reply_to"])
            .first()
        )
        if parent is None:
            form.add_error(
                None,
                "The comment you are replying to is no longer available. "
                "Your text is kept: send it as a new comment.",
            )
            form.data = form.data.copy()
            form.data["reply_to"] = "0"
    if form.errors:
        return render_article(request, article, 400, form=form)

    ip = policy.client_ip(request)
    too_fast = ""
    if policy.over_rate_limit(ip):
        too_fast = "You have sent several comments in the last few minutes."
    elif policy.is_flooding(ip, form.cleaned_data["email"], rules):
        too_fast = "You sent a comment a moment ago."
    if too_fast:
        form.add_error(
            None,
            f"{too_fast} Please wait a little and send this one again; your text is kept below.",
        )
        response = render_article(request, article, 429, form=form)
        response["Retry-After"] = str(max(rules.min_interval_seconds, 60))
        return response

    if policy.is_duplicate(article, form.cleaned_data["email"], form.cleaned_data["comment"]):
        form.add_error("comment", "You have already posted this comment on this article.")
        return render_article(request, article, 400, form=form)

    site = get_current_site(request)
    draft = form.get_comment_object(site_id=site.pk)
    draft.ip_address = ip
    draft.user = request.user if request.user.is_authenticated else None
    # django-comments-xtd's moderator (moderation.py) may veto, e.g. a blacklisted domain.
    responses = comment_will_be_posted.send(sender=TmpXtdComment, comment=draft, request=request)
    blocked = any(response is False for _, response in responses)

    parent = policy.reply_parent(parent, rules.reply_depth)
    comment = ArticleComment(
        content_type=ContentType.objects.get_for_model(ArticlePage),
        object_pk=str(article.pk),
        site_id=site.pk,
        user=draft.user,
        user_name=form.cleaned_data["name"],
        user_email=form.cleaned_data["email"],
        user_url=form.cleaned_data["url"],
        comment=form.cleaned_data["comment"],
        submit_date=draft.submit_date,
        ip_address=ip,
        followup=form.cleaned_data["followup"],
        parent_id=parent.pk if parent else 0,
    )
    status, note = policy.classify(comment, rules, blocked=blocked)
    comment.set_status(status)
    comment.moderation_note = note
    comment.save()
    policy.count_towards_rate_limit(ip)

    anchor = "#comments"
    if status == CommentStatus.APPROVED:
        notify_reply(comment)
        anchor = f"#comment-{comment.pk}"
        messages.success(request, "Thank you: your comment is published.")
    else:
        if status == CommentStatus.AWAITING:
            policy.remember_own(request, comment)
            notify_moderators(comment)
            anchor = f"#comment-{comment.pk}"
        messages.success(
            request,
            "Thank you: your comment is awaiting moderation. "
            "It will appear here once a moderator has approved it.",
        )
    return HttpResponseRedirect(article.get_url(request) + anchor)


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
