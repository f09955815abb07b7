"""The one-click approve and spam links in moderators' notification emails.

A link opens a page that asks; only the POST from that page acts, so mail scanners and link
previews change nothing. Each link is signed and expires (COMMENTS_QUICK_LINK_MAX_AGE), and it
is bound to the comment's state when the email went out (notifications.quick_link_state): it
acts once, and never on a comment that anyone has acted on since.
"""

from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from . import actions
from .models import ArticleComment
from .notifications import quick_link_state, read_quick_token
from .views import can_moderate, forbidden

QUICK_ACTIONS = ("approve", "spam")
REASON = "One-click link from the notification email"


def quick(request, token):
    if not can_moderate(request.user):
        return forbidden(request)
    try:
        data = read_quick_token(token)
    except signing.SignatureExpired:
        messages.error(request, "That link has expired. Moderate the comment from the list.")
        return redirect("ogp_comments:index")
    except signing.BadSignature:
        return forbidden(request)
    if data.get("a") not in QUICK_ACTIONS:
        return forbidden(request)
    action = actions.ACTIONS[data["a"]]
    comment = get_object_or_404(ArticleComment, pk=data.get("c"))
    if request.method == "POST":
        with transaction.atomic():
            # Locked, so that of two clicks at once the second sees the first one's change.
            comment = ArticleComment.objects.select_for_update().get(pk=comment.pk)
            current = quick_link_state(comment) == data.get("s")
            if current:
                actions.apply(comment, action.name, request.user, REASON)
        if current:
            messages.success(request, f"Comment by {comment.user_name} {action.past}.")
            return redirect("ogp_comments:detail", pk=comment.pk)
    elif quick_link_state(comment) == data.get("s"):
        return render(
            request,
            "comments_admin/quick_confirm.html",
            {"comment": comment, "action": action, "article": comment.content_object},
        )
    messages.warning(
        request,
        "That link no longer applies: the comment has been moderated since the email was "
        f"sent (it is now “{comment.get_status_display()}”). Nothing was changed.",
    )
    return redirect("ogp_comments:detail", pk=comment.pk)
