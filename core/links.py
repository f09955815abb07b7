"""Absolute URLs and plain text for what leaves the site: feeds, metadata, sitemaps."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

# Lazy, so each request reads it in its own language; str() it before it reaches JSON.
DEFAULT_DESCRIPTION = _("News, stories and reports about open local government.")


def site_root_url(request) -> str:
    """The scheme and host of the Wagtail site serving `request`, without a trailing slash."""
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        return site.root_url
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(request, url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return f"{urlsplit(site_root_url(request)).scheme}:{url}"
    return site_root_url(request) + url


def plain(text: str, words: int | None = None) -> str:
    """Plain-text fields (summary, bio) on one line; they are text, so "<" stays "<"."""
    text = " ".join((text or "").split())
    return Truncator(text).words(words) if words else text
