"""The moderation queue on Wagtail's admin framework: listing, inspect, history and delete.

Comments are written by readers, so there is no add, edit or copy view; moderators change a
comment only through the actions in `actions.py` (row buttons, bulk actions, the inspect
view), each of which leaves an entry with its reason in Wagtail's log.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import CharField, Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BaseColumn, BulkActionsCheckboxColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.history import HistoryView, LogEntryUserColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from articles.models import ArticlePage

from . import actions, privacy, quick_links, views
from .forms import ReasonForm, StaffReplyForm
from .models import ArticleComment, CommentStatus
from .queue import articles_for, awaiting_count, can_moderate

ROW_ACTIONS = ("approve", "spam", "remove")


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Moderators view and moderate; only superusers delete; nobody adds or edits here."""

    def user_has_permission(self, user, action):
        if action == "view":
            return can_moderate(user)
        if action == "delete":
            return user.is_active and user.is_superuser
        return False

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def commented_articles():
    """(id, title) of each article with comments, for the article filter."""
    commented = ArticleComment.objects.values_list("object_pk", flat=True).distinct()
    ids = [int(pk) for pk in commented if pk.isdigit()]
    articles = ArticlePage.objects.filter(pk__in=ids).order_by("title").values_list("pk", "title")
    return [(str(pk), title) for pk, title in articles]


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=CommentStatus.choices, empty_label="Any status", label="Status"
    )
    article = django_filters.ChoiceFilter(
        field_name="object_pk", choices=commented_articles, empty_label="All articles"
    )
    # A comment is in its article's language: each translation has its own thread.
    language = django_filters.ChoiceFilter(
        choices=settings.LANGUAGES,
        method="in_language",
        empty_label="All languages",
        label="Language",
    )

    class Meta:
        model = ArticleComment
        fields = ["status"]

    def in_language(self, queryset, name, value):
        articles = (
            ArticlePage.objects.filter(locale__language_code=value)
            .annotate(key=Cast("pk", CharField()))
            .values("key")
        )
        return queryset.filter(object_pk__in=articles)


def language_name(comment) -> str:
    """The language of the comment's article, as the moderator's table shows it."""
    article = getattr(comment, "article", None)
    if article is None:
        return ""
    return dict(settings.LANGUAGES).get(article.locale.language_code, article.locale.language_code)


def earlier_by_email(status):
    """How many comments with this comment's email, written before it, have `status`."""
    earlier = (
        ArticleComment.objects.filter(
            user_email=OuterRef("user_email"),
            submit_date__lt=OuterRef("submit_date"),
            status=status,
        )
        .exclude(user_email="")
        .order_by()
        .values("user_email")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(earlier, output_field=IntegerField()), Value(0))


def with_history(queryset):
    return queryset.annotate(
        approved_before=earlier_by_email(CommentStatus.APPROVED),
        spam_before=earlier_by_email(CommentStatus.SPAM),
    )


def attach_context(comments):
    """Give each comment its article and the comment it replies to, in two queries."""
    articles = articles_for(comments)
    parent_ids = {c.parent_id for c in comments if c.parent_id not in (0, c.pk)}
    parents = ArticleComment.objects.in_bulk(parent_ids) if parent_ids else {}
    for comment in comments:
        comment.article = articles.get(comment.object_pk)
        comment.reply_to = parents.get(comment.parent_id)
    return comments


class TemplateColumn(BaseColumn):
    def __init__(self, name, cell_template_name, **kwargs):
        super().__init__(name, **kwargs)
        self.cell_template_name = cell_template_name

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context.update(
            csrf_token=get_token(request),
            next_url=request.get_full_path(),
            actions=[actions.ACTIONS[name] for name in ROW_ACTIONS],
        )
        return context


