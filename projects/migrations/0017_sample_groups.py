"""A project's keys also name its sample group (16 buckets) on PostgreSQL, so that a sample
asks for a few groups rather than dozens of buckets (see projects/search/schema.py)."""

from django.db import migrations

from projects.search import schema


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0016_search_keys_index"),
    ]

    operations = [
        schema.on_postgresql(
            schema.POSTGRES_SAMPLE_GROUPS_FORWARD, schema.POSTGRES_SAMPLE_GROUPS_BACKWARD
        ),
    ]
