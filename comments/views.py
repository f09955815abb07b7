"""The moderators' area in the Wagtail admin: queue, actions, staff replies, privacy, rules."""

from functools import wraps

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.forms import modelform_factory
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Site

from articles.models import ArticlePage

from . import actions, policy
from .forms import ReasonForm, StaffReplyForm
from .models import ArticleComment, CommentSettings, CommentStatus
from .notifications import notify_reply

PERMISSION = "ogp_comments.moderate_comments"
PER_PAGE = 25


def can_moderate(user):
    return user.is_active and user.has_perm(PERMISSION)


def forbidden(request):
    # Wagtail turns PermissionDenied into a redirect to the dashboard; we answer 403 plainly.
    return render(request, "comments_admin/403.html", status=403)


def moderator_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_moderate(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapped


def awaiting_count():
    return ArticleComment.objects.filter(status=CommentStatus.AWAITING).count()


def articles_for(comments):
    ids = {int(c.object_pk) for c in comments if c.object_pk.isdigit()}
    return {str(a.pk): a for a in ArticlePage.objects.filter(pk__in=ids).defer_streamfields()}


def _back(request, fallback):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


@moderator_required
def index(request):
    comments = ArticleComment.objects.order_by("-submit_date", "-pk")
    status = request.GET.get("status", "")
    if status in CommentStatus.values:
        comments = comments.filter(status=status)
    article_id = request.GET.get("article", "")
    if article_id.isdigit():
        comments = comments.filter(object_pk=article_id)
    query = request.GET.get("q", "").strip()
    if query:
        comments = comments.filter(
            Q(user_name__icontains=query)
            | Q(user_email__icontains=query)
            | Q(comment__icontains=query)
        )
    page_obj = Paginator(comments, PER_PAGE).get_page(request.GET.get("p"))
    rows = list(page_obj)
    articles = articles_for(rows)
    for row in rows:
        row.article = articles.get(row.object_pk)
    counts = dict(ArticleComment.objects.values_list("status").annotate(n=Count("pk")).order_by())
    commented = ArticleComment.objects.values("object_pk").distinct()
    article_choices = (
        ArticlePage.objects.filter(
            pk__in=[int(pk) for pk in commented.values_list("object_pk", flat=True) if pk.isdigit()]
        )
        .defer_streamfields()
        .order_by("title")
    )
    return render(
        request,
        "comments_admin/index.html",
        {
            "page_obj": page_obj,
            "rows": rows,
            "status": status,
            "statuses": [
                (value, label, counts.get(value, 0)) for value, label in CommentStatus.choices
            ],
            "total": sum(counts.values()),
            "article_id": article_id,
            "article_choices": article_choices,
            "query": query,
            "actions": actions.ACTIONS.values(),
            "can_delete": request.user.is_superuser,
        },
    )


@moderator_required
def detail(request, pk):
    comment = get_object_or_404(ArticleComment, pk=pk)
    article = comment.content_object
    parent = (
        ArticleComment.objects.filter(pk=comment.parent_id).first()
        if comment.parent_id not in (0, comment.pk)
        else None
    )
    history = (
        ModelLogEntry.objects.for_instance(comment).select_related("user").order_by("-timestamp")
    )
    return render(
        request,
        "comments_admin/detail.html",
        {
            "comment": comment,
            "article": article,
            "parent": parent,
            "replies": ArticleComment.objects.filter(parent_id=comment.pk).exclude(pk=comment.pk),
            "history": history,
            "actions": actions.ACTIONS.values(),
            "reason_form": ReasonForm(),
            "reply_form": StaffReplyForm(),
            "can_delete": request.user.is_superuser,
        },
    )


@require_POST
@moderator_required
def act(request, pk, action):
    if action not in actions.ACTIONS:
        return forbidden(request)
    comment = get_object_or_404(ArticleComment, pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    done = actions.apply(comment, action, request.user, reason)
    messages.success(request, f"Comment by {comment.user_name} {done.past}.")
    return _back(request, reverse("ogp_comments:detail", args=[pk]))


@require_POST
@moderator_required
def bulk(request):
    action = request.POST.get("action", "")
    ids = [int(pk) for pk in request.POST.getlist("ids") if pk.isdigit()]
    if action not in actions.ACTIONS:
        messages.error(request, "Choose what to do with the selected comments.")
    elif not ids:
        messages.error(request, "Select at least one comment.")
    else:
        reason = request.POST.get("reason", "")[:500]
        comments = list(ArticleComment.objects.filter(pk__in=ids))
        for comment in comments:
            actions.apply(comment, action, request.user, reason)
        count = len(comments)
        past = actions.ACTIONS[action].past
        messages.success(request, f"{count} comment{'s' if count != 1 else ''} {past}.")
    return _back(request, reverse("ogp_comments:index"))


@moderator_required
def delete(request, pk):
    if not request.user.is_superuser:
        return forbidden(request)
    comment = get_object_or_404(ArticleComment, pk=pk)
    if request.method == "POST":
        with transaction.atomic():
            log(
                instance=comment,
                action="wagtail.delete",
                user=request.user,
                data={"reason": request.POST.get("reason", "")[:500]},
            )
            # Replies keep their place in the thread but lose their parent; remove them from view.
            for reply in ArticleComment.objects.filter(parent_id=comment.pk).exclude(pk=comment.pk):
                actions.apply(reply, "remove", request.user, "Parent comment deleted")
            comment.delete()
        messages.success(request, "Comment deleted permanently.")
        return redirect("ogp_comments:index")
    return render(request, "comments_admin/delete.html", {"comment": comment})


@require_POST
@moderator_required
def reply(request, pk):
    parent = get_object_or_404(ArticleComment, pk=pk)
    form = StaffReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write a reply before sending it.")
        return redirect("ogp_comments:detail", pk=pk)
    rules = policy.rules_for(request)
    with transaction.atomic():
        if parent.status != CommentStatus.APPROVED:
            actions.apply(parent, "approve", request.user, "Approved by replying")
        attach_to = policy.reply_parent(parent, rules.reply_depth)
        user = request.user
        staff_reply = ArticleComment(
            content_type=parent.content_type,
            object_pk=parent.object_pk,
            site_id=parent.site_id,
            user=user,
            user_name=user.get_full_name() or user.get_username(),
            user_email=user.email,
            comment=form.cleaned_data["comment"],
            submit_date=timezone.now(),
            parent_id=attach_to.pk if attach_to else 0,
            is_staff_reply=True,
        )
        staff_reply.set_status(CommentStatus.APPROVED)
        staff_reply.save()
        log(instance=staff_reply, action="ogp_comments.reply", user=user, data={"reason": ""})
    notify_reply(staff_reply)
    messages.success(request, "Your reply is published.")
    return redirect("ogp_comments:detail", pk=staff_reply.pk)


@moderator_required
def rules(request):
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    instance = CommentSettings.objects.filter(site=site).first() or CommentSettings(site=site)
    Form = modelform_factory(
        CommentSettings,
        fields=[
            "hold_all",
            "auto_approve_known",
            "max_links",
            "hold_words",
            "block_words",
            "min_interval_seconds",
            "close_after_days",
            "reply_depth",
            "per_page",
        ],
    )
    form = Form(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        log(instance=saved, action="wagtail.edit", user=request.user)
        messages.success(request, "Moderation rules saved.")
        return redirect("ogp_comments:rules")
    return render(request, "comments_admin/rules.html", {"form": form, "site": site})


def article_counts(article):
    counts = dict(
        ArticleComment.objects.filter(
            content_type=ContentType.objects.get_for_model(ArticlePage), object_pk=str(article.pk)
        )
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(value, label, counts.get(value, 0)) for value, label in CommentStatus.choices]
