"""The year facet's key stored on PostgreSQL project rows (see projects/search/schema.py)."""

from django.db import migrations

from projects.search import schema


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0008_phrase_bigrams"),
    ]

    operations = [
        schema.on_postgresql(schema.POSTGRES_FACET_YEARS_FORWARD, schema.POSTGRES_FACET_YEARS_BACKWARD),
    ]
