"""Who may moderate, and what waits for them: shared by the admin views, hooks and panels."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from articles.models import ArticlePage

from .models import ArticleComment, CommentStatus

PERMISSION = "ogp_comments.moderate_comments"


def can_moderate(user):
    return user.is_active and user.has_perm(PERMISSION)


def awaiting_count():
    return ArticleComment.objects.filter(status=CommentStatus.AWAITING).count()


def articles_for(comments):
    ids = {int(c.object_pk) for c in comments if c.object_pk.isdigit()}
    articles = ArticlePage.objects.filter(pk__in=ids).defer_streamfields().select_related("locale")
    return {str(a.pk): a for a in articles}


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
