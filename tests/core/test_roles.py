"""The Editors and Moderators roles come from one definition, applied by data migrations."""

from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group, User

import pytest

pytestmark = pytest.mark.django_db

MIGRATIONS = (
    ("articles.migrations.0006_editors_role", "create_editors_role"),
    ("comments.migrations.0005_moderators_role", "create_moderators_role"),
)


def rights(group) -> dict:
    return {
        "permissions": sorted(group.permissions.values_list("content_type__app_label", "codename")),
        "pages": sorted(group.page_permissions.values_list("page__depth", "permission__codename")),
        "collections": sorted(
            group.collection_permissions.values_list(
                "collection__depth", "permission__content_type__app_label", "permission__codename"
            )
        ),
    }


def rights_of(user) -> dict:
    return {group.name: rights(group) for group in user.groups.all()}


def roles_from_the_migrations() -> dict:
    Group.objects.all().delete()
    for module, function in MIGRATIONS:
        getattr(import_module(module), function)(apps, None)
    return {group.name: rights(group) for group in Group.objects.all()}


def test_test_fixtures_get_the_roles_the_migrations_make(editor, moderator):
    from_fixtures = {**rights_of(editor), **rights_of(moderator)}
    assert set(from_fixtures) == {"Editors", "Moderators"}
    assert roles_from_the_migrations() == from_fixtures


def test_the_demo_users_get_the_roles_the_migrations_make(demo):
    from_the_demo = {
        **rights_of(User.objects.get(username="editor")),
        **rights_of(User.objects.get(username="moderator")),
    }
    assert set(from_the_demo) == {"Editors", "Moderators"}
    assert roles_from_the_migrations() == from_the_demo


def test_moderators_may_moderate_and_nothing_else(moderator):
    assert rights_of(moderator)["Moderators"] == {
        "permissions": [
            ("ogp_comments", "change_commentsettings"),
            ("ogp_comments", "moderate_comments"),
            ("wagtailadmin", "access_admin"),
        ],
        "pages": [],
        "collections": [],
    }
