"""What a moderation decision changes: one article's comment section, feeds and card counts.

Nothing else: approving a comment on one article leaves every other article's page cached.
Listing cards show an article's comment count, so the lists showing its card go too
(articles.purging.card_urls); Related Content cards show no count, so other articles stay. Comment rules change every article, so they purge everything.
"""

from articles import purging
from articles.models import ArticlePage
from core.purge import purge_on_commit

# A change to these decides whether readers see a comment.
VISIBILITY_FIELDS = frozenset({"status", "is_public", "is_removed"})


def comment_urls(article) -> set[str]:
    return (
        purging.page_urls([article])
        | purging.comment_feed_urls(article)
        | purging.card_urls(article, feeds=False, related=False)
    )


def commented_article(comment):
    return ArticlePage.objects.filter(pk=comment.object_pk).first()


def purge_if_public_view_changed(sender, instance, update_fields=None, **kwargs):
    # A held comment changes no public page; a public one, or a status change, does.
    if not (instance.is_public or VISIBILITY_FIELDS & set(update_fields or ())):
        return
    article = commented_article(instance)
    if article is not None and article.live:
        purge_on_commit(urls=comment_urls(article))


def purge_if_was_public(sender, instance, **kwargs):
    if instance.is_public:
        purge_if_public_view_changed(sender, instance)


def purge_rules_change(**kwargs):
    purge_on_commit(everything=True)
