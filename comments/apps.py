from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    label = "ogp_comments"
    verbose_name = "Comments"
