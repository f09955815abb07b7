"""Error pages: a database too busy to take a write answers 503 with Retry-After, not 500.

`DatabaseBusyMiddleware` catches it from views (with DEBUG on too); `server_error`, the 500
handler, catches it from anywhere else, such as saving the session after the view.
"""

import logging
import sys

from django.db import OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)

# How long a reader is asked to wait before trying again, in seconds.
BUSY_RETRY_AFTER = 10
# PostgreSQL's "lock_not_available" (a lock_timeout ran out) and "deadlock_detected".
BUSY_SQLSTATES = {"55P03", "40P01"}


def database_is_busy(error) -> bool:
    """Whether `error` means the database could not take the write in time (worth retrying)."""
    if not isinstance(error, OperationalError):
        return False
    if "database is locked" in str(error) or "database table is locked" in str(error):
        return True  # SQLite gave up waiting for the write lock (its busy timeout)
    return getattr(error.__cause__, "sqlstate", None) in BUSY_SQLSTATES


def busy_response(content: str) -> HttpResponse:
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(BUSY_RETRY_AFTER)
    return response


def busy_page() -> HttpResponse:
    # Rendered without the request: no context processor touches the busy database.
    return busy_response(loader.get_template("503.html").render())


class DatabaseBusyMiddleware:
    """A view whose write could not get the database in time answers the 503 busy page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_is_busy(exception):
            return None
        logger.warning("Database busy: %s %s answered 503", request.method, request.path)
        return busy_page()


def server_error(request, template_name="500.html"):
    """Django's 500 page, or the 503 busy page when the database was only busy."""
    if database_is_busy(sys.exc_info()[1]):
        return busy_page()
    return defaults.server_error(request, template_name)
