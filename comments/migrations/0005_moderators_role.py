from django.contrib.auth.management import create_permissions
from django.db import migrations

from comments.roles import moderators_role


def create_moderators_role(apps, schema_editor):
    # Permissions are normally made after migrate; the role needs them now.
    for app_config in apps.get_app_configs():
        # create_permissions skips apps without a models module, which a migration's
        # historical app configs never have; restore whatever was there.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    moderators_role(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("ogp_comments", "0004_move_wordpress_import_record"),
        ("ogp_comments", "0004_a_repair_threads"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_moderators_role, migrations.RunPython.noop)]
