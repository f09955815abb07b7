"""The Editors role: write, translate and publish pages; manage authors, topics, images and
documents.

Defined once and applied by the data migration; the demo and the test fixtures call the same
function when a flushed database has lost the group.
"""

from django.apps import apps as global_apps

EDITORS = "Editors"
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
COLLECTION_PERMISSIONS = [
    (app_label, f"{action}_{model}")
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "choose")
]


def editors_role(apps=global_apps):
    """Create or repair the Editors group; `apps` is a migration's app registry or Django's."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    # Exactly these rights, whatever Wagtail's own migrations gave a group of this name.
    GroupPagePermission.objects.filter(group=editors).delete()
    GroupCollectionPermission.objects.filter(group=editors).delete()
    editors.permissions.set(
        [
            *Permission.objects.filter(
                content_type__app_label="wagtailadmin", codename="access_admin"
            ),
            *Permission.objects.filter(content_type__app_label="articles"),
            # Translating pages, authors and topics with wagtail-localize.
            *Permission.objects.filter(
                content_type__app_label="wagtail_localize", codename="submit_translation"
            ),
        ]
    )
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.create(
                group=editors,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    collection = Collection.objects.filter(depth=1).first()
    if collection is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.create(
                group=editors,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
    return editors
