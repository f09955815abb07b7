"""The one-click approve and spam links in moderators' notification emails."""

from django.contrib import messages
from django.core import signing
from django.shortcuts import get_object_or_404, redirect

from . import actions
from .models import ArticleComment
from .notifications import read_quick_token
from .views import can_moderate, forbidden


def quick(request, token):
    """The one-click links in moderators' emails: signed, expiring, and for moderators only."""
    if not can_moderate(request.user):
        return forbidden(request)
    try:
        data = read_quick_token(token)
    except signing.SignatureExpired:
        messages.error(request, "That link has expired. Moderate the comment from the list.")
        return redirect("ogp_comments:index")
    except signing.BadSignature:
        return forbidden(request)
    if data.get("a") not in ("approve", "spam"):
        return forbidden(request)
    comment = get_object_or_404(ArticleComment, pk=data.get("c"))
    done = actions.apply(
        comment, data["a"], request.user, "One-click link from the notification email"
    )
    messages.success(request, f"Comment by {comment.user_name} {done.past}.")
    return redirect("ogp_comments:detail", pk=comment.pk)
