"""Keep derived data honest: cached pages and the restricted-path list follow content changes.

Each handler names what its change affects (purging.py) and `purge_on_commit` purges it once
the transaction has committed. A change's state before is read in `pre_save`/`pre_page_move`,
while the database still holds it, so an old address, topic or author is purged too.
"""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.purge import purge_on_commit
from core.restrictions import forget_restricted_paths

from . import purging
from .models import (
    ArticlePage,
    Author,
    FooterLink,
    HeaderLink,
    NavigationSettings,
    SiteIdentity,
    Topic,
)


def _remember(instance, urls):
    # Kept on the instance being saved: Wagtail's signals pass that same object on.
    instance._purge_before = urls


def _recall(instance) -> set:
    return instance.__dict__.pop("_purge_before", set())


def purge_everything(**kwargs):
    purge_on_commit(everything=True)


def _remember_live(sender, instance, update_fields, urls_of):
    """Before a save: the URLs the live version shows on, to purge along with the new ones."""
    if instance.pk is None or purging.is_bookkeeping(update_fields):
        return
    before = sender.objects.filter(pk=instance.pk, live=True).first()
    if before is not None:
        _remember(instance, urls_of(before))


def remember_live_article(sender, instance, update_fields=None, **kwargs):
    # Publishing saves the whole row, then modelcluster writes the authors and topics.
    _remember_live(sender, instance, update_fields, purging.article_urls)


def purge_published_page(sender, instance, **kwargs):
    if isinstance(instance, ArticlePage):
        purge_on_commit(urls=_recall(instance) | purging.article_urls(instance))
    else:
        # Home, sections and standard pages are in every page's navigation or lists.
        purge_on_commit(everything=True)


def purge_moved_page(sender, instance, url_path_before, url_path_after, parent_page_before, **kw):
    page = instance.specific
    if not isinstance(page, ArticlePage):
        purge_on_commit(everything=True)
    elif url_path_before != url_path_after and page.live:
        urls = purging.moved_article_urls(page, url_path_before, parent_page_before)
        purge_on_commit(urls=urls | purging.article_urls(page))


def purge_deleted_article(sender, instance, **kwargs):
    # Before the delete: its authors, topics and place in the tree are gone afterwards.
    if isinstance(instance, ArticlePage) and instance.live:
        purge_on_commit(urls=purging.article_urls(instance))


def purge_deleted_page(sender, instance, **kwargs):
    # An article's own row comes with a Page row of its type; the article handler has that.
    if isinstance(instance, Page) and not issubclass(instance.specific_class or Page, ArticlePage):
        purge_on_commit(everything=True)


def remember_live_snippet(sender, instance, update_fields=None, **kwargs):
    _remember_live(sender, instance, update_fields, purging.snippet_change_urls)


def purge_saved_snippet(sender, instance, update_fields=None, created=False, **kwargs):
    if purging.is_bookkeeping(update_fields):
        return
    before = _recall(instance)
    if before or instance.live:
        purge_on_commit(urls=before | purging.snippet_change_urls(instance))


def purge_deleted_snippet(sender, instance, **kwargs):
    if instance.live:
        purge_on_commit(urls=purging.snippet_change_urls(instance))


def purge_replaced_file(sender, instance, created=False, **kwargs):
    # A new upload is on no page yet; a replaced one changes rendition and file URLs.
    if not created:
        purge_on_commit(everything=True)


def reindex_their_articles(sender, instance, **kwargs):
    """An article is found by its authors' and topics' names, so renaming one re-indexes them."""
    if isinstance(instance, Author):
        articles = ArticlePage.objects.filter(authors__author=instance)
    else:
        articles = instance.articles.all()
    for article in articles.distinct():
        index.insert_or_update_object(article)


def reindex_published_article(sender, instance, **kwargs):
    """Index an article again once it is published with its authors and topics.

    The page row is saved, and indexed, before modelcluster writes its authors and topics,
    so the index taken on save has the old ones: a new topic's name would not find it.
    """
    if isinstance(instance, ArticlePage):
        index.insert_or_update_object(instance)


def connect():
    for signal in (post_save, post_delete):
        signal.connect(forget_restricted_paths, sender=PageViewRestriction)
        # Privacy, the site's identity and the header and footer links show on every page.
        for model in (
            PageViewRestriction,
            SiteIdentity,
            NavigationSettings,
            HeaderLink,
            FooterLink,
        ):
            signal.connect(purge_everything, sender=model)
    post_page_move.connect(forget_restricted_paths)

    pre_save.connect(remember_live_article, sender=ArticlePage)
    for signal in (page_published, page_unpublished):
        signal.connect(purge_published_page)
    post_page_move.connect(purge_moved_page)
    pre_delete.connect(purge_deleted_article, sender=ArticlePage)
    post_delete.connect(purge_deleted_page, sender=Page)

    for model in (Author, Topic):
        pre_save.connect(remember_live_snippet, sender=model)
        post_save.connect(purge_saved_snippet, sender=model)
        pre_delete.connect(purge_deleted_snippet, sender=model)

    for model in (get_image_model(), get_document_model()):
        post_save.connect(purge_replaced_file, sender=model)
        post_delete.connect(purge_everything, sender=model)

    page_published.connect(reindex_published_article)
    post_save.connect(reindex_their_articles, sender=Author)
    post_save.connect(reindex_their_articles, sender=Topic)
