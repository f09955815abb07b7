"""Which cached URLs each kind of change affects: the one place that knows what shows where.

The signal handlers (signal_handlers.py, and the comments app for moderation) hand these sets
to `core.purge.purge_on_commit`, which purges them once the transaction has committed. A
purged path takes its query variants with it (`/news/?page=2`, `/news/?topic=x`), so a list is
named once. Every set is in the language of the thing that changed: an English article shows
on no Spanish list.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

from core.links import site_root_url

from .models import ArticleIndexPage, ArticlePage, Author, HomePage, Topic

# Saves that only move Wagtail's revision bookkeeping change nothing a reader sees.
BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "live_revision",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def is_bookkeeping(update_fields) -> bool:
    return bool(update_fields) and set(update_fields) <= BOOKKEEPING_FIELDS


def in_language(language_code: str, url_name: str, *args) -> str:
    with translation.override(language_code):
        return site_root_url() + reverse(url_name, args=args)


def page_urls(pages) -> set[str]:
    """The pages' URLs with their `get_cached_paths()` (an index's feeds)."""
    batch = PurgeBatch()
    batch.add_pages(pages)
    return batch.urls


def sitemap_urls() -> set[str]:
    return {site_root_url() + reverse("sitemap")}


def snippet_urls(obj, feeds: bool = True) -> set[str]:
    """An author's or a topic's own page, and its RSS and Atom feeds."""
    kind = "author" if isinstance(obj, Author) else "topic"
    names = [f"{kind}_detail", *([f"{kind}_feed", f"{kind}_atom_feed"] if feeds else [])]
    code = obj.locale.language_code
    return {in_language(code, name, obj.slug) for name in names}


def related_showing(article):
    """Live articles whose Related Content may show `article`: picked by hand, or sharing a topic."""
    picked = ArticlePage.objects.filter(related_items__linked_page_id=article.pk)
    sharing = ArticlePage.objects.filter(topics__in=list(article.topics.all()))
    return (
        ArticlePage.objects.live()
        .filter(Q(pk__in=picked.values("pk")) | Q(pk__in=sharing.values("pk")))
        .exclude(pk=article.pk)
    )


def card_urls(article, feeds: bool = True, related: bool = True) -> set[str]:
    """Every list that shows `article`'s card: home, its index, its topics' and authors' pages,
    search, and (with `related`) other articles' Related Content; with `feeds`, the feeds that
    list it too."""
    listing_pages = Page.objects.ancestor_of(article).type(HomePage, ArticleIndexPage).specific()
    # A page's cached paths are its feeds as well (ArticleIndexPage.get_cached_paths).
    urls = page_urls(listing_pages) if feeds else {page.get_full_url() for page in listing_pages}
    if related:
        urls |= page_urls(related_showing(article))
    for topic in article.topics.all():
        urls |= snippet_urls(topic, feeds)
    for link in article.authors.select_related("author__locale"):
        urls |= snippet_urls(link.author, feeds)
    urls.add(in_language(article.locale.language_code, "search"))
    return urls


def comment_feed_urls(article) -> set[str]:
    """The article's comment feeds, served by the comments app: only their URL names are shared."""
    code = article.locale.language_code
    return {
        in_language(code, name, article.pk)
        for name in ("comments-article-feed", "comments-article-atom-feed")
    }


def article_urls(article) -> set[str]:
    """What an article's publish, unpublish, move or deletion changes, in its current state.

    Call it on the state before the change as well as after (see signal_handlers.py), so the
    old URL, old topics and old authors are purged too.
    """
    urls = page_urls([article]) | card_urls(article) | sitemap_urls()
    # The comment feeds carry the article's title, and go when it does.
    urls |= comment_feed_urls(article)
    # Its other languages' switchers and hreflang links point to it.
    urls |= page_urls(article.get_translations().live())
    return urls


def moved_article_urls(article, url_path_before: str, parent_before) -> set[str]:
    """The article at its old address, and the lists of the section it left."""
    old = Page.objects.get(pk=article.pk)
    old.url_path = url_path_before
    urls = {old.get_full_url()}
    urls |= page_urls(Page.objects.ancestor_of(parent_before, inclusive=True).specific())
    return urls


def snippet_change_urls(obj) -> set[str]:
    """An author or topic: its page, feeds and list, its translations, the index's filter, and
    every article and list that shows it (bylines on cards, topic links, feed categories)."""
    list_name = "author_list" if isinstance(obj, Author) else "topic_list"
    urls = snippet_urls(obj) | sitemap_urls()
    urls.add(in_language(obj.locale.language_code, list_name))
    # The index's filter offers every live author and topic, with articles or not.
    urls |= page_urls(ArticleIndexPage.objects.filter(locale_id=obj.locale_id).live())
    for translation_ in obj.get_translations().filter(live=True).select_related("locale"):
        urls |= snippet_urls(translation_, feeds=False)
    for article in obj_articles(obj):
        urls |= page_urls([article]) | card_urls(article)
    return urls


def obj_articles(obj):
    if isinstance(obj, Author):
        articles = ArticlePage.objects.filter(authors__author=obj)
    elif isinstance(obj, Topic):
        articles = ArticlePage.objects.filter(topics=obj)
    else:
        return ArticlePage.objects.none()
    return articles.live().distinct()
