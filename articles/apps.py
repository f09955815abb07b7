from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_slug_changed, post_page_move

        from .models import forget_restricted_paths

        for signal in (post_save, post_delete):
            signal.connect(forget_restricted_paths, sender=PageViewRestriction)
        post_page_move.connect(forget_restricted_paths)
        page_slug_changed.connect(forget_restricted_paths)
