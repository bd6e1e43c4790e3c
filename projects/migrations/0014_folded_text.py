"""Exact matching on PostgreSQL tests stored lowercased copies of title, excerpt and content
with LIKE, their trigram indexes naming candidates, instead of `~*` on the fields themselves
(see projects/search/schema.py)."""

from django.db import migrations

from projects.search import schema


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0013_amount_order"),
    ]

    operations = [
        schema.on_postgresql(schema.POSTGRES_FOLDED_FORWARD, schema.POSTGRES_FOLDED_BACKWARD),
    ]
