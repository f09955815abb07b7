"""Author and topic pages for /sitemap.xml, alongside Wagtail's own page sitemap."""

from collections import defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Max, Q
from django.utils import translation

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from core.languages import hreflang
from core.links import absolute_url, page_url, site_root_url
from core.restrictions import outside_restrictions

from .models import ArticlePage, Author, Topic


def with_alternates(urls, versions_by_key, keys):
    """Add each URL's language versions (hreflang alternates, English as x-default)."""
    for url_info, key in zip(urls, keys, strict=True):
        versions = versions_by_key.get(key, {})
        if len(versions) < 2:
            continue
        url_info["alternates"] = [
            {"lang_code": hreflang(code), "location": location}
            for code, location in sorted(versions.items())
        ]
        if default := versions.get(settings.LANGUAGE_CODE):
            url_info["alternates"].append({"lang_code": "x-default", "location": default})
    return urls


class PageSitemap(WagtailSitemap):
    """Wagtail's page sitemap over every language's tree, each page with its translations."""

    def items(self):
        site = self.get_wagtail_site()
        roots = Page.objects.filter(translation_key=site.root_page.translation_key)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_a_tree)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        versions = defaultdict(dict)
        keys = {page.translation_key for page in pages}
        for version in outside_restrictions(
            Page.objects.live().filter(translation_key__in=keys).select_related("locale")
        ):
            versions[version.translation_key][version.locale.language_code] = page_url(
                version, self.request
            )
        urls, keys, last_mods = [], [], set()
        for item in pages:
            for url_info in item.get_sitemap_urls(self.request):
                url_info["location"] = page_url(item, self.request)
                urls.append(url_info)
                keys.append(item.translation_key)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return with_alternates(urls, versions, keys)


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
            .select_related("locale")
            .order_by("locale_id", "slug")
        )

    def location(self, obj):
        with translation.override(obj.locale.language_code):
            return obj.get_absolute_url()

    def lastmod(self, obj):
        return obj.lastmod

    def get_protocol(self, protocol=None):
        return urlsplit(site_root_url(self.request)).scheme

    def get_domain(self, site=None):
        return urlsplit(site_root_url(self.request)).netloc

    def _urls(self, page, protocol, domain):
        # Django's own URL building (Wagtail's expects pages), then each one's translations.
        items = list(self.paginator.page(page).object_list)
        urls = super(WagtailSitemap, self)._urls(page, protocol, domain)
        versions = defaultdict(dict)
        for item in items:
            versions[item.translation_key][item.locale.language_code] = absolute_url(
                self.request, self.location(item)
            )
        return with_alternates(urls, versions, [item.translation_key for item in items])


class AuthorSitemap(ArchiveSitemap):
    model = Author
    link_to_articles = "article_links__page"


class TopicSitemap(ArchiveSitemap):
    model = Topic
    link_to_articles = "articles"
