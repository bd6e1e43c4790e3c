"""GIN indexes for the funder, programme and year filters on PostgreSQL (see
projects/search/schema.py)."""

from django.db import migrations

from projects.search import schema


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in schema.POSTGRES_FILTER_INDEXES_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in schema.POSTGRES_FILTER_INDEXES_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0009_facet_years"),
    ]

    operations = [
        migrations.RunPython(forward, backward, elidable=False),
    ]
