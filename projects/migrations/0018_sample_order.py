"""A btree index in sample bucket order on PostgreSQL, by which rebuild_search_index rewrites
the projects table so that a sample's rows lie side by side (see projects/search/schema.py).
The table is reordered at the next rebuild_search_index, not by this migration."""

from django.db import migrations

from projects.search import schema


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0017_sample_groups"),
    ]

    operations = [
        schema.on_postgresql(
            schema.POSTGRES_SAMPLE_ORDER_FORWARD, schema.POSTGRES_SAMPLE_ORDER_BACKWARD
        ),
    ]
