"""Data-protection requests: export or erase everything stored about one commenter."""

import json

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from . import actions
from .forms import PrivacyForm
from .models import ArticleComment, CommentStatus
from .views import moderator_required


def _personal_data(comments):
    return [
        {
            "id": c.pk,
            "article": str(c.content_object) if c.content_object else None,
            "article_id": c.object_pk,
            "name": c.user_name,
            "email": c.user_email,
            "website": c.user_url,
            "ip_address": c.ip_address,
            "comment": c.comment,
            "submitted": c.submit_date.isoformat(),
            "status": c.status,
            "notify_of_replies": c.followup,
            "reply_to": None if c.parent_id in (0, c.pk) else c.parent_id,
        }
        for c in comments
    ]


def _scrub_history(comment):
    """Wagtail's history keeps each entry's label (the comment's name and excerpt) and data."""
    ModelLogEntry.objects.for_instance(comment).update(
        label=f"Comment {comment.pk} (erased)", data={}
    )


def _erase(comments, user) -> int:
    erased = 0
    with transaction.atomic():
        for comment in comments:
            comment.user_name = "Anonymous"
            comment.user_email = ""
            comment.user_url = ""
            comment.ip_address = None
            comment.comment = "[This comment was erased at the author's request.]"
            comment.followup = False
            comment.user = None
            comment.set_status(CommentStatus.REMOVED)
            actions.save_fields(
                comment,
                user_name=comment.user_name,
                user_email="",
                user_url="",
                ip_address=None,
                comment=comment.comment,
                followup=False,
                user=None,
                status=comment.status,
                is_public=False,
                is_removed=True,
            )
            _scrub_history(comment)
            log(
                instance=comment,
                action="ogp_comments.erase",
                user=user,
                data={"reason": "Data-protection erasure"},
            )
            erased += 1
    return erased


def _export(email, comments):
    payload = {
        "email": email,
        "exported": timezone.now().isoformat(),
        "comments": _personal_data(comments),
    }
    response = HttpResponse(
        json.dumps(payload, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="comments-export.json"'
    return response


@moderator_required
def privacy(request):
    """Find, export or erase one commenter's data. The address travels only in POST bodies,
    never in a URL, so it stays out of access logs and browser history."""
    form = PrivacyForm(request.POST if request.method == "POST" else None)
    found = None
    if form.is_valid():
        email = form.cleaned_data["email"]
        found = ArticleComment.objects.filter(user_email__iexact=email).order_by("submit_date")
        if request.POST.get("confirm") == "erase":
            erased = _erase(found, request.user)
            messages.success(request, f"{erased} comment{'s' if erased != 1 else ''} erased.")
            return redirect("ogp_comments:privacy")
        if request.POST.get("format") == "json":
            return _export(email, found)
    return render(request, "comments_admin/privacy.html", {"form": form, "found": found})
