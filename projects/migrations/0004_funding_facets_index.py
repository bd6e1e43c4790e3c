"""PostgreSQL: a covering index of fundings by project (with funder and programme), so the
search's funder and programme facets read the fundings of the matched projects from the index
alone (an index-only scan) rather than from the table row by row. SQLite needs none."""

from django.db import migrations

INDEX = "projects_funding_facets_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON projects_funding (project_id)"
            " INCLUDE (funder_id, programme_id)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0003_edit_history"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
