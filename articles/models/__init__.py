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
    RESTRICTED_PATHS_KEY,
    ArticlePageManager,
    ArticlePageQuerySet,
    card_prefetches,
    forget_restricted_paths,
    paginate,
    restricted_paths,
)
from .site import Masthead, SiteIdentity, StandardPage, masthead
from .snippets import Author, Topic

__all__ = [
    "ARTICLES_PER_PAGE",
    "RELATED_LIMIT",
    "RESTRICTED_PATHS_KEY",
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
    "forget_restricted_paths",
    "masthead",
    "paginate",
    "restricted_paths",
]
