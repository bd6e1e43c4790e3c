"""The total and every facet's counts for one search, in one SQL statement.

The text match (the costly part) is evaluated once, into the `matched` CTE; the total and
each facet (one grouped SELECT per facet, joined by UNION ALL) then apply the filters to it.
A facet applies every filter but its own, so its counts say what choosing that value would
give. A project counts in every year its period touches.
"""

import datetime
from collections import defaultdict

from django.db import connections

# (first year, last year) of a period as one number: first * YEAR_CODE + last.
YEAR_CODE = 10000

# The calendar year of a date column, per vendor. (PostgreSQL's date_part gives a float, much
# cheaper over every match than extract's numeric.)
YEAR_OF = {
    "postgresql": "date_part('year', {column})::int",
    "sqlite": "CAST(substr({column}, 1, 4) AS integer)",
}


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def _filter_clauses(criteria, connection, *, fundings="funded"):
    """{filter name: (sql on alias m, params)} for the filters set in `criteria`.

    `fundings`: "funded" reads the fundings of the matched projects (the CTE below); any
    other value reads the fundings table itself (before `funded` exists)."""
    adapt = connection.ops.adapt_datefield_value
    if fundings == "funded":
        # `funded` holds every funding of every matched project: no need to read them again.
        source = "SELECT fx.id FROM funded fx"
    else:
        source = "SELECT fx.project_id FROM projects_funding fx"
    clauses = {}
    if criteria.funders:
        clauses["funder"] = (
            f"m.id IN ({source} WHERE fx.funder_id IN"
            " (SELECT o.id FROM organizations_organization o"
            f" WHERE o.slug IN ({_placeholders(criteria.funders)})))",
            list(criteria.funders),
        )
    if criteria.programme:
        clauses["programme"] = (
            f"m.id IN ({source} WHERE fx.programme_id IN"
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
    # Every count below needs only the matches that fail at most one filter (a facet applies
    # every filter but its own; the total and ids, every filter): leave the others out at
    # once, so a filtered search does not carry every text match through the facets.
    needed = len(clauses) - 1 if with_facets else len(clauses)
    if needed > 0:
        early = _filter_clauses(criteria, connection, fundings="table")
        satisfied = " + ".join(f"(CASE WHEN {sql} THEN 1 ELSE 0 END)" for sql, _ in early.values())
        base_sql = f"SELECT * FROM ({base_sql}) m WHERE {satisfied} >= %s"
        params += [param for _, values in early.values() for param in values] + [needed]
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
        # the number of periods starting by Y minus those ended before Y. One pass counts the
        # (first year, last year) pairs, coded as one number; Python sums both histograms.
        where, where_params = _where(clauses, "year", ["m.start_date IS NOT NULL"])
        first_year = YEAR_OF[vendor].format(column="m.start_date")
        last_year = YEAR_OF[vendor].format(column="coalesce(m.end_date, m.start_date)")
        selects.append(
            f"SELECT 'years', {first_year} * {YEAR_CODE} + {last_year}, count(*)"
            f" FROM matched m{where} GROUP BY 2"
        )
        params += where_params

    statement = sql[0] + "\n" + "\nUNION ALL\n".join(selects)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    total, ids = 0, []
    facets = {"funder": [], "programme": [], "organization": [], "years": []}
    for facet, value, count in rows:
        if facet == "total":
            total = count
        elif facet == "id":
            ids.append(value)
        else:
            facets[facet].append((value, count))
    first_years, last_years = defaultdict(int), defaultdict(int)
    for code, count in facets.pop("years"):
        first_years[code // YEAR_CODE] += count
        last_years[code % YEAR_CODE] += count
    facets["year"] = _years_touched(list(first_years.items()), list(last_years.items()))
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
