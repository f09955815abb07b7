"""Purging cached pages after a change: the site's own page cache and any shared cache in front.

Callers name what changed; the purge runs once the transaction has committed, so a reader
who renders in between cannot store the old state after the purge. URLs go through Wagtail's
frontend-cache `PurgeBatch` to every backend in `WAGTAILFRONTENDCACHE` (settings.py): the
site's own page cache (`PageCacheBackend`) and, when configured, Varnish (`VarnishBackend`).

A purge a cache refuses is never lost: it is written to the database (`PendingPurge`) and
sent again before the site serves any stored page (core/middleware.py), so a page removed
while Redis or Varnish was unreachable does not come back with it.
"""

import logging
import time
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import DatabaseError, transaction

from wagtail.contrib.frontend_cache.backends import BaseBackend, HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends

from . import cache as page_cache
from .models import PendingPurge

logger = logging.getLogger(__name__)


class PurgeFailed(Exception):
    """A cache could not be reached; the purge is kept and sent again."""


def purge_on_commit(urls=(), pages=(), everything: bool = False) -> None:
    """Purge these absolute URLs and pages (with their `get_cached_paths()`) after commit.

    `everything=True` retires every cached page: for changes every page shows (navigation,
    site identity, privacy rules).
    """
    batch = PurgeBatch()
    batch.add_urls(urls)
    batch.add_pages(pages)
    found = sorted(batch.urls)
    transaction.on_commit(lambda: purge_now(found, everything))


def purge_now(urls=(), everything: bool = False) -> None:
    """Send the purge to every backend now; what a backend refuses is kept for later."""
    for name, backend in get_backends().items():
        try:
            if everything:
                backend.purge_everything()
            elif urls:
                backend.purge_batch(list(urls))
        except PurgeFailed:
            logger.warning("Purge kept for later: the %s cache is unreachable", name)
            _keep(name, urls, everything)


def _keep(backend: str, urls, everything: bool) -> None:
    rows = [PendingPurge(backend=backend, everything=True)] if everything else []
    rows += [PendingPurge(backend=backend, url=url) for url in urls if not everything]
    PendingPurge.objects.bulk_create(rows)
    _state.update(clear=False, checked=time.monotonic())


# Per process: when the database was last asked, and whether no purge was waiting then.
_state = {"checked": float("-inf"), "clear": False}


def retry_pending_purges() -> bool:
    """Send kept purges again; True when none is waiting, so stored pages may be served.

    Each process asks the database at most once every PAGE_CACHE_PURGE_CHECK_SECONDS, and
    answers from what it found in between: while a purge waits, no stored page is served.
    """
    now = time.monotonic()
    if now - _state["checked"] < settings.PAGE_CACHE_PURGE_CHECK_SECONDS:
        return _state["clear"]
    _state["checked"] = now
    try:
        pending = list(PendingPurge.objects.all()[:1000])
    except DatabaseError:
        logger.warning("Could not read the pending purges", exc_info=True)
        _state["clear"] = False
        return False
    backends = get_backends()
    for name in {row.backend for row in pending}:
        rows = [row for row in pending if row.backend == name]
        try:
            _send(backends.get(name), rows)
        except PurgeFailed:
            _state["clear"] = False
            return False
        PendingPurge.objects.filter(pk__in=[row.pk for row in rows]).delete()
    _state["clear"] = len(pending) < 1000
    return _state["clear"]


def _send(backend, rows) -> None:
    if backend is None:  # no longer configured: nothing to send it to
        return
    if any(row.everything for row in rows):
        backend.purge_everything()
    else:
        backend.purge_batch([row.url for row in rows])


class PageCacheBackend(BaseBackend):
    """The site's own page cache (core/cache.py): a purged path loses every variant."""

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        if not page_cache.purge_paths(urlsplit(url).path for url in urls):
            raise PurgeFailed(urls)

    def purge_everything(self):
        if not page_cache.purge_everything():
            raise PurgeFailed("everything")


class _BanRequest(Request):
    def get_method(self):
        return "BAN"


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP purge (PURGE <path>), but a refused or unreachable cache is an error.

    Wagtail's HTTPBackend logs a failure and carries on; here it raises, so the purge is
    kept and sent again. deploy/varnish/site.vcl bans every query variant of the path, and
    a BAN bans everything.
    """

    TIMEOUT = 2

    def purge(self, url):
        parts = urlsplit(url)
        self._send(PurgeRequest, parts.path, parts.query, parts)

    def purge_batch(self, urls):
        for url in urls:
            self.purge(url)

    def purge_everything(self):
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        self._send(_BanRequest, "/", "", base)

    def _send(self, request_class, path, query, parts):
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        request = request_class(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, path, query, ""]),
            headers={"Host": host, "User-Agent": "ogp-site-purge"},
        )
        try:
            with urlopen(request, timeout=self.TIMEOUT):
                pass
        except (HTTPError, URLError, OSError) as error:
            raise PurgeFailed(f"{path}: {error}") from error
