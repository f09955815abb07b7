import re

from django import template
from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import mark_safe

from comments.thread import build_section

register = template.Library()

# What urlize could turn into a link; text without any of it skips urlize's word-by-word scan.
MAYBE_LINK = re.compile(r"://|www\.|@|\.(?:com|edu|gov|int|mil|net|org)\b", re.IGNORECASE)


@register.simple_tag(takes_context=True)
def comment_section(context, article):
    """The comment section of `article` for this request (see comments/thread.py)."""
    return build_section(context["request"], article)


@register.filter
def comment_text(text):
    """Escaped text with its line breaks kept and plain URLs as links search engines ignore."""
    if not MAYBE_LINK.search(text):
        return mark_safe(linebreaks(escape(text), autoescape=False))
    linked = urlize(text, trim_url_limit=60, nofollow=True, autoescape=True)
    # urlize escaped everything that is not a link, so this attribute can only be its own.
    linked = linked.replace(' rel="nofollow"', ' rel="nofollow ugc"')
    return mark_safe(linebreaks(linked, autoescape=False))
