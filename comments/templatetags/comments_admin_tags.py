"""Template tags for the comments app's pieces of the Wagtail admin."""

from django import template

from ..queue import article_counts, can_moderate

register = template.Library()


@register.simple_tag
def article_comment_counts(article):
    """(status, label, count) for each moderation status of `article`'s comments."""
    return article_counts(article)


@register.filter
def moderates_comments(user):
    return can_moderate(user)
