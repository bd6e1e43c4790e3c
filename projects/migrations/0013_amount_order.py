"""The amount sort read from an index on PostgreSQL: each project row carries the sum of its
fundings' amounts, kept by the fundings' trigger (see projects/search/schema.py), and published
projects are indexed in the sort's order (a common word sorted by amount at 100 000 projects:
~0.6 s -> ~30 ms)."""

from django.db import migrations

from projects.search import schema


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0012_newest_order_index"),
    ]

    operations = [
        schema.on_postgresql(schema.POSTGRES_AMOUNT_FORWARD, schema.POSTGRES_AMOUNT_BACKWARD),
        schema.published_order_index(
            "projects_published_amount_idx",
            {"postgresql": f"{schema.AMOUNT_COLUMN} DESC NULLS LAST, title, id"},
        ),
    ]
