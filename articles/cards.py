"""The one shape every card template reads, whatever the card points to."""

from dataclasses import dataclass, field

from wagtail.images.models import Filter

from core.seo import SOCIAL_IMAGE_SPEC  # noqa: F401 (re-exported for the querysets)

# The card template asks for exactly these renditions; querysets prefetch the same list.
CARD_IMAGE_SPEC = "fill-{400x225,800x450}|format-{webp,jpeg}"
CARD_RENDITIONS = Filter.expand_spec(CARD_IMAGE_SPEC)

# Listings prefetch the sharing-preview rendition (core.seo.SOCIAL_IMAGE_SPEC) with the card
# sizes, since their first card's image is the preview.

# The article page's feature image, full width.
FEATURE_IMAGE_SPEC = "width-{480,800,1200}|format-{webp,jpeg}"
FEATURE_RENDITIONS = Filter.expand_spec(FEATURE_IMAGE_SPEC)


@dataclass(frozen=True)
class Card:
    title: str
    url: str
    summary: str = ""
    label: str = ""
    image: object | None = None
    date: object | None = None
    authors: list = field(default_factory=list)
    external: bool = False
    comment_count: int = 0


CARD_SUMMARY_LIMIT = 200


def shorten(text: str, limit: int = CARD_SUMMARY_LIMIT) -> str:
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
