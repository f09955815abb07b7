"""Site-wide middleware: the anonymous page cache, designed error pages, UTF-8 forms."""

import codecs
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseNotModified
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from .cache import (
    GENERATION_KEY,
    PAGE_KEY,
    PATH_KEY,
    is_cacheable_request,
    keep_site_query,
    keeps_no_copy,
    read_version,
    site_query,
)
from .errors import database_is_busy
from .purge import retry_pending_purges

logger = logging.getLogger("django.request")
cache_logger = logging.getLogger("core.cache")

# Wagtail's admin and files keep Django's own error pages.
SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/")
# Django answers these with a 4xx of its own; only real failures become our 500 page.
CLIENT_ERRORS = (Http404, PermissionDenied, BadRequest, SuspiciousOperation)


class DesignedErrorPagesMiddleware:
    """With DEBUG on (`make run`), readers' pages still get the site's own 404 and 500 pages.

    Django shows its technical pages whenever DEBUG is on and has no switch for that, so this
    middleware, installed only with DEBUG (settings.py), draws ours instead and logs the
    traceback to the console, where `make run` prints it. DEBUG_ERROR_PAGES=true turns it off.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and not request.path.startswith(SKIP_PREFIXES)
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return render(request, "404.html", status=404)
        return response

    def process_exception(self, request, exception):
        if (
            request.path.startswith(SKIP_PREFIXES)
            or isinstance(exception, CLIENT_ERRORS)
            or database_is_busy(exception)  # DatabaseBusyMiddleware answers 503 for that
        ):
            return None
        logger.error("Internal Server Error: %s", request.path, exc_info=exception)
        return render(request, "500.html", status=500)


FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class RequireUTF8FormsMiddleware:
    """Answer 400 to a form sent in any charset but UTF-8, on every URL.

    Django refuses such a body when request.POST is first read, but raises again each time
    it is read, so the error page (or any middleware that looks at POST) turns it into a 500.
    Browsers always send our forms as UTF-8, so refusing the rest here costs nobody anything.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.content_type in FORM_CONTENT_TYPES:
            charset = request.content_params.get("charset")
            if charset and not _is_utf8(charset):
                return HttpResponseBadRequest(
                    "Forms must be sent as UTF-8.", content_type="text/plain; charset=utf-8"
                )
        return self.get_response(request)


def _is_utf8(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


# --- The anonymous page cache ----------------------------------------------------------------

# Headers a cached page is replayed with come from the response that was stored (security
# headers included); these belong to one response and are never replayed.
UNSTORED_HEADERS = {"set-cookie", "content-length", "date", "x-cache", "cache-control", "etag"}


class AnonymousPageCacheMiddleware:
    """Outermost middleware: a hit is answered before the rest of the stack runs.

    A miss goes through every other middleware, so the stored headers are the ones the
    site sends (CSP, framing, HSTS and the rest) and are replayed as they were.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.live(request)
        # While a purge a cache refused still waits, nothing stored is served (core/purge.py).
        purges_done = retry_pending_purges()
        try:
            request.get_host()  # an unknown host is refused by the stack, never served a copy
            query = site_query(request)
            page_key = f"{PAGE_KEY}{request.path}?{query}"
            path_key = PATH_KEY + request.path
            # One round trip: the page and the two versions it must belong to.
            found = cache.get_many([GENERATION_KEY, path_key, page_key])
            versions = (read_version(GENERATION_KEY, found), read_version(path_key, found))
        except Exception:  # the cache is down, or the host is not ours: the stack decides
            cache_logger.warning("Page cache skipped for this request", exc_info=True)
            return self.live(request)
        request._page_generation = versions[0]
        hit = found.get(page_key)
        if hit is not None and tuple(hit[:2]) == versions and purges_done:
            return self.replay(request, hit[2:])

        keep_site_query(request, query)
        response = self.get_response(request)
        if not self.is_cacheable_response(request, response):
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
            return response
        headers = [(n, v) for n, v in response.items() if n.lower() not in UNSTORED_HEADERS]
        etag = response.get("ETag")
        try:
            cache.set(
                page_key,
                (*versions, response.status_code, response.content, headers, etag),
                settings.PAGE_CACHE_SECONDS,
            )
        except Exception:
            cache_logger.exception("Could not store a page in the cache")
        self.mark_public(response)
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
        if etag and etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(body, status=status)
        for name, value in headers:
            response[name] = value
        if etag:
            response["ETag"] = etag
        self.mark_public(response)
        response["X-Cache"] = "HIT"
        return response

    @staticmethod
    def mark_public(response) -> None:
        # Browsers check back every time (a 304 is cheap); shared caches keep the page until
        # a purge, or s-maxage, retires it.
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=settings.PAGE_CACHE_SECONDS,
            stale_while_revalidate=settings.PAGE_CACHE_STALE_SECONDS,
        )

    @staticmethod
    def is_cacheable_response(request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if keeps_no_copy(request):
            return False
        session = getattr(request, "session", None)
        if session is not None and session.accessed and session.keys():
            return False
        cache_control = response.get("Cache-Control", "")
        return "private" not in cache_control and "no-store" not in cache_control
