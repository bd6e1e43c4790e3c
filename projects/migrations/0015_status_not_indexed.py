"""No index on a project's status: through it the planner tested text searches on every
published project (see Project.status).

The indexes are dropped by name rather than by AlterField, which on SQLite rebuilds the table,
and SQLite then refuses to rename the rebuilt table under the fundings' triggers that name it
(schema.py)."""

from django.db import migrations, models

STATUS = models.CharField(
    choices=[("draft", "juodraštis"), ("published", "paskelbtas"), ("archived", "archyvuotas")],
    default="draft",
    max_length=16,
    verbose_name="būsena",
)
MODELS = ("project", "historicalproject")


def drop_status_indexes(apps, schema_editor):
    connection = schema_editor.connection
    for name in MODELS:
        table = apps.get_model("projects", name)._meta.db_table
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, table)
        for index, info in constraints.items():
            if info["columns"] == ["status"] and info["index"] and not info["unique"]:
                schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(index)}")


def create_status_indexes(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("projects", name)
        field = model._meta.get_field("status")
        schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))
        if schema_editor.connection.vendor == "postgresql":
            # The varchar_pattern_ops index Django adds beside it on PostgreSQL.
            schema_editor.execute(schema_editor._create_like_index_sql(model, field))


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0014_folded_text"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(model_name=name, name="status", field=STATUS)
                for name in MODELS
            ],
            database_operations=[
                migrations.RunPython(drop_status_indexes, create_status_indexes, elidable=False)
            ],
        ),
    ]
