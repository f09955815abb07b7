"""Helpers for data migrations that grant permissions."""

from django.contrib.auth.management import create_permissions


def create_all_permissions(apps):
    """Make every model's permissions now; Django normally makes them only after migrate.

    create_permissions skips apps without a models module, which a migration's historical
    app configs never have, so each is given one for the call and restored afterwards.
    """
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