class IndexView(generic.IndexView):
    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="comment"),
            TemplateColumn(
                "comment",
                "comments_admin/cells/comment.html",
                label="Comment",
                classname="comments-queue__comment",
            ),
            TemplateColumn(
                "user_name",
                "comments_admin/cells/commenter.html",
                label="Commenter",
                sort_key="user_name",
                classname="comments-queue__commenter",
            ),
            Column(
                "status",
                accessor="get_status_display",
                label="Status",
                sort_key="status",
                classname="comments-queue__status",
            ),
            Column(
                "language",
                accessor=language_name,
                label="Language",
                classname="comments-queue__language",
            ),
            DateColumn("submit_date", label="Submitted", sort_key="submit_date"),
            TemplateColumn(
                "actions",
                "comments_admin/cells/actions.html",
                label="Moderate",
                classname="comments-queue__actions",
            ),
        ]

    def get_base_queryset(self):
        return with_history(super().get_base_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The table holds the same, already evaluated, page of comments.
        attach_context(list(context["object_list"]))
        context["awaiting"] = awaiting_count()
        return context


class InspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(with_history(ArticleComment.objects.all()), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = attach_context([self.object])[0]
        context.update(
            comment=comment,
            article=comment.article,
            parent=comment.reply_to,
            replies=ArticleComment.objects.filter(parent_id=comment.pk).exclude(pk=comment.pk),
            log_entries=[
                (entry, "Visitor" if posted_by_visitor(entry) else entry.user_display_name)
                for entry in ModelLogEntry.objects.for_instance(comment)
                .select_related("user")
                .order_by("-timestamp")
            ],
            actions=actions.ACTIONS.values(),
            reason_form=ReasonForm(),
            reply_form=StaffReplyForm(),
            can_delete=self.request.user.is_superuser,
        )
        return context


def posted_by_visitor(entry) -> bool:
    """Whether `entry` is a comment's posting by a reader, who has no admin account."""
    return entry.action == "ogp_comments.posted" and entry.user_id is None


class CommentLogUserColumn(LogEntryUserColumn):
    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if posted_by_visitor(instance):
            context["display_name"] = "Visitor"  # not Wagtail's "system": a person wrote it
        return context


class CommentHistoryView(HistoryView):
    # The log of a comment is what moderators read to see who decided what, and why.
    any_permission_required = ["view"]

    @cached_property
    def columns(self):
        action, _user, *rest = super().columns
        user = CommentLogUserColumn("user", label="User", width="25%")
        return [action, user, *rest, Column("reason", label="Reason", accessor="comment")]

    def get_edit_url(self, instance):
        # Comments are not edited here; the way back is to the comment itself.
        return reverse("ogp_comments:detail", args=[instance.pk])

    @cached_property
    def header_buttons(self):
        return [HeaderButton("Comment", url=self.get_edit_url(self.object), icon_name="comment")]


class DeleteForm(forms.Form):
    reason = forms.CharField(max_length=500, required=False, label="Reason (optional)")


class DeleteView(generic.DeleteView):
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "form": DeleteForm()}

    def delete_action(self):
        form = DeleteForm(self.request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        comment, user = self.object, self.request.user
        with transaction.atomic():
            log(instance=comment, action="wagtail.delete", user=user, data={"reason": reason})
            # Replies keep their place in the thread but lose their parent; remove them from view.
            for reply in ArticleComment.objects.filter(parent_id=comment.pk).exclude(pk=comment.pk):
                actions.apply(reply, "remove", user, "Parent comment deleted")
            comment.delete()

    def get_success_message(self):
        return "Comment deleted permanently."


class CommentsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)

    def render_component(self, request):
        component = super().render_component(request)
        waiting = awaiting_count()
        if waiting:
            component.label = f"Comments ({waiting} awaiting)"
        return component


class CommentViewSet(ModelViewSet):
    model = ArticleComment
    name = "ogp_comments"
    url_prefix = "comments"
    icon = "comment"
    menu_label = "Comments"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["moderation_note"]  # required by ModelViewSet; the policy allows no editing
    # A comment's links to its user and site are not "usage" anyone looks up, and indexing them
    # would add writes to every comment a reader posts.
    add_to_reference_index = False

    index_view_class = IndexView
    inspect_view_class = InspectView
    history_view_class = CommentHistoryView
    delete_view_class = DeleteView
    filterset_class = CommentFilterSet
    search_fields = ["user_name", "user_email", "comment", "ip_address"]
    search_backend_name = None
    ordering = "-submit_date"
    list_per_page = 25
    template_prefix = "comments_admin/"

    def get_menu_item(self, order=None):
        return CommentsMenuItem(
            self.menu_label,
            reverse(self.get_url_name("index")) + "?status=awaiting",
            name="comments",
            icon_name=self.icon,
            order=order or self.menu_order,
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("privacy/", privacy.privacy, name="privacy"),
            path("quick/<str:token>/", quick_links.quick, name="quick"),
            # The address of a comment in moderators' emails and the site history.
            path("<int:pk>/", self.inspect_view, name="detail"),
            path("<int:pk>/reply/", views.reply, name="reply"),
            path("<int:pk>/<slug:action>/", views.act, name="act"),
        ]


comment_viewset = CommentViewSet()


class CommentBulkAction(BulkAction):
    """One moderation action on the comments ticked in the queue, with an optional reason."""

    models = [ArticleComment]
    template_name = "comments_admin/bulk_confirm.html"
    form_class = ReasonForm
    name = None  # the key of the action in actions.ACTIONS; action_type is the same
    action_type = display_name = aria_label = None

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Comments another moderator deleted meanwhile are simply not there any more.
        return list(model.objects.filter(pk__in=[pk for pk in object_ids if pk.isdigit()]))

    def get_execution_context(self):
        return {
            "user": self.request.user,
            "reason": self.cleaned_form.cleaned_data["reason"],
            "name": self.name,
        }

    @classmethod
    def execute_action(cls, objects, user=None, reason="", name=None, **kwargs):
        for comment in objects:
            actions.apply(comment, name, user, reason)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        past = actions.ACTIONS[self.name].past
        return f"{num_parent_objects} comment{'s' if num_parent_objects != 1 else ''} {past}."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(action=actions.ACTIONS[self.name], header_icon="comment")
        return context


def bulk_action(name, priority, classes=()):
    return type(
        f"{name.title().replace('_', '')}BulkAction",
        (CommentBulkAction,),
        {
            "name": name,
            "action_type": name,
            "display_name": actions.ACTIONS[name].label,
            "aria_label": f"{actions.ACTIONS[name].label}: the selected comments",
            "action_priority": priority,
            "classes": set(classes),
        },
    )


BULK_ACTIONS = [
    bulk_action("approve", 10, {"button-primary"}),
    bulk_action("spam", 20, {"serious"}),
    bulk_action("remove", 30, {"serious"}),
    bulk_action("unapprove", 40),
    bulk_action("not_spam", 50),
]
