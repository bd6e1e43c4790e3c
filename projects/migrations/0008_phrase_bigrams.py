"""Phrase bigrams on PostgreSQL: every pair of adjacent lexemes as one indexed lexeme, so that
the GIN index answers a two-word phrase alone (see projects/search/schema.py). SQLite's FTS5
reads positions from its own index and needs nothing."""

from django.db import migrations

from projects.search import schema


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in schema.POSTGRES_BIGRAMS_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in schema.POSTGRES_BIGRAMS_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0007_project_facet_keys"),
    ]

    operations = [
        migrations.RunPython(forward, backward, elidable=False),
    ]
