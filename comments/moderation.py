"""django-comments-xtd's moderator for articles: refuses posts when comments are closed."""

from django_comments_xtd.moderation import SpamModerator, moderator

from articles.models import ArticlePage


class ArticleCommentModerator(SpamModerator):
    """Blocks blacklisted email domains and closed articles; everything else waits for review.

    Our own policy (see policy.py) decides the final status; `moderate()` returning True
    records that nothing from the public is published without a moderator by default.
    """

    enable_field = "allow_comments"

    def moderate(self, comment, content_object, request):
        return True


def register():
    if ArticlePage not in moderator._registry:
        moderator.register(ArticlePage, ArticleCommentModerator)
