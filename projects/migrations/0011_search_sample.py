"""The sample bucket as the second key of the text indexes on PostgreSQL, for estimated counts
of broad searches (see projects/search/schema.py and projects/search/estimates.py)."""

from django.db import migrations

from projects.search import schema


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0010_filter_indexes"),
    ]

    operations = [
        schema.on_postgresql(schema.POSTGRES_SAMPLE_FORWARD, schema.POSTGRES_SAMPLE_BACKWARD),
    ]
