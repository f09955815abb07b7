"""A read-only panel in the article editor with the article's comment counts."""

from django.urls import reverse

from wagtail.admin.panels import Panel


class ArticleCommentsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "comments_admin/article_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            from .views import article_counts, can_moderate

            context = super().get_context_data(parent_context)
            context["counts"] = article_counts(self.instance)
            if can_moderate(self.request.user):
                context["queue_url"] = (
                    reverse("ogp_comments:index") + f"?article={self.instance.pk}"
                )
            return context


def add_to_article_editor():
    """Append the panel to the article's promote tab, beside the comments switch."""
    from articles.models import ArticlePage

    if not any(isinstance(panel, ArticleCommentsPanel) for panel in ArticlePage.promote_panels):
        ArticlePage.promote_panels = [
            *ArticlePage.promote_panels,
            ArticleCommentsPanel(heading="Comments"),
        ]
