"""Models of the articles app, split by kind; import them from here."""

from ..cards import SOCIAL_IMAGE_SPEC
from .navigation import FooterLink, HeaderLink, Link, NavigationSettings
from .pages import (
    RELATED_LIMIT,
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    ArticleRelatedItem,
    HomePage,
)
from .querysets import (
    ARTICLES_PER_PAGE,
    ArticlePageManager,
    ArticlePageQuerySet,
    card_prefetches,
    paginate,
)
from .site import Masthead, SiteIdentity, StandardPage, masthead
from .snippets import Author, Topic

__all__ = [
    "ARTICLES_PER_PAGE",
    "RELATED_LIMIT",
    "SOCIAL_IMAGE_SPEC",
    "ArticleAuthor",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageManager",
    "ArticlePageQuerySet",
    "ArticleRelatedItem",
    "Author",
    "FooterLink",
    "HeaderLink",
    "Link",
    "NavigationSettings",
    "HomePage",
    "Masthead",
    "SiteIdentity",
    "StandardPage",
    "Topic",
    "card_prefetches",
    "masthead",
    "paginate",
]
