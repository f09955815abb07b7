"""What articles, authors and topics say about themselves to crawlers and sharing previews.

The models' `get_meta()` methods call these; the engine (PageMeta, images, feed links) is
core.seo. Nothing here imports a model, so the models can import this module.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.languages import active_language_code, home_url
from core.links import DEFAULT_DESCRIPTION, absolute_url, page_url, plain, site_root_url
from core.seo import (
    FeedLink,
    PageMeta,
    first_card_image,
    iso,
    page_number,
    social_image,
    with_query,
)

# Labels a news reader expects as news (schema.org NewsArticle); the rest are blog posts.
NEWS_LABELS = ("news", "story")


def article_json_ld(request, article, meta: PageMeta) -> list:
    root = site_root_url(request)
    index = article.get_parent()
    posting = {
        "@context": "https://schema.org",
        "@type": "NewsArticle" if article.label in NEWS_LABELS else "BlogPosting",
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
        "inLanguage": meta.hreflang,
    }
    if meta.image:
        posting["image"] = [meta.image.url]
    if article.topic_list:
        posting["keywords"] = [topic.name for topic in article.topic_list]
    crumbs = [(_("Home"), home_url(request, active_language_code()))]
    if index is not None:
        crumbs.append((index.title, page_url(index, request)))
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


def article_meta(request, article) -> PageMeta:
    meta = PageMeta(
        title=article.seo_title or article.title,
        description=plain(article.search_description or article.summary)
        or str(DEFAULT_DESCRIPTION),
        canonical=page_url(article, request) or absolute_url(request, request.path),
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


def article_feed_links(request, article) -> list[FeedLink]:
    if not article.allow_comments:
        return []
    # The comments app serves it; only its URL name is shared, no code.
    return [
        FeedLink(
            _("%(site)s: comments on %(title)s")
            % {"site": settings.WAGTAIL_SITE_NAME, "title": article.title},
            absolute_url(request, reverse("comments-article-feed", args=[article.pk])),
        )
    ]


def author_meta(request, author, context) -> PageMeta:
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


def topic_meta(request, topic, context) -> PageMeta:
    canonical = absolute_url(request, topic.get_absolute_url())
    return PageMeta(
        title=topic.name,
        description=plain(topic.description, 30) or topic.name,
        canonical=with_query(canonical, page=page_number(context)),
        image=first_card_image(request, context),
    )


def archive_feed_link(request, title: str, url_name: str, slug: str) -> list[FeedLink]:
    return [
        FeedLink(
            f"{settings.WAGTAIL_SITE_NAME}: {title}",
            absolute_url(request, reverse(url_name, args=[slug])),
        )
    ]
