"""Template tags that hand templates values computed in core.seo and the models."""

from django import template
from django.conf import settings
from django.template.defaultfilters import date
from django.utils import timezone, translation
from django.utils.translation import pgettext

from articles.models import NavigationSettings, masthead
from core import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Title, description, canonical URL, Open Graph and JSON-LD for the page being rendered."""
    return seo.meta_for(context)


@register.simple_tag(takes_context=True)
def site_masthead(context):
    """The wordmark or logo and the privacy notice's address, for the header, footer and forms."""
    return masthead(context.get("request"))


@register.simple_tag(takes_context=True)
def feed_links(context):
    request = context.get("request")
    index_url = NavigationSettings.links_for(request)["index_url"] if request else "/news/"
    return seo.feed_links(context, index_url=index_url)


@register.filter
def og_locale(language_code):
    """Open Graph's form of a language code: "en-gb" is en_GB, "es" is es."""
    return translation.to_locale(language_code or settings.LANGUAGE_CODE)


@register.filter
def json_ld(data):
    """Render a dict as a <script type="application/ld+json"> block that cannot end early."""
    return seo.json_ld_script(data)


@register.filter
def html_datetime(moment):
    """A <time datetime> value HTML accepts: local time to the second, with its offset."""
    if not moment:
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.isoformat(timespec="seconds")


# Each language writes dates its own way ("2 de enero de 2026"), so the format is translated;
# the month names themselves come from Django's catalogues.
@register.filter(expects_localtime=True)
def long_date(moment):
    """A date as articles and cards show it, in the active language."""
    # Translators: a date in Django's date-filter letters (j = day, F = month name, Y = year).
    return date(moment, pgettext("date format", "j F Y"))


@register.filter(expects_localtime=True)
def long_datetime(moment):
    """A date and time as comments show them, in the active language."""
    # Translators: Django's date-filter letters; a backslash keeps the next letter as it is.
    return date(moment, pgettext("date and time format", r"j F Y \a\t H:i"))
