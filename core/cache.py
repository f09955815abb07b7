"""The anonymous page cache: one public copy of each page, retired path by path.

Every anonymous reader gets the same bytes for the same page (no CSRF token, no cookie, no
session), so the copy is kept here and may be kept by any shared cache in front (Varnish, a
CDN). Readers with a real session, a flash message or their own held comments are served
live. What a change affects is purged precisely once it has committed (core/purge.py):
each path has a version number, and a purge moves it on, which retires every query-string
variant of that path. A site-wide generation retires everything at once, for changes every
page shows (navigation, privacy rules).

A stored page records the versions read at the *start* of its request. A change that
commits while the page is being drawn moves a version on afterwards, so the copy drawn
from the old state is never served (docs/caching.md, "Never stale").
"""

import logging
import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
PATH_KEY = "pagecache:path:"
PAGE_KEY = "pagecache:page:"
SKIP_PREFIXES = (
    "/admin/",
    "/comments/",
    "/documents/",
    "/static/",
    "/media/",
    "/healthz",
    "/search/",
)

# Cookies that make a page private to its reader, each with the check that it is genuine. A
# forged or stale one must not cost a render, so only a valid one bypasses the cache. Apps
# add theirs from AppConfig.ready() (comments: a commenter's own held comments).
_private_cookies: dict[str, Callable[[HttpRequest], bool]] = {}


def private_cookie(name: str, is_valid: Callable[[HttpRequest], bool]) -> None:
    """Serve live to readers whose cookie `name` is valid, as `is_valid(request)` judges it."""
    _private_cookies[name] = is_valid


def _session_exists(request) -> bool:
    key = request.COOKIES[settings.SESSION_COOKIE_NAME]
    if not (8 <= len(key) <= 40) or set(key) - set(VALID_KEY_CHARS):
        return False
    engine = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    return engine().exists(key)


def _signed_message(request) -> bool:
    # The messages framework's cookie is signed with this salt (django.contrib.messages).
    try:
        signing.get_cookie_signer(salt="django.contrib.messages").unsign(
            request.COOKIES["messages"]
        )
    except signing.BadSignature:
        return False
    return True


def _fresh_version() -> int:
    """A starting version that no earlier one can equal, should a version key be evicted."""
    return time.time_ns()


def read_version(key: str, found: dict) -> int:
    value = found.get(key)
    if value is None:
        value = _fresh_version()
        if not cache.add(key, value, None):
            value = cache.get(key, value)
    return value


def generation() -> int:
    return read_version(GENERATION_KEY, {GENERATION_KEY: cache.get(GENERATION_KEY)})


def request_generation(request) -> int:
    """The site-wide generation, read once per request, at its start (site-wide lookups)."""
    if not hasattr(request, "_page_generation"):
        request._page_generation = generation()
    return request._page_generation


def bump(key: str) -> bool:
    """Move a version on. False when the cache could not be reached: the caller must retry."""
    try:
        try:
            moved = cache.incr(key)
        except ValueError:  # never read yet, or evicted: any fresh value retires old copies
            moved = cache.add(key, _fresh_version(), None) or cache.incr(key)
    except Exception:
        logger.warning("Could not reach the cache to purge %s", key, exc_info=True)
        return False
    # django-redis, told to ignore a down Redis, answers None instead of raising.
    return bool(moved)


def purge_paths(paths) -> bool:
    """Retire every cached variant of these paths; False if any could not be purged."""
    return all([bump(PATH_KEY + path) for path in set(paths)])  # noqa: C419 - purge every one


def purge_everything() -> bool:
    return bump(GENERATION_KEY)


def without_language(path: str) -> str:
    """The path as it is in the default language: /es/comments/x/ is /comments/x/."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def is_private_reader(request) -> bool:
    """A reader whose page is theirs alone: a real session, a flash message, own comments."""
    cookies = request.COOKIES
    checks = {
        settings.SESSION_COOKIE_NAME: _session_exists,
        "messages": _signed_message,
        **_private_cookies,
    }
    return any(name in cookies and is_valid(request) for name, is_valid in checks.items())


def is_cacheable_request(request) -> bool:
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return False
    if request.method not in ("GET", "HEAD") or without_language(request.path).startswith(
        SKIP_PREFIXES
    ):
        return False
    return "preview" not in request.GET and not is_private_reader(request)


def site_query(request) -> str:
    """The query string as the site reads it: known parameters only, sorted, well formed.

    Anything else (tracking tags, cache-busting junk) neither changes the page nor earns a
    cache entry of its own.
    """
    known = settings.PAGE_CACHE_QUERY_PARAMS
    numeric = settings.PAGE_CACHE_NUMERIC_PARAMS
    pairs = []
    for name in sorted(set(request.GET) & set(known)):
        # Pages read one value per parameter, the last (QueryDict.get); the others would only
        # make keys of their own (`?topic=a&topic=b&...`).
        value = request.GET.getlist(name)[-1]
        if name in numeric and not (value.isdigit() and 0 < int(value) < 10**6):
            continue
        pairs.append((name, value))
    return urlencode(pairs)


def keep_no_copy(request) -> None:
    """The view drew this page from a parameter it could not take as given (a page number past
    the end, a slug nobody has, a reply to no comment): answer it, but keep no copy here or at
    the edge, so made-up values (`?page=1000`, `?page=1001`, ...) cannot fill the cache."""
    request._page_cache_keep_no_copy = True


def keeps_no_copy(request) -> bool:
    return getattr(request, "_page_cache_keep_no_copy", False)


def get_page(request, paginator, number):
    """`paginator.get_page(number)`, keeping no copy when that is not the page asked for: a
    number past the end, or one written another way (`02`)."""
    page_obj = paginator.get_page(number)
    if number and str(page_obj.number) != str(number):
        keep_no_copy(request)
    return page_obj


def keep_site_query(request, query: str) -> None:
    """Draw the page from the site's own parameters, so its links carry no junk either."""
    if request.META.get("QUERY_STRING", "") != query:
        request.META["QUERY_STRING"] = query
        if hasattr(request, "GET"):
            del request.GET  # the cached_property is read again from QUERY_STRING
