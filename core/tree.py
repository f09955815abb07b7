"""Wagtail's root page and collection, made again when a database flush removed them."""

from django.conf import settings

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page


def tree_root():
    """Wagtail's root page, made again if a database flush (or a bare schema) removed it."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root
