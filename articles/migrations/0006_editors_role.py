from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.roles import editors_role


def create_editors_role(apps, schema_editor):
    # Permissions are normally made after migrate; the role needs them now.
    for app_config in apps.get_app_configs():
        # create_permissions skips apps without a models module, which a migration's
        # historical app configs never have; restore whatever was there.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
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
