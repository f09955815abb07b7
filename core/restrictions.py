"""Which parts of the page tree are private, read once and kept until that changes.

Readers' listings, alternates and feeds leave out pages under a view restriction. Wagtail's
`.public()` asks the database each time; the paths change rarely, so they are cached until a
restriction is saved or deleted or a page moves (articles/signal_handlers.py).
"""

from django.core.cache import cache

from wagtail.models import PageViewRestriction

RESTRICTED_PATHS_KEY = "articles:restricted-paths"


def restricted_paths() -> list[str]:
    """Tree paths of pages with a view restriction; cached until a restriction or page moves."""
    paths = cache.get(RESTRICTED_PATHS_KEY)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(RESTRICTED_PATHS_KEY, paths, None)
    return paths


def forget_restricted_paths(**kwargs):
    cache.delete(RESTRICTED_PATHS_KEY)


def outside_restrictions(queryset):
    """`queryset` of pages without those under a view restriction (like `.public()`)."""
    for path in restricted_paths():
        queryset = queryset.exclude(path__startswith=path)
    return queryset
