"""Public comment URLs. Only these are exposed: no django-comments-xtd API, which could leak emails."""

from django.urls import path

from . import posting

urlpatterns = [
    path("post/", posting.post_comment, name="comments-post-comment"),
    path("unsubscribe/<str:token>/", posting.unsubscribe, name="comments-unsubscribe"),
]
