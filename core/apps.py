from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site-wide pieces every app uses: the page cache, health, context processors."""

    name = "core"
    verbose_name = "Site core"
