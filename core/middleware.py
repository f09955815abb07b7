"""Site-wide middleware."""

import codecs
import logging

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render

from .errors import database_is_busy

logger = logging.getLogger("django.request")

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
