"""RSS 2.0 and Atom feeds of the newest articles: site-wide, per topic and per author.

A feed is handed its subject and the articles to list by whoever serves it (the index
page's routes, the author and topic views), so this module needs no models.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, rfc3339_date
from django.utils.translation import gettext as _

from wagtail.images.models import SourceImageIOError

from core.links import DEFAULT_DESCRIPTION, absolute_url, page_url, plain, site_root_url

FEED_LENGTH = 20
# The enclosure: a large JPEG every feed reader can show.
ENCLOSURE_SPEC = "width-1200|format-jpeg"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"


class ArticleRssGenerator(Rss201rev2Feed):
    """RSS 2.0 with one <dc:creator> per author (RSS's own <author> wants an email address)
    and the update date as <atom:updated>, which plain RSS has no element for."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DC_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item.get("authors", ()):
            handler.addQuickElement("dc:creator", author["name"])
        if item["updateddate"] is not None:
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))


class ArticleAtomGenerator(Atom1Feed):
    """Atom with one <author> (name and page) per author."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item.get("authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", author["name"])
            handler.addQuickElement("uri", author["url"])
            handler.endElement("author")


class ArticleFeed(Feed):
    """The newest published articles. Build one per request with `view()`; it keeps the request."""

    feed_type = ArticleRssGenerator

    @classmethod
    def view(cls, request, subject, articles):
        """The feed of `articles` (an ArticlePage queryset) about `subject`."""
        feed = cls()
        feed.request = request
        feed.articles = articles
        return feed(request, subject=subject)

    def get_object(self, request, subject):
        return subject

    # The channel

    def items(self, subject) -> list:
        return list(
            self.articles.for_cards(ENCLOSURE_SPEC).prefetch_related("topics")[:FEED_LENGTH]
        )

    def feed_url(self) -> str:
        return absolute_url(self.request, self.request.path)

    def author_name(self) -> str:
        return settings.WAGTAIL_SITE_NAME

    # The items

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return plain(item.summary)

    def item_link(self, item) -> str:
        return page_url(item, self.request)

    def item_guid(self, item) -> str:
        # Survives slug changes and moves, unlike the URL.
        return f"urn:uuid:{item.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.display_date

    def item_updateddate(self, item):
        return item.modified_at

    def item_categories(self, item) -> list[str]:
        return [topic.name for topic in item.topic_list]

    def item_enclosures(self, item) -> list[Enclosure]:
        if item.feature_image is None:
            return []
        try:
            rendition = item.feature_image.get_rendition(ENCLOSURE_SPEC)
            length = rendition.file.size
        except (SourceImageIOError, OSError):
            return []
        return [Enclosure(absolute_url(self.request, rendition.url), str(length), "image/jpeg")]

    def item_extra_kwargs(self, item) -> dict:
        return {
            "authors": [
                {
                    "name": author.name,
                    "url": absolute_url(self.request, author.get_absolute_url()),
                }
                for author in item.author_list
            ]
        }


class LatestArticlesFeed(ArticleFeed):
    """Every article in the index (/news/feed/)."""

    def title(self, index) -> str:
        return f"{settings.WAGTAIL_SITE_NAME}: {index.title}"

    def link(self, index) -> str:
        return page_url(index, self.request) or site_root_url(self.request) + "/"

    def description(self, index) -> str:
        return plain(index.search_description or index.introduction) or str(DEFAULT_DESCRIPTION)


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = ArticleAtomGenerator
    subtitle = LatestArticlesFeed.description


class TopicFeed(ArticleFeed):
    """A topic's articles (/topics/<slug>/feed/)."""

    def title(self, topic) -> str:
        return f"{settings.WAGTAIL_SITE_NAME}: {topic.name}"

    def link(self, topic) -> str:
        return absolute_url(self.request, topic.get_absolute_url())

    def description(self, topic) -> str:
        return plain(topic.description) or _("Articles on %(topic)s.") % {"topic": topic.name}


class TopicAtomFeed(TopicFeed):
    feed_type = ArticleAtomGenerator
    subtitle = TopicFeed.description


class AuthorFeed(ArticleFeed):
    """An author's articles (/authors/<slug>/feed/)."""

    def title(self, author) -> str:
        return _("%(site)s: articles by %(author)s") % {
            "site": settings.WAGTAIL_SITE_NAME,
            "author": author.name,
        }

    def link(self, author) -> str:
        return absolute_url(self.request, author.get_absolute_url())

    def description(self, author) -> str:
        return plain(author.bio) or _("Articles by %(author)s.") % {"author": author.name}


class AuthorAtomFeed(AuthorFeed):
    feed_type = ArticleAtomGenerator
    subtitle = AuthorFeed.description
