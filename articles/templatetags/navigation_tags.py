"""The header and footer links, from the Navigation and footer setting."""

from django import template

from articles.models import NavigationSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def site_navigation(context):
    request = context["request"]
    return NavigationSettings.links_for(request)


@register.filter
def is_current(link, request):
    """Whether the reader is on the link's page or below it (the home page only on itself)."""
    if link.url == "/" or "://" in link.url:
        return request.path == link.url
    return request.path.startswith(link.url)
