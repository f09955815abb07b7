"""Author and topic pages for /sitemap.xml, alongside Wagtail's own page sitemap."""

from urllib.parse import urlsplit

from django.db.models import Max

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from core.links import site_root_url

from .models import ArticlePage, Author, Topic


class ArchiveSitemap(WagtailSitemap):
    """Snippets with a public page of their own; listed only while they have published articles.

    URLs use the Wagtail site's host, like the page entries, not django.contrib.sites'.
    """

    model = None
    link_to_articles = ""

    def items(self):
        published = ArticlePage.objects.published().values("pk")
        return (
            self.model.objects.live()
            .filter(**{f"{self.link_to_articles}__in": published})
            .annotate(lastmod=Max(f"{self.link_to_articles}__last_published_at"))
            .order_by("slug")
        )

    def location(self, obj):
        return obj.get_absolute_url()

    def lastmod(self, obj):
        return obj.lastmod

    def get_protocol(self, protocol=None):
        return urlsplit(site_root_url(self.request)).scheme

    def get_domain(self, site=None):
        return urlsplit(site_root_url(self.request)).netloc

    def _urls(self, page, protocol, domain):
        # Django's own URL building; Wagtail's expects pages.
        return super(WagtailSitemap, self)._urls(page, protocol, domain)


class AuthorSitemap(ArchiveSitemap):
    model = Author
    link_to_articles = "article_links__page"


class TopicSitemap(ArchiveSitemap):
    model = Topic
    link_to_articles = "articles"
