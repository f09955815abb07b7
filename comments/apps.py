from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    label = "ogp_comments"
    verbose_name = "Comments"

    def ready(self):
        from articles.signals import demo_content_loaded

        from . import moderation
        from .demo import add_demo_comments
        from .panels import add_to_article_editor

        moderation.register()
        add_to_article_editor()
        demo_content_loaded.connect(add_demo_comments, dispatch_uid="ogp_comments.demo")
