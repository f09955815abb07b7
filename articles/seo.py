"""What crawlers and sharing previews read: titles, descriptions, canonical URLs, Open Graph,
Twitter cards, JSON-LD and feed links, computed from a template context in Python."""

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from core.links import DEFAULT_DESCRIPTION, absolute_url, plain, site_root_url

from .cards import SOCIAL_IMAGE_SIZE
from .models import (
    SOCIAL_IMAGE_SPEC,
    ArticleIndexPage,
    ArticlePage,
    Author,
    HomePage,
    Topic,
)

NEWS_FEED_PATH = "/news/feed/"
NEWS_ATOM_FEED_PATH = "/news/feed/atom/"

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


def article_json_ld(request, article: ArticlePage, meta: PageMeta) -> list:
    root = site_root_url(request)
    index = article.get_parent()
    schema_type = (
        "NewsArticle"
        if article.label in (ArticlePage.Label.NEWS, ArticlePage.Label.STORY)
        else "BlogPosting"
    )
    posting = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "headline": Truncator(article.title).chars(110),
        "description": meta.description,
        "datePublished": meta.published_time,
        "dateModified": meta.modified_time,
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": absolute_url(request, author.get_absolute_url()),
            }
            for author in article.author_list
        ],
        "publisher": {
            "@type": "Organization",
            "name": settings.WAGTAIL_SITE_NAME,
            "url": root + "/",
        },
        "mainEntityOfPage": {"@type": "WebPage", "@id": meta.canonical},
        "url": meta.canonical,
    }
    if meta.image:
        posting["image"] = [meta.image.url]
    if article.topic_list:
        posting["keywords"] = [topic.name for topic in article.topic_list]
    crumbs = [("Home", root + "/")]
    if index is not None:
        crumbs.append((index.title, index.get_full_url(request)))
    crumbs.append((article.title, meta.canonical))
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }
    return [posting, breadcrumbs]


def article_meta(request, article: ArticlePage) -> PageMeta:
    meta = PageMeta(
        title=article.seo_title or article.title,
        description=plain(article.search_description or article.summary) or DEFAULT_DESCRIPTION,
        canonical=article.get_full_url(request) or absolute_url(request, request.path),
        og_type="article",
        image=social_image(request, article.feature_image, alt=article.feature_image_alt_text),
        published_time=iso(article.display_date),
        modified_time=iso(article.modified_at),
        author_urls=[
            absolute_url(request, author.get_absolute_url()) for author in article.author_list
        ],
        tags=[topic.name for topic in article.topic_list],
    )
    meta.json_ld = article_json_ld(request, article, meta)
    return meta


def wagtail_page_meta(request, page: Page, context) -> PageMeta:
    description = plain(page.search_description)
    canonical = page.get_full_url(request) or absolute_url(request, request.path)
    filters = context.get("filters")
    query = filters.query if isinstance(page, ArticleIndexPage) and filters else {}
    title = page.seo_title or page.title
    if isinstance(page, HomePage):
        title = page.seo_title or settings.WAGTAIL_SITE_NAME
    return PageMeta(
        title=title,
        description=description or DEFAULT_DESCRIPTION,
        canonical=with_query(canonical, **query, page=page_number(context)),
        image=first_card_image(request, context),
    )


def author_meta(request, author: Author, context) -> PageMeta:
    canonical = absolute_url(request, author.get_absolute_url())
    image = social_image(request, author.photo, alt=author.name) or first_card_image(
        request, context
    )
    return PageMeta(
        title=author.name,
        description=plain(author.bio, 30) or author.name,
        canonical=with_query(canonical, page=page_number(context)),
        og_type="profile",
        image=image,
    )


def topic_meta(request, topic: Topic, context) -> PageMeta:
    canonical = absolute_url(request, topic.get_absolute_url())
    return PageMeta(
        title=topic.name,
        description=plain(topic.description, 30) or topic.name,
        canonical=with_query(canonical, page=page_number(context)),
        image=first_card_image(request, context),
    )


def view_meta(request, context) -> PageMeta:
    """Pages that are neither Wagtail pages nor an author or topic: lists, search, errors."""
    meta = PageMeta(
        title=context.get("meta_title") or settings.WAGTAIL_SITE_NAME,
        description=context.get("meta_description") or DEFAULT_DESCRIPTION,
        canonical=absolute_url(request, request.path),
        noindex=bool(context.get("noindex")),
    )
    if "query" in context:  # search results are for readers, not for an index
        meta.noindex = True
        meta.image = first_card_image(request, context)
    return meta


def meta_for(context) -> PageMeta:
    request = context.get("request")
    page = context.get("page")
    obj = context.get("object")
    if isinstance(page, ArticlePage):
        meta = article_meta(request, page)
    elif isinstance(page, Page):
        meta = wagtail_page_meta(request, page, context)
    elif isinstance(obj, Author):
        meta = author_meta(request, obj, context)
    elif isinstance(obj, Topic):
        meta = topic_meta(request, obj, context)
    else:
        meta = view_meta(request, context)
    meta.page_number = page_number(context)
    return meta


def feed_links(context) -> list[FeedLink]:
    """The site's feeds on every page, plus an author's or a topic's own on their pages."""
    request = context.get("request")
    site_name = settings.WAGTAIL_SITE_NAME
    links = [
        FeedLink(f"{site_name}: latest articles (RSS)", absolute_url(request, NEWS_FEED_PATH)),
        FeedLink(
            f"{site_name}: latest articles (Atom)",
            absolute_url(request, NEWS_ATOM_FEED_PATH),
            "application/atom+xml",
        ),
    ]
    obj = context.get("object")
    page = context.get("page")
    if isinstance(page, ArticlePage) and page.allow_comments:
        # The comments app serves it; only its URL name is shared, no code.
        links.append(
            FeedLink(
                f"{site_name}: comments on {page.title}",
                absolute_url(request, reverse("comments-article-feed", args=[page.pk])),
            )
        )
    if isinstance(obj, Author):
        links.append(
            FeedLink(
                f"{site_name}: articles by {obj.name}",
                absolute_url(request, reverse("author_feed", args=[obj.slug])),
            )
        )
    elif isinstance(obj, Topic):
        links.append(
            FeedLink(
                f"{site_name}: articles on {obj.name}",
                absolute_url(request, reverse("topic_feed", args=[obj.slug])),
            )
        )
    return links
