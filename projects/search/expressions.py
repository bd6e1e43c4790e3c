"""SQL fragments about a project row that follow the row's alias in any query.

A fragment names the project table as `{table}`; it is filled in at compile time with the
alias Django gives the table in that query, so the same filter works at the top level and
inside a subquery (where Django renames tables to U0, U1…).
"""

from django.db.models import BooleanField, Expression


class ProjectSQL(Expression):
    def __init__(self, template, params, output_field=None):
        super().__init__(output_field=output_field or BooleanField())
        self.template = template
        self.params = list(params)

    def __repr__(self):
        return f"{self.__class__.__name__}({self.template!r}, {self.params!r})"

    @property
    def conditional(self):
        return isinstance(self.output_field, BooleanField)

    def as_sql(self, compiler, connection):
        alias = compiler.query.base_table
        return self.template.format(table=compiler.quote_name_unless_alias(alias)), self.params

    def get_group_by_cols(self):
        return [self]
