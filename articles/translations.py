"""Whether a translation has fallen behind the version it was translated from.

A translation may lag its source: the English article gets a correction after the Spanish
version was made. wagtail-localize records when it last took the source's text
(TranslationSource.last_updated_at); a translation made by copying (the demo, or Wagtail's
own copy) is compared with its last publication instead. Editors see the result as a warning
on the translation's edit screen, with the date of the change they have not taken yet.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wagtail.models import Locale

from wagtail_localize.models import Translation


@dataclass(frozen=True)
class Lag:
    source: object  # the page or snippet this one translates
    source_changed_at: datetime
    translated_at: datetime

    def message(self) -> str:
        changed = formats.date_format(timezone.localtime(self.source_changed_at), "DATETIME_FORMAT")
        return _(
            "This translation may be out of date: its source “%(title)s” (%(language)s) "
            "changed on %(date)s, after this version was translated. Compare the two and "
            "update this one."
        ) % {
            "title": self.source,
            "language": self.source.locale.get_display_name(),
            "date": changed,
        }


def translated_at(obj, synced) -> datetime | None:
    if synced is not None:
        return synced.source.last_updated_at
    return obj.last_published_at or getattr(obj, "latest_revision_created_at", None)


def source_of(obj, synced):
    if synced is not None:
        return synced.source.get_source_instance()
    default = Locale.get_default()
    if obj.locale_id == default.pk:
        return None
    return (
        type(obj)
        .objects.filter(translation_key=obj.translation_key, locale=default)
        .exclude(pk=obj.pk)
        .first()
    )


def lag(obj) -> Lag | None:
    """How far `obj` (a translated page or snippet) is behind its source, if it is."""
    synced = (
        Translation.objects.filter(
            source__object_id=obj.translation_key, target_locale_id=obj.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )
    source = source_of(obj, synced)
    if source is None or source.pk == obj.pk:
        return None
    changed_at, done_at = source.last_published_at, translated_at(obj, synced)
    if changed_at and done_at and changed_at > done_at:
        return Lag(source, changed_at, done_at)
    return None
