"""Author, topic and search pages: plain Django views over the same card queryset."""

import unicodedata

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView
from django.views.static import serve

from wagtail.models import Locale

from core.links import absolute_url

from .feeds import AuthorAtomFeed, AuthorFeed, TopicAtomFeed, TopicFeed
from .models import ArticlePage, Author, Topic, paginate

SEARCH_QUERY_LIMIT = 1000
# Uploads never change under their name: renditions are named after their source and filter,
# and storage gives a replaced file a new name. So browsers and CDNs may keep them a year.
MEDIA_CACHE_CONTROL = "public, max-age=31536000, immutable"
# The PostgreSQL backend nests one expression per word; hundreds of words exhaust recursion.
SEARCH_TERM_LIMIT = 32


def search_terms(query: str) -> str:
    """The words of a query: letters, digits and combining marks of any script, nothing else.

    Search backends read quotes, brackets and operators as syntax (SQLite FTS5 fails on an
    unclosed quote) and PostgreSQL refuses NUL characters, so the backend only sees words,
    each once, at most SEARCH_TERM_LIMIT of them.
    """
    kept = (char if unicodedata.category(char)[0] in "LNM" else " " for char in query)
    words = dict.fromkeys("".join(kept).split())
    return " ".join(list(words)[:SEARCH_TERM_LIMIT])


class AuthorListView(ListView):
    model = Author
    template_name = "articles/author_list.html"
    context_object_name = "authors"
    extra_context = {"meta_title": gettext_lazy("Authors")}

    def get_queryset(self):
        return Author.objects.live().in_reader_language().select_related("photo")


class TopicListView(ListView):
    model = Topic
    template_name = "articles/topic_list.html"
    context_object_name = "topics"
    extra_context = {"meta_title": gettext_lazy("Topics")}

    def get_queryset(self):
        return Topic.objects.live().in_reader_language()


class ArchiveView(TemplateView):
    """A person's or a topic's articles, paginated, with the same cards as /news/."""

    model = None

    def get_object(self):
        return get_object_or_404(
            self.model.objects.live().in_reader_language(), slug=self.kwargs["slug"]
        )

    def get_articles(self, obj):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        page_obj, page_range = paginate(self.request, self.get_articles(obj))
        context.update(
            object=obj,
            page_obj=page_obj,
            page_range=page_range,
            cards=[article.as_card(self.request) for article in page_obj],
        )
        return context


class AuthorDetailView(ArchiveView):
    model = Author
    template_name = "articles/author_detail.html"

    def get_object(self):
        return get_object_or_404(
            Author.objects.live().in_reader_language().select_related("photo"),
            slug=self.kwargs["slug"],
        )

    def get_articles(self, author):
        return ArticlePage.objects.for_cards().by_author(author)


class TopicDetailView(ArchiveView):
    model = Topic
    template_name = "articles/topic_detail.html"

    def get_articles(self, topic):
        return ArticlePage.objects.for_cards().by_topic(topic)


def topic_feed(request, slug, feed=TopicFeed):
    topic = get_object_or_404(Topic.objects.live().in_reader_language(), slug=slug)
    return feed.view(request, topic, ArticlePage.objects.by_topic(topic))


def topic_atom_feed(request, slug):
    return topic_feed(request, slug, feed=TopicAtomFeed)


def author_feed(request, slug, feed=AuthorFeed):
    author = get_object_or_404(Author.objects.live().in_reader_language(), slug=slug)
    return feed.view(request, author, ArticlePage.objects.by_author(author))


def author_atom_feed(request, slug):
    return author_feed(request, slug, feed=AuthorAtomFeed)


def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {"sitemap_url": absolute_url(request, reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )


def search(request):
    query = request.GET.get("q", "").replace("\x00", "").strip()[:SEARCH_QUERY_LIMIT]
    page_obj, page_range, cards = None, [], []
    if query:
        terms = search_terms(query)
        locale = Locale.get_active()
        articles = ArticlePage.objects.for_cards().filter(locale=locale)
        # One search backend per language where the database stems words (core/search.py).
        language = locale.language_code
        backend = language if language in settings.WAGTAILSEARCH_BACKENDS else "default"
        results = articles.order_by().search(terms, backend=backend) if terms else articles.none()
        page_obj, page_range = paginate(request, results)
        cards = [article.as_card(request) for article in page_obj]
    return render(
        request,
        "articles/search.html",
        {
            "query": query,
            "page_obj": page_obj,
            "page_range": page_range,
            "cards": cards,
            "meta_title": _("Search"),
        },
    )


def serve_media(request, path):
    """A file from MEDIA_ROOT (read per request, so tests may move it), cacheable for a year."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = MEDIA_CACHE_CONTROL
    return response
