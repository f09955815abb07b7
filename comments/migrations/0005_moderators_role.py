from django.db import migrations

from comments.roles import moderators_role
from core.permissions import create_all_permissions


def create_moderators_role(apps, schema_editor):
    create_all_permissions(apps)
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
