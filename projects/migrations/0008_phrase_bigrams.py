"""Phrase bigrams on PostgreSQL: every pair of adjacent lexemes as one indexed lexeme, so that
the GIN index answers a two-word phrase alone (see projects/search/schema.py). SQLite's FTS5
reads positions from its own index and needs nothing."""

from django.db import migrations

from projects.search import schema


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0007_project_facet_keys"),
    ]

    operations = [
        schema.on_postgresql(schema.POSTGRES_BIGRAMS_FORWARD, schema.POSTGRES_BIGRAMS_BACKWARD),
    ]
