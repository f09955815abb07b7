"""Translations for tests: the Spanish or French version of a page or snippet, published."""

from wagtail.models import Locale


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def translate_page(page, code: str, **fields):
    """The page's version in `code`, its parents translated too, with `fields` set, live."""
    translation = page.specific.copy_for_translation(locale(code), copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation.specific


def translate_snippet(obj, code: str, **fields):
    """The author's or topic's version in `code`, with `fields` set (a new slug, say), live."""
    translation = obj.copy_for_translation(locale(code))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    translation.save_revision().publish()
    return type(obj).objects.get(pk=translation.pk)
