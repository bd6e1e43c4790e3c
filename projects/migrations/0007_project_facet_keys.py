"""Facet keys on project rows (the ids of its funders and programmes), kept by triggers on
fundings: see projects/search/schema.py."""

from django.db import migrations

from projects.search import schema


def create_keys(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {
        "postgresql": schema.POSTGRES_FACET_KEYS_FORWARD,
        "sqlite": schema.SQLITE_FACET_KEYS_FORWARD,
    }[vendor]
    for statement in statements:
        schema_editor.execute(statement)
    schema_editor.execute(schema.REFRESH_FACET_KEYS[vendor])


def drop_keys(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {
        "postgresql": schema.POSTGRES_FACET_KEYS_BACKWARD,
        "sqlite": schema.SQLITE_FACET_KEYS_BACKWARD,
    }[vendor]
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0006_child_rows_by_project_id"),
    ]

    operations = [
        migrations.RunPython(create_keys, drop_keys, elidable=False),
    ]
