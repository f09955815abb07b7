"""Absolute URLs and plain text for what leaves the site: feeds, metadata, sitemaps, emails.

Every absolute URL starts with the one configured public address, `BASE_URL`: never with the
Host a request came in on (a proxy's, an app server's port) nor the Wagtail Site record, so a
cached page is the same for every reader and its links work wherever it is served from.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

# Lazy, so each request reads it in its own language; str() it before it reaches JSON.
DEFAULT_DESCRIPTION = _("News, stories and reports about open local government.")


def site_root_url(request=None) -> str:
    """The site's public scheme and host (`BASE_URL`), without a trailing slash."""
    return settings.BASE_URL.rstrip("/")


def absolute_url(request, url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return f"{urlsplit(site_root_url()).scheme}:{url}"
    return site_root_url() + url


def page_url(page, request=None) -> str | None:
    """A Wagtail page's public address; None for a page that no site serves."""
    parts = page.get_url_parts(request)
    if parts is None or parts[2] is None:
        return None
    return site_root_url() + parts[2]


def plain(text: str, words: int | None = None) -> str:
    """Plain-text fields (summary, bio) on one line; they are text, so "<" stays "<"."""
    text = " ".join((text or "").split())
    return Truncator(text).words(words) if words else text


def site_address() -> tuple[str, int]:
    """The host name and port of `BASE_URL`, as Wagtail's Site record holds them."""
    parts = urlsplit(site_root_url())
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
