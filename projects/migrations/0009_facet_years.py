"""The year facet's key stored on PostgreSQL project rows (see projects/search/schema.py)."""

from django.db import migrations

from projects.search import schema


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in schema.POSTGRES_FACET_YEARS_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in schema.POSTGRES_FACET_YEARS_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0008_phrase_bigrams"),
    ]

    operations = [
        migrations.RunPython(forward, backward, elidable=False),
    ]
