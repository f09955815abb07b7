from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from .models import ArticleComment, CommentStatus
from .queue import articles_for, awaiting_count, can_moderate
from .viewsets import BULK_ACTIONS, CommentPermissionPolicy, comment_viewset

register_permission_policy(ArticleComment, CommentPermissionPolicy(ArticleComment))


@hooks.register("register_admin_viewset")
def register_comment_viewset():
    return comment_viewset


for action_class in BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class)


class ReasonFormatter(LogFormatter):
    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


# How a posted comment's verdict reads in its history: what became of it, then why.
POSTED_OUTCOMES = {
    CommentStatus.APPROVED: "published",
    CommentStatus.AWAITING: "held for moderation",
    CommentStatus.SPAM: "marked as spam",
}
# The rules that decide without a reason of their own: the site's standing setting.
STANDING_RULES = {
    "open": "Comments are published without moderation.",
    "hold_all": "Every comment waits for a moderator.",
}


class PostedFormatter(LogFormatter):
    """A comment's first history entry, from the verdict the policy gave when it was posted."""

    label = "Post comment"

    def format_message(self, log_entry):
        outcome = POSTED_OUTCOMES.get((log_entry.data or {}).get("status"), "stored")
        return f"Comment posted: {outcome}"

    def format_comment(self, log_entry):
        data = log_entry.data or {}
        return data.get("reason") or STANDING_RULES.get(data.get("rule"), "")


@hooks.register("register_log_actions")
def register_comment_log_actions(actions):
    actions.register_action("ogp_comments.posted")(PostedFormatter)
    for action, label, message in (
        ("ogp_comments.approve", "Approve comment", "Comment approved"),
        ("ogp_comments.unapprove", "Unapprove comment", "Comment unapproved"),
        ("ogp_comments.spam", "Mark comment as spam", "Comment marked as spam"),
        ("ogp_comments.not_spam", "Mark comment as not spam", "Comment marked as not spam"),
        ("ogp_comments.remove", "Remove comment", "Comment removed"),
        ("ogp_comments.reply", "Staff reply", "Staff reply published"),
        ("ogp_comments.erase", "Erase commenter data", "Commenter's data erased"),
    ):
        formatter = type("Formatter", (ReasonFormatter,), {"label": label, "message": message})
        actions.register_action(action)(formatter)


class PendingCommentsPanel(Component):
    name = "pending_comments"
    template_name = "comments_admin/dashboard_panel.html"
    order = 110

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["count"] = awaiting_count()
        newest = list(
            ArticleComment.objects.filter(status=CommentStatus.AWAITING).order_by("-submit_date")[
                :5
            ]
        )
        articles = articles_for(newest)
        for comment in newest:
            comment.article = articles.get(comment.object_pk)
        context["newest"] = newest
        return context


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if can_moderate(request.user):
        panels.append(PendingCommentsPanel())


@hooks.register("insert_global_admin_js")
def moderation_keys_js():
    # Keyboard moderation in the queue; the module does nothing on other admin pages.
    return format_html('<script type="module" src="{}"></script>', static("js/moderation-keys.js"))


@hooks.register("insert_global_admin_css")
def moderation_queue_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/comments-admin.css"))


@hooks.register("construct_page_chooser_queryset")
def no_pages_for_people_without_page_rights(pages, request):
    # Moderators edit no pages, so the chooser has nothing for them, not even draft titles.
    if not user_has_any_page_permission(request.user):
        return pages.none()
    return pages
