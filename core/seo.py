"""What crawlers and sharing previews read: titles, descriptions, canonical URLs, Open Graph,
Twitter cards, JSON-LD and feed links.

The engine is here; what a page says about itself is its own `get_meta(request, context)`
(and `get_feed_links(request)`), so this module knows no models. Views that are not about
one object (lists, search, errors) fall back to `view_meta`.
"""

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import SourceImageIOError

from .languages import active_language_code, hreflang, language_versions
from .links import DEFAULT_DESCRIPTION, absolute_url, page_url, plain

# Open Graph and Twitter previews: 1.91:1, JPEG for every preview renderer.
SOCIAL_IMAGE_SPEC = "fill-1200x630|format-jpeg"
SOCIAL_IMAGE_SIZE = (1200, 630)
# The news index's feeds, below the index page of the reader's language.
SITE_FEEDS = (
    (_("latest articles (RSS)"), "feed/", "application/rss+xml"),
    (_("latest articles (Atom)"), "feed/atom/", "application/atom+xml"),
)

# The same escapes as django.utils.html.json_script: the JSON can never close its <script>.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class FeedLink:
    title: str
    url: str
    type: str = "application/rss+xml"


@dataclass(frozen=True)
class SocialImage:
    url: str
    width: int | None
    height: int | None
    alt: str


@dataclass
class PageMeta:
    title: str
    description: str
    canonical: str
    site_name: str = field(default_factory=lambda: settings.WAGTAIL_SITE_NAME)
    og_type: str = "website"
    image: SocialImage | None = None
    published_time: str = ""
    modified_time: str = ""
    author_urls: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    json_ld: list = field(default_factory=list)
    noindex: bool = False
    page_number: int | None = None
    # This page in each site language (core/languages.py), for hreflang and the switcher.
    languages: list = field(default_factory=list)

    @property
    def alternates(self) -> list:
        return [version for version in self.languages if version.exists]

    @property
    def x_default(self) -> str:
        """The version for readers of no site language: the English one, where there is one."""
        default = next((v for v in self.alternates if v.code == settings.LANGUAGE_CODE), None)
        return default.url if default else ""

    @property
    def current_language(self):
        return next((version for version in self.languages if version.current), None)

    @property
    def hreflang(self) -> str:
        return hreflang(active_language_code())

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image else "summary"


def iso(moment) -> str:
    return moment.isoformat() if moment else ""


def json_ld_script(data) -> str:
    """A <script type="application/ld+json"> block, safe to place in HTML."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return mark_safe(
        '<script type="application/ld+json">' + payload.translate(JSON_SCRIPT_ESCAPES) + "</script>"
    )


def social_image(request, image, alt: str = "") -> SocialImage | None:
    if image is None:
        return None
    try:
        rendition = image.get_rendition(SOCIAL_IMAGE_SPEC)
    except (SourceImageIOError, OSError):
        return None
    # Fill never enlarges: a smaller original gives a smaller crop, whose size previews
    # would misjudge if we claimed one; only the full size is announced.
    full_size = (rendition.width, rendition.height) == SOCIAL_IMAGE_SIZE
    return SocialImage(
        url=absolute_url(request, rendition.url),
        width=rendition.width if full_size else None,
        height=rendition.height if full_size else None,
        alt=alt or image.description or image.title,
    )


def with_query(url: str, **params) -> str:
    params = {key: value for key, value in params.items() if value}
    return f"{url}?{urlencode(params)}" if params else url


def page_number(context) -> int | None:
    page_obj = context.get("page_obj")
    number = getattr(page_obj, "number", 1)
    return number if number and number > 1 else None


def first_card_image(request, context) -> SocialImage | None:
    featured = context.get("featured")
    cards = [featured] if featured else []
    cards += list(context.get("cards") or [])
    for card in cards:
        if getattr(card, "image", None) is not None:
            return social_image(request, card.image, alt=card.title)
    return None


def wagtail_page_meta(request, page, context, title: str = "", query=None) -> PageMeta:
    """What any Wagtail page says by default: its SEO title, description and canonical URL."""
    canonical = page_url(page, request) or absolute_url(request, request.path)
    return PageMeta(
        title=title or page.seo_title or page.title,
        description=plain(page.search_description) or str(DEFAULT_DESCRIPTION),
        canonical=with_query(canonical, **(query or {}), page=page_number(context)),
        image=first_card_image(request, context),
    )


def view_meta(request, context) -> PageMeta:
    """Pages that are not about one page or object: lists, search, errors."""
    meta = PageMeta(
        title=str(context.get("meta_title") or settings.WAGTAIL_SITE_NAME),
        description=str(context.get("meta_description") or DEFAULT_DESCRIPTION),
        canonical=absolute_url(request, request.path),
        noindex=bool(context.get("noindex")),
    )
    if "query" in context:  # search results are for readers, not for an index
        meta.noindex = True
        meta.image = first_card_image(request, context)
    return meta


def subject(context):
    """What the page being drawn is about: its Wagtail page, or the view's object."""
    for candidate in (context.get("page"), context.get("object")):
        if hasattr(candidate, "get_meta"):
            return candidate
    return None


def meta_for(context) -> PageMeta:
    request, about = context.get("request"), subject(context)
    meta = about.get_meta(request, context) if about else view_meta(request, context)
    meta.page_number = page_number(context)
    meta.languages = language_versions(request, about)
    return meta


def feed_links(context, index_url: str = "/news/") -> list[FeedLink]:
    """The site's feeds on every page, plus the page's own (an author's, a topic's, comments).

    `index_url` is the news index of the reader's language, whose feeds are the site's.
    """
    request, about = context.get("request"), subject(context)
    site_name = settings.WAGTAIL_SITE_NAME
    links = [
        FeedLink(f"{site_name}: {title}", absolute_url(request, index_url + path), kind)
        for title, path, kind in SITE_FEEDS
    ]
    if hasattr(about, "get_feed_links"):
        links += about.get_feed_links(request)
    return links
