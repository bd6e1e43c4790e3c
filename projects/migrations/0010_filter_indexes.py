"""GIN indexes for the funder, programme and year filters on PostgreSQL (see
projects/search/schema.py)."""

from django.db import migrations

from projects.search import schema


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0009_facet_years"),
    ]

    operations = [
        schema.on_postgresql(schema.POSTGRES_FILTER_INDEXES_FORWARD, schema.POSTGRES_FILTER_INDEXES_BACKWARD),
    ]
