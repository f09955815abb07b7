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
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
CSRF_PLACEHOLDER = "__CSRF_TOKEN_PLACEHOLDER__"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
BYPASS_COOKIES = ("sessionid", "messages")
SKIP_PREFIXES = (
    "/admin/",
    "/comments/",
    "/documents/",
    "/static/",
    "/media/",
    "/healthz",
    "/django-admin/",
)


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, None)
    return value


def purge_all(**kwargs) -> None:
    """Retire every cached page. Safe to call from any signal handler."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)
    except Exception:  # the cache being down must never break publishing
        logger.exception("Could not purge the page cache")


def is_cacheable_request(request) -> bool:
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return False
    if request.method not in ("GET", "HEAD") or request.path.startswith(SKIP_PREFIXES):
        return False
    if any(name in request.COOKIES for name in BYPASS_COOKIES):
        return False
    return "preview" not in request.GET


def cache_key(request, gen: int) -> str:
    return f"pagecache:{gen}:{request.get_host()}:{request.get_full_path()}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            response = self.get_response(request)
            if not response.has_header("Cache-Control") and response.get(
                "Content-Type", ""
            ).startswith("text/html"):
                patch_cache_control(response, private=True, no_cache=True)
            return response

        try:
            gen = generation()
            key = cache_key(request, gen)
            hit = cache.get(key)
        except Exception:
            logger.exception("Page cache unavailable; serving live")
            return self.get_response(request)

        if hit is not None:
            status, content_type, body, headers = hit
            response = HttpResponse(body, status=status, content_type=content_type)
            for name, value in headers:
                response[name] = value
            self.personalise(request, response)
            response["X-Cache"] = "HIT"
            return response

        response = self.get_response(request)
        if self.is_cacheable_response(request, response):
            body = CSRF_INPUT.sub(
                rb"\g<1>" + CSRF_PLACEHOLDER.encode() + rb"\g<2>", response.content
            )
            headers = [
                (n, v)
                for n, v in response.items()
                if n in ("Content-Language", "Last-Modified", "Vary")
            ]
            try:
                cache.set(
                    key,
                    (response.status_code, response["Content-Type"], body, headers),
                    settings.PAGE_CACHE_SECONDS,
                )
            except Exception:
                logger.exception("Could not store a page in the cache")
            has_form = CSRF_PLACEHOLDER.encode() in body
            patch_cache_control(
                response,
                **(
                    {"private": True, "no_cache": True}
                    if has_form
                    else {"public": True, "max_age": 60}
                ),
            )
            response["X-Cache"] = "MISS"
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

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

    @staticmethod
    def personalise(request, response) -> None:
        """Give this reader their own CSRF token where the cached page has the placeholder."""
        placeholder = CSRF_PLACEHOLDER.encode()
        if placeholder in response.content:
            response.content = response.content.replace(placeholder, get_token(request).encode())
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=60)
