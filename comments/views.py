"""The moderators' own views: one action on one comment, and staff replies.

The queue, the inspect, history and delete views are Wagtail's (see viewsets.py); these are
the POST endpoints its buttons and forms send to. One-click email links are quick_links.py,
privacy requests privacy.py.
"""

from functools import wraps

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from wagtail.log_actions import log

from . import actions, policy
from .forms import ReasonForm, StaffReplyForm
from .models import ArticleComment, CommentStatus
from .notifications import notify_reply
from .queue import PERMISSION, articles_for, awaiting_count, can_moderate

__all__ = ["PERMISSION", "articles_for", "awaiting_count", "can_moderate"]


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


def _back(request, fallback):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


@require_POST
@moderator_required
def act(request, pk, action):
    if action not in actions.ACTIONS:
        return forbidden(request)
    comment = get_object_or_404(ArticleComment, pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    done = actions.apply(comment, action, request.user, reason)
    message = f"Comment by {comment.user_name} {done.past}."
    if request.headers.get("Accept") == "application/json":
        # Keyboard moderation (static/js/moderation-keys.js) stays on the queue.
        return JsonResponse({"status": comment.status, "message": message})
    messages.success(request, message)
    return _back(request, reverse("ogp_comments:detail", args=[pk]))


@require_POST
@moderator_required
def reply(request, pk):
    parent = get_object_or_404(ArticleComment, pk=pk)
    form = StaffReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write a reply before sending it.")
        return _back(request, reverse("ogp_comments:detail", args=[pk]))
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
    return _back(request, reverse("ogp_comments:detail", args=[staff_reply.pk]))
