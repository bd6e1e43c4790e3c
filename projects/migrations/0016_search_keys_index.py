"""A project's keys alone in a GIN index on PostgreSQL, for exact mode and lists without text,
which no tsvector answers (see projects/search/schema.py)."""

from django.db import migrations

from projects.search import schema


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0015_status_not_indexed"),
    ]

    operations = [
        schema.on_postgresql(
            schema.POSTGRES_KEYS_INDEX_FORWARD, schema.POSTGRES_KEYS_INDEX_BACKWARD
        ),
    ]
