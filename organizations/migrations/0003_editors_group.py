"""The "Redaktoriai" (editors) group: staff who keep the registry's records.

Editors add, change and view projects, organizations, programmes and everything a project page
lists; they remove rows inside a project (a goal, a partner, a funding row) but never whole
projects, organizations or programmes (published projects are archived instead), and they get
no permission on users or groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Redaktoriai"

# model -> actions the editors get on it
EDITOR_PERMISSIONS = {
    ("organizations", "organization"): ["add", "change", "view"],
    ("organizations", "membership"): ["add", "change", "view", "delete"],
    ("organizations", "sociallink"): ["add", "change", "view", "delete"],
    ("projects", "project"): ["add", "change", "view"],
    ("projects", "fundingprogramme"): ["add", "change", "view"],
    ("projects", "funding"): ["add", "change", "view", "delete"],
    ("projects", "projectpartner"): ["add", "change", "view", "delete"],
    ("projects", "goal"): ["add", "change", "view", "delete"],
    ("projects", "task"): ["add", "change", "view", "delete"],
    ("projects", "activity"): ["add", "change", "view", "delete"],
    ("projects", "result"): ["add", "change", "view", "delete"],
    ("projects", "dataissue"): ["add", "change", "view", "delete"],
}


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    codenames = []
    for (app_label, model), actions in EDITOR_PERMISSIONS.items():
        codenames += [(app_label, f"{action}_{model}") for action in actions]
    permissions = []
    for app_label, codename in codenames:
        permissions.append(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    group.permissions.set(permissions)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0002_organization_history"),
        ("projects", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
