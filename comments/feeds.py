"""RSS and Atom feeds of an article's approved comments: names and text, never an email."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from articles.models import ArticlePage
from core.links import absolute_url, page_url, plain

from .models import ArticleComment

FEED_LENGTH = 30


class ArticleCommentsFeed(Feed):
    """The newest approved comments on one article (/comments/articles/<pk>/feed/)."""

    @classmethod
    def view(cls, request, *args, **kwargs):
        feed = cls()
        feed.request = request
        return feed(request, *args, **kwargs)

    def get_object(self, request, pk):
        article = ArticlePage.objects.published().filter(pk=pk).first()
        if article is None or not (article.allow_comments or self.comments(article).exists()):
            raise Http404("No such article.")
        return article

    @staticmethod
    def comments(article):
        return ArticleComment.objects.for_article(article).approved()

    def items(self, article) -> list[ArticleComment]:
        # Only public fields are read, so nothing private can reach the feed by accident.
        return list(
            self.comments(article)
            .only("id", "user_name", "comment", "submit_date")
            .order_by("-submit_date", "-pk")[:FEED_LENGTH]
        )

    def title(self, article) -> str:
        return _("%(site)s: comments on “%(title)s”") % {
            "site": settings.WAGTAIL_SITE_NAME,
            "title": article.title,
        }

    def link(self, article) -> str:
        return page_url(article, self.request) + "#comments"

    def description(self, article) -> str:
        return _("The newest approved comments on “%(title)s”.") % {"title": article.title}

    def feed_url(self, article) -> str:
        return absolute_url(self.request, self.request.path)

    def item_title(self, item: ArticleComment) -> str:
        return _("Comment by %(name)s") % {"name": item.user_name}

    def item_description(self, item: ArticleComment) -> str:
        return plain(item.comment)

    def item_link(self, item: ArticleComment) -> str:
        return f"{self._article_url}#comment-{item.pk}"

    def item_guid(self, item: ArticleComment) -> str:
        return absolute_url(self.request, f"/comments/{item.pk}")

    item_guid_is_permalink = False

    def item_author_name(self, item: ArticleComment) -> str:
        return item.user_name

    def item_pubdate(self, item: ArticleComment):
        return item.submit_date

    def get_feed(self, obj, request):
        self._article_url = page_url(obj, request)
        return super().get_feed(obj, request)


class ArticleCommentsAtomFeed(ArticleCommentsFeed):
    feed_type = Atom1Feed
    subtitle = ArticleCommentsFeed.description


def comment_feed_url(article) -> str:
    return reverse("comments-article-feed", args=[article.pk])


def comment_atom_feed_url(article) -> str:
    return reverse("comments-article-atom-feed", args=[article.pk])
