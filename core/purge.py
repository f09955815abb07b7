"""Purging cached pages after a change: the site's own page cache and any shared cache in front.

Callers name what changed; the purge runs once the transaction has committed, so a reader
who renders in between cannot store the old state after the purge. URLs go through Wagtail's
frontend-cache `PurgeBatch`, to every backend in `WAGTAILFRONTENDCACHE` (settings.py).
"""

from django.db import transaction

from wagtail.contrib.frontend_cache.utils import PurgeBatch

from core.cache import purge_all


def purge_on_commit(urls=(), pages=(), everything: bool = False) -> None:
    """Purge these absolute URLs and pages (with their `get_cached_paths()`) after commit.

    `everything=True` retires every cached page: for changes every page shows (navigation,
    site identity, privacy rules).
    """
    batch = PurgeBatch()
    batch.add_urls(urls)
    batch.add_pages(pages)
    urls = sorted(batch.urls)
    transaction.on_commit(lambda: _purge(urls, everything))


def _purge(urls, everything):
    # Filled in by the page-cache rework (core/cache.py). Until the site's own cache can drop
    # single paths, any purge retires all of it, now after commit.
    PurgeBatch(urls).purge()
    if everything or urls:
        purge_all()
