"""The Moderators role: the comment queue and its rules, nothing else (no page, image or document rights).

Defined once and applied by the data migration; the demo and the test fixtures call the same
function when a flushed database has lost the group.
"""

from django.apps import apps as global_apps

MODERATORS = "Moderators"


def moderators_role(apps=global_apps):
    """Create or repair the Moderators group; `apps` is a migration's app registry or Django's."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    # Wagtail's own migrations give a "Moderators" group page and collection rights.
    GroupPagePermission.objects.filter(group=moderators).delete()
    GroupCollectionPermission.objects.filter(group=moderators).delete()
    moderators.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["wagtailadmin", "ogp_comments"],
            codename__in=["access_admin", "moderate_comments", "change_commentsettings"],
        )
    )
    return moderators
