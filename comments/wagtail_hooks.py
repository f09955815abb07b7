from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter

from . import privacy, quick_links, views
from .models import ArticleComment, CommentStatus

app_name = "ogp_comments"
urlpatterns = [
    path("", views.index, name="index"),
    path("bulk/", views.bulk, name="bulk"),
    path("privacy/", privacy.privacy, name="privacy"),
    path("rules/", views.rules, name="rules"),
    path("quick/<str:token>/", quick_links.quick, name="quick"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/<slug:action>/", views.act, name="act"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("comments/", include((urlpatterns, app_name), namespace=app_name))]


class CommentsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_moderate(request.user)

    def render_component(self, request):
        component = super().render_component(request)
        waiting = views.awaiting_count()
        if waiting:
            component.label = f"Comments ({waiting} awaiting)"
        return component


@hooks.register("register_admin_menu_item")
def register_comments_menu_item():
    return CommentsMenuItem(
        "Comments",
        reverse("ogp_comments:index") + "?status=awaiting",
        name="comments",
        icon_name="comment",
        order=250,
    )


class ReasonFormatter(LogFormatter):
    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


@hooks.register("register_log_actions")
def register_comment_log_actions(actions):
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
        context["count"] = views.awaiting_count()
        newest = list(
            ArticleComment.objects.filter(status=CommentStatus.AWAITING).order_by("-submit_date")[
                :5
            ]
        )
        articles = views.articles_for(newest)
        for comment in newest:
            comment.article = articles.get(comment.object_pk)
        context["newest"] = newest
        return context


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if views.can_moderate(request.user):
        panels.append(PendingCommentsPanel())
