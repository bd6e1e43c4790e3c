"""Full-text search index: PostgreSQL tsvector + GIN + trigram indexes, or SQLite FTS5.

See projects/search/schema.py for what is created on each database.
"""

from django.db import migrations

from projects.search import schema


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in schema.POSTGRES_FORWARD:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        for statement in schema.SQLITE_FORWARD:
            schema_editor.execute(statement)
        from projects.search.sqlite import rebuild_index

        rebuild_index(schema_editor.connection, apps.get_model("projects", "Project"))


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {
        "postgresql": schema.POSTGRES_BACKWARD,
        "sqlite": schema.SQLITE_BACKWARD,
    }.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
