"""Translations for tests: the Spanish or French version of a page or snippet, published."""

from wagtail.models import Locale


def locale(code: str) -> Locale:
    # A transactional test before this one may have flushed the locales the migration made.
    return Locale.objects.get_or_create(language_code=code)[0]


def in_locale(obj, target: Locale):
    """`obj`'s translation into `target` if there is one, else `obj` itself."""
    return (
        type(obj).objects.filter(translation_key=obj.translation_key, locale=target).first() or obj
    )


def translate_page(page, code: str, **fields):
    """The page's version in `code`, its parents translated too, with `fields` set, live.

    An article's authors and topics become their translations where those exist, as
    wagtail-localize links them for an editor.
    """
    target = locale(code)
    translation = page.specific.copy_for_translation(target, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    if hasattr(translation, "topic_list"):
        links = list(page.specific.authors.order_by("sort_order"))
        translation.authors = [
            type(link)(author=in_locale(link.author, target), sort_order=link.sort_order)
            for link in links
        ]
        translation.topics = [in_locale(topic, target) for topic in page.specific.topics.all()]
    translation.save_revision().publish()
    return type(translation).objects.get(pk=translation.pk)


def translate_snippet(obj, code: str, **fields):
    """The author's or topic's version in `code`, with `fields` set (a new slug, say), live."""
    translation = obj.copy_for_translation(locale(code))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    translation.save_revision().publish()
    return type(obj).objects.get(pk=translation.pk)
