"""Keep derived data honest: the page cache and the restricted-path list follow content changes."""

from django.db.models.signals import post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.cache import purge_all
from core.restrictions import forget_restricted_paths

from .models import (
    ArticlePage,
    Author,
    FooterLink,
    HeaderLink,
    NavigationSettings,
    SiteIdentity,
    Topic,
)


def purge_pages(**kwargs):
    purge_all()


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


def purge_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge_all()


def connect():
    for signal in (post_save, post_delete):
        signal.connect(forget_restricted_paths, sender=PageViewRestriction)
        signal.connect(purge_pages, sender=PageViewRestriction)
        # Authors and topics show on article pages, cards, archives and feeds.
        signal.connect(purge_pages, sender=Author)
        signal.connect(purge_pages, sender=Topic)
        # The masthead and footer on every page read the site identity (models/site.py).
        signal.connect(purge_pages, sender=SiteIdentity)
        # Every page draws the header and footer links.
        for model in (NavigationSettings, HeaderLink, FooterLink):
            signal.connect(purge_pages, sender=model)
        # A replaced image or document changes the rendition and file URLs pages point to.
        signal.connect(purge_pages, sender=get_image_model())
        signal.connect(purge_pages, sender=get_document_model())
    post_page_move.connect(forget_restricted_paths)
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge_pages)
    post_delete.connect(purge_on_page_delete)
    page_published.connect(reindex_published_article)
    post_save.connect(reindex_their_articles, sender=Author)
    post_save.connect(reindex_their_articles, sender=Topic)
