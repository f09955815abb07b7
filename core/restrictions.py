"""Which parts of the page tree are private, read once and kept until that changes.

Readers' listings, alternates and feeds leave out pages under a view restriction. Wagtail's
`.public()` asks the database each time; the paths change rarely, so they are cached under a
version that moves on, after commit, whenever a restriction is saved or deleted or a page
moves (articles/signal_handlers.py). The version is read before the database: a list read
while a restriction commits is stored under the old version and never read again.
"""

from django.core.cache import cache
from django.db import transaction

from wagtail.models import PageViewRestriction

from .cache import bump, read_version

VERSION_KEY = "restrictions:version"
PATHS_KEY = "restrictions:paths:"
# Even if a purge were lost, a stale list is forgotten within this time.
PATHS_SECONDS = 300


def restricted_paths() -> list[str]:
    """Tree paths of pages with a view restriction."""
    try:
        key = PATHS_KEY + str(read_version(VERSION_KEY, {VERSION_KEY: cache.get(VERSION_KEY)}))
        paths = cache.get(key)
    except Exception:  # no cache: ask the database, as Wagtail would
        key, paths = None, None
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        if key is not None:
            cache.set(key, paths, PATHS_SECONDS)
    return paths


def forget_restricted_paths(**kwargs):
    """Signal handler: read the list afresh once the change has committed."""
    transaction.on_commit(lambda: bump(VERSION_KEY))


def outside_restrictions(queryset):
    """`queryset` of pages without those under a view restriction (like `.public()`)."""
    for path in restricted_paths():
        queryset = queryset.exclude(path__startswith=path)
    return queryset
