from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Author, Topic


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
