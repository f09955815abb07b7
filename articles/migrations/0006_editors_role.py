from django.db import migrations

from articles.roles import editors_role
from core.permissions import create_all_permissions


def create_editors_role(apps, schema_editor):
    create_all_permissions(apps)
    editors_role(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_d_standard_pages_identity_captions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_editors_role, migrations.RunPython.noop)]
