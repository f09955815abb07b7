"""Anonymous full-page cache.

Readers without a session or login get pages from the cache; everyone else is served live.
A cached page stores a placeholder where the CSRF token goes and each reader gets their own
token on the way out, so the comment form still posts and no one gets another's token.
Any publish, unpublish, move or delete, any author or topic change and any moderation
decision bumps one generation number, which retires every cached page at once.
"""

import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
CSRF_PLACEHOLDER = "__CSRF_TOKEN_PLACEHOLDER__"
PLACEHOLDER = CSRF_PLACEHOLDER.encode()
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# A session or login, a flash message, or a commenter's own held comments (comments/policy.py).
BYPASS_COOKIES = ("sessionid", "messages", "ogp_own_comments")
SKIP_PREFIXES = (
    "/admin/",
    "/comments/",
    "/documents/",
    "/static/",
    "/media/",
    "/healthz",
)


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, None)
    return value


def request_generation(request) -> int:
    """The generation, read once per request (cached fragments are keyed on it)."""
    if not hasattr(request, "_page_generation"):
        request._page_generation = generation()
    return request._page_generation


def purge_all(**kwargs) -> None:
    """Retire every cached page. Safe to call from any signal handler."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)
    except Exception:  # the cache being down must never break publishing
        logger.exception("Could not purge the page cache")


def without_language(path: str) -> str:
    """The path as it is in the default language: /es/comments/x/ is /comments/x/."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def is_cacheable_request(request) -> bool:
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return False
    if request.method not in ("GET", "HEAD") or without_language(request.path).startswith(
        SKIP_PREFIXES
    ):
        return False
    if any(name in request.COOKIES for name in BYPASS_COOKIES):
        return False
    return "preview" not in request.GET


def cache_key(request) -> str:
    return f"pagecache:{request.scheme}:{request.get_host()}:{request.get_full_path()}"


# Headers a cached page is replayed with come from the response that was stored (security
# headers included); these few belong to one response or one reader and are never replayed.
UNSTORED_HEADERS = {"set-cookie", "content-length", "date", "x-cache", "cache-control", "etag"}


class AnonymousPageCacheMiddleware:
    """Outermost middleware: a hit is answered before the rest of the stack runs.

    A miss goes through every other middleware, so the stored headers are the ones the
    site sends (CSP, framing, HSTS and the rest) and are replayed as they were.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.live(request)
        try:
            key = cache_key(request)
            # One round trip: the page and the generation it must belong to.
            found = cache.get_many([GENERATION_KEY, key])
            gen = found.get(GENERATION_KEY) or generation()
        except Exception:  # the cache is down, or the host is not ours: the stack decides
            logger.warning("Page cache skipped for this request", exc_info=True)
            return self.live(request)
        hit = found.get(key)
        if hit is not None and hit[0] == gen:
            return self.replay(request, hit[1:])

        response = self.get_response(request)
        if not self.is_cacheable_response(request, response):
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
            return response
        body = CSRF_INPUT.sub(rb"\g<1>" + PLACEHOLDER + rb"\g<2>", response.content)
        headers = [(n, v) for n, v in response.items() if n.lower() not in UNSTORED_HEADERS]
        has_form = PLACEHOLDER in body
        etag = None if has_form else response.get("ETag")
        try:
            cache.set(
                key, (gen, response.status_code, body, headers, etag), settings.PAGE_CACHE_SECONDS
            )
        except Exception:
            logger.exception("Could not store a page in the cache")
        self.mark_shareable(response, not has_form)
        response["X-Cache"] = "MISS"
        return response

    def live(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and response.get("Content-Type", "").startswith(
            "text/html"
        ):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def replay(self, request, hit):
        status, body, headers, etag = hit
        has_form = PLACEHOLDER in body
        if not has_form and etag and etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
        else:
            if has_form:
                # This reader's own token, and their CSRF cookie if they have none yet.
                self.csrf.process_request(request)
                body = body.replace(PLACEHOLDER, get_token(request).encode())
            response = HttpResponse(body, status=status)
        for name, value in headers:
            response[name] = value
        if etag and not has_form:
            response["ETag"] = etag
        self.mark_shareable(response, not has_form)
        if has_form:
            self.csrf.process_response(request, response)
        response["X-Cache"] = "HIT"
        return response

    @staticmethod
    def mark_shareable(response, shareable: bool) -> None:
        # A page with a form holds one reader's CSRF token, so no shared cache may keep it.
        if shareable:
            patch_cache_control(response, public=True, max_age=60)
        else:
            patch_cache_control(response, private=True, no_cache=True)

    @staticmethod
    def is_cacheable_response(request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies.get("sessionid"):
            return False
        if (
            getattr(request, "session", None) is not None
            and request.session.accessed
            and request.session.keys()
        ):
            return False
        cache_control = response.get("Cache-Control", "")
        return "private" not in cache_control and "no-store" not in cache_control
