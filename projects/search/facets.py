"""The total and every facet's counts for one search, in one SQL statement.

The text match (the costly part) is evaluated once, into the `matched` CTE; the total and
each facet (one grouped SELECT per facet, joined by UNION ALL) then apply the filters to it.
A facet applies every filter but its own, so its counts say what choosing that value would
give. A project counts in every year its period touches.
"""

import datetime

from django.db import connections

# The calendar year of a date column, per vendor.
YEAR_OF = {
    "postgresql": "extract(year FROM {column})::int",
    "sqlite": "CAST(substr({column}, 1, 4) AS integer)",
}


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def _filter_clauses(criteria, connection):
    """{filter name: (sql on alias m, params)} for the filters set in `criteria`."""
    adapt = connection.ops.adapt_datefield_value
    clauses = {}
    if criteria.funders:
        # `funded` holds every funding of every matched project: no need to read them again.
        clauses["funder"] = (
            "m.id IN (SELECT fx.id FROM funded fx WHERE fx.funder_id IN"
            " (SELECT o.id FROM organizations_organization o"
            f" WHERE o.slug IN ({_placeholders(criteria.funders)})))",
            list(criteria.funders),
        )
    if criteria.programme:
        clauses["programme"] = (
            "m.id IN (SELECT fx.id FROM funded fx WHERE fx.programme_id IN"
            " (SELECT p.id FROM projects_fundingprogramme p WHERE p.slug = %s))",
            [criteria.programme],
        )
    if criteria.organization:
        clauses["organization"] = (
            "m.implementer_id IN (SELECT o.id FROM organizations_organization o WHERE o.slug = %s)",
            [criteria.organization],
        )
    if criteria.years:
        parts, params = [], []
        for year in criteria.years:
            parts.append("(m.start_date <= %s AND coalesce(m.end_date, m.start_date) >= %s)")
            params += [adapt(datetime.date(year, 12, 31)), adapt(datetime.date(year, 1, 1))]
        clauses["year"] = ("(" + " OR ".join(parts) + ")", params)
    return clauses


def _where(clauses, skip=None, extra=()):
    sql = [clause for name, (clause, _) in clauses.items() if name != skip] + list(extra)
    params = [param for name, (_, values) in clauses.items() if name != skip for param in values]
    return (" WHERE " + " AND ".join(sql)) if sql else "", params


def counts(text_matched, criteria, *, id_limit=0, with_facets=True):
    """(total, {facet: [(value id or year, count)]}, ids) for the projects of `text_matched`.

    `text_matched` is the queryset already narrowed by the text query (not by the filters).
    `ids`: up to `id_limit` ids of the projects matching everything (an arbitrary subset
    when more match), so the shown page need not evaluate the text query again.
    `with_facets=False` gives the total and the ids only.
    """
    connection = connections[text_matched.db]
    vendor = connection.vendor
    base_sql, base_params = (
        text_matched.order_by()
        .values("id", "implementer_id", "start_date", "end_date")
        .query.sql_with_params()
    )
    clauses = _filter_clauses(criteria, connection)
    params = list(base_params)
    sql = [
        f"WITH matched AS MATERIALIZED ({base_sql}),"
        # One row per funding of a matched project, with the project's columns, so the
        # funder and programme facets filter and group it without joining again.
        " funded AS MATERIALIZED (SELECT m.id, m.implementer_id, m.start_date, m.end_date,"
        " f.funder_id, f.programme_id FROM matched m"
        " JOIN projects_funding f ON f.project_id = m.id)"
    ]
    selects = []

    where, where_params = _where(clauses)
    selects.append(f"SELECT 'total', 0, count(*) FROM matched m{where}")
    params += where_params
    if id_limit:
        selects.append(
            f"SELECT 'id', matching.id, 0 FROM (SELECT m.id FROM matched m{where}"
            " LIMIT %s) AS matching"
        )
        params += where_params + [id_limit]

    if with_facets:
        where, where_params = _where(clauses, "funder")
        selects.append(
            f"SELECT 'funder', m.funder_id, count(DISTINCT m.id) FROM funded m{where}"
            " GROUP BY m.funder_id"
        )
        params += where_params

        where, where_params = _where(clauses, "programme", ["m.programme_id IS NOT NULL"])
        selects.append(
            f"SELECT 'programme', m.programme_id, count(DISTINCT m.id) FROM funded m{where}"
            " GROUP BY m.programme_id"
        )
        params += where_params

        where, where_params = _where(clauses, "organization")
        selects.append(
            f"SELECT 'organization', m.implementer_id, count(*) FROM matched m{where}"
            " GROUP BY m.implementer_id"
        )
        params += where_params

        # A project counts in every year from its first to its last: the count for year Y is
        # the number of periods starting by Y minus those ended before Y (two histograms).
        where, where_params = _where(clauses, "year", ["m.start_date IS NOT NULL"])
        first_year = YEAR_OF[vendor].format(column="m.start_date")
        last_year = YEAR_OF[vendor].format(column="coalesce(m.end_date, m.start_date)")
        selects.append(
            f"SELECT 'year_first', {first_year}, count(*) FROM matched m{where} GROUP BY 2"
        )
        params += where_params
        selects.append(
            f"SELECT 'year_last', {last_year}, count(*) FROM matched m{where} GROUP BY 2"
        )
        params += where_params

    statement = sql[0] + "\n" + "\nUNION ALL\n".join(selects)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    total, ids = 0, []
    facets = {"funder": [], "programme": [], "organization": [], "year_first": [], "year_last": []}
    for facet, value, count in rows:
        if facet == "total":
            total = count
        elif facet == "id":
            ids.append(value)
        else:
            facets[facet].append((value, count))
    facets["year"] = _years_touched(facets.pop("year_first"), facets.pop("year_last"))
    return total, facets, ids


def _years_touched(first_years, last_years):
    """[(year, count)] of periods touching each year, from (first year, count) and (last year,
    count) histograms: started by the year minus ended before it."""
    if not first_years:
        return []
    started = dict(first_years)
    ended = dict(last_years)
    running, touched = 0, []
    for year in range(min(started), max(ended) + 1):
        running += started.get(year, 0)
        if running:
            touched.append((year, running))
        running -= ended.get(year, 0)
    return touched
