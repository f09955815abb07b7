"""RSS 2.0 and Atom feeds of the newest articles: site-wide, per topic and per author."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, rfc3339_date

from wagtail.images.models import SourceImageIOError

from .models import ArticlePage, Author, Topic
from .seo import DEFAULT_DESCRIPTION, absolute_url, plain, site_root_url

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
    def view(cls, request, *args, **kwargs):
        feed = cls()
        feed.request = request
        return feed(request, *args, **kwargs)

    # The channel

    def get_articles(self, obj):
        raise NotImplementedError

    def items(self, obj) -> list[ArticlePage]:
        return list(
            self.get_articles(obj)
            .for_cards(ENCLOSURE_SPEC)
            .prefetch_related("topics")[:FEED_LENGTH]
        )

    def feed_url(self) -> str:
        return absolute_url(self.request, self.request.path)

    def author_name(self) -> str:
        return settings.WAGTAIL_SITE_NAME

    # The items

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return plain(item.summary)

    def item_link(self, item: ArticlePage) -> str:
        return item.get_full_url(self.request)

    def item_guid(self, item: ArticlePage) -> str:
        # Survives slug changes and moves, unlike the URL.
        return f"urn:uuid:{item.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: ArticlePage):
        return item.display_date

    def item_updateddate(self, item: ArticlePage):
        return item.last_published_at or item.latest_revision_created_at or item.display_date

    def item_categories(self, item: ArticlePage) -> list[str]:
        return [topic.name for topic in item.topic_list]

    def item_enclosures(self, item: ArticlePage) -> list[Enclosure]:
        if item.feature_image is None:
            return []
        try:
            rendition = item.feature_image.get_rendition(ENCLOSURE_SPEC)
            length = rendition.file.size
        except (SourceImageIOError, OSError):
            return []
        return [Enclosure(absolute_url(self.request, rendition.url), str(length), "image/jpeg")]

    def item_extra_kwargs(self, item: ArticlePage) -> dict:
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

    def get_object(self, request, index):
        return index

    def get_articles(self, index):
        return ArticlePage.objects.child_of(index)

    def title(self, index) -> str:
        return f"{settings.WAGTAIL_SITE_NAME}: {index.title}"

    def link(self, index) -> str:
        return index.get_full_url(self.request) or site_root_url(self.request) + "/"

    def description(self, index) -> str:
        return plain(index.search_description or index.introduction) or DEFAULT_DESCRIPTION


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = ArticleAtomGenerator
    subtitle = LatestArticlesFeed.description


class TopicFeed(ArticleFeed):
    """A topic's articles (/topics/<slug>/feed/)."""

    def get_object(self, request, slug):
        return get_object_or_404(Topic.objects.live(), slug=slug)

    def get_articles(self, topic):
        return ArticlePage.objects.by_topic(topic)

    def title(self, topic) -> str:
        return f"{settings.WAGTAIL_SITE_NAME}: {topic.name}"

    def link(self, topic) -> str:
        return absolute_url(self.request, topic.get_absolute_url())

    def description(self, topic) -> str:
        return plain(topic.description) or f"Articles on {topic.name}."


class TopicAtomFeed(TopicFeed):
    feed_type = ArticleAtomGenerator
    subtitle = TopicFeed.description


class AuthorFeed(ArticleFeed):
    """An author's articles (/authors/<slug>/feed/)."""

    def get_object(self, request, slug):
        return get_object_or_404(Author.objects.live(), slug=slug)

    def get_articles(self, author):
        return ArticlePage.objects.by_author(author)

    def title(self, author) -> str:
        return f"{settings.WAGTAIL_SITE_NAME}: articles by {author.name}"

    def link(self, author) -> str:
        return absolute_url(self.request, author.get_absolute_url())

    def description(self, author) -> str:
        return plain(author.bio) or f"Articles by {author.name}."


class AuthorAtomFeed(AuthorFeed):
    feed_type = ArticleAtomGenerator
    subtitle = AuthorFeed.description
