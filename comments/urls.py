"""Public comment URLs. Only these are exposed: no django-comments-xtd API, which could leak emails."""

from django.urls import path

from . import following, posting
from .feeds import ArticleCommentsAtomFeed, ArticleCommentsFeed

urlpatterns = [
    path("post/", posting.post_comment, name="comments-post-comment"),
    path("unsubscribe/<str:token>/", posting.unsubscribe, name="comments-unsubscribe"),
    path("follow/", following.follow, name="comments-follow"),
    path("follow/confirm/<str:token>/", following.confirm, name="comments-follow-confirm"),
    path("follow/stop/<str:token>/", following.stop, name="comments-follow-stop"),
    path("articles/<int:pk>/feed/", ArticleCommentsFeed.view, name="comments-article-feed"),
    path(
        "articles/<int:pk>/feed/atom/",
        ArticleCommentsAtomFeed.view,
        name="comments-article-atom-feed",
    ),
]
