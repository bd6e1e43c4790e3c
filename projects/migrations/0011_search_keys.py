"""A project's keys (sample bucket, implementer, funders, programmes, years) as lexemes in GIN
expression indexes beside its text on PostgreSQL, so one tsquery asks for words, filters and a
sample at once (see projects/search/schema.py and projects/search/estimates.py)."""

from django.db import migrations

from projects.search import schema


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0010_filter_indexes"),
    ]

    operations = [
        schema.on_postgresql(schema.POSTGRES_KEYS_FORWARD, schema.POSTGRES_KEYS_BACKWARD),
    ]
