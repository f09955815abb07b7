from django.contrib import messages
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Author, Topic
from .translations import lag


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    list_display = ["name", "role", "organisation"]
    search_fields = ["name", "role", "organisation"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PeopleAndTopicsGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, TopicViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Authors & topics"
    menu_order = 200


register_snippet(PeopleAndTopicsGroup)


def warn_if_behind(request, obj):
    """Tell an editor opening a translation that its source has changed since."""
    if request.method == "GET" and (behind := lag(obj)) is not None:
        messages.warning(request, behind.message())


@hooks.register("before_edit_page")
def warn_if_page_translation_is_behind(request, page):
    warn_if_behind(request, page)


@hooks.register("before_edit_snippet")
def warn_if_snippet_translation_is_behind(request, instance):
    if isinstance(instance, Author | Topic):
        warn_if_behind(request, instance)


@hooks.register("before_serve_page")
def serve_pages_at_their_own_languages_address(page, request, serve_args, serve_kwargs):
    """Send /fr/news/x/ to /news/x/ when x has no French version.

    Wagtail routes a language with no home page of its own through the default language's
    tree, which would show English words under a French address and `lang`. The page's own
    address (from the cached site roots, no query) says where it belongs.
    """
    parts = page.get_url_parts(request)
    own_path = parts[2] if parts else None
    if own_path and not request.path.startswith(own_path):
        query = request.META.get("QUERY_STRING")
        return redirect(f"{own_path}?{query}" if query else own_path)
    return None
