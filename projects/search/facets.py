"""The total and every facet's counts for one search, in one SQL statement.

The text match (the costly part) is evaluated once, into the `matched` CTE: one row per
matching project with its implementer, its facet keys (the ids of its funders and of its
programmes as text, kept by triggers: see schema.py), its period's years, and a 0/1 pass_
column per filter set. The statement groups those rows (by the pair of facet keys, by
implementer, by years), and Python adds up the groups: a funder key such as "3,12" counts for
funder 3 and for funder 12. A few hundred groups replace a join of every match to its
fundings, which cost most of a common word's search.

A facet applies every filter but its own, so its counts say what choosing that value would
give: with two filters or more only the matches failing at most one are needed. On PostgreSQL
they are asked of the keyed index in one tsquery with the words (schema.KEYED: the filters'
values are keys of each project); on SQLite the filters' conditions join the FTS5 match. The
same way, a caller may count only a sample of the registry (estimates.py). PostgreSQL makes
every group in one pass (GROUPING SETS). For a word search with at most one filter and no
sample it groups straight from the index scan and finds the first ids in a second, short scan
(materializing 93 000 matches of a common word for them cost ~25 ms of ~95); otherwise (rows
chosen by two filters or more, a sample, or exact mode, whose text test is costly) the rows
are materialized once in a CTE that both read. SQLite, which has no GROUPING SETS, runs one
grouped SELECT per set over the CTE, so FTS5 is asked once. A project counts in every year its
period touches.
"""

import contextlib
import contextvars
import datetime
import itertools
from collections import defaultdict
from dataclasses import dataclass

from django.db import connections
from django.db.models import IntegerField, TextField

from projects.search import text_filtered, within
from projects.search.expressions import ProjectSQL
from projects.search.schema import (
    FACET_KEY_COLUMNS,
    YEAR_CODE,
    key_lexeme,
    year_code_sql,
)

# The groups the statement counts: each set's key columns. The funder and programme facets
# share one set (a few hundred distinct pairs of keys), which also groups by the filters'
# pass_ columns (at most doubling its groups per filter set), so that Python can apply to each
# of the two facets every filter but its own, and to the total every filter. The organization
# and year sets each serve one facet: their key is NULL on a row failing another filter than
# the facet's own (_keyed()), so such rows make one group, not one per organization (a phrase
# with a funder and a year: 7 500 groups of 10 000 rows, ~15 ms to make and add up).
SETS = {
    "funding": FACET_KEY_COLUMNS,
    "organization": ("organization_key",),
    "year": ("year_key",),
}
KEY_COLUMNS = (*FACET_KEY_COLUMNS, "organization_key", "year_key")
# A facet with many values shows the biggest: of the organizations (thousands for a common
# word), only so many are counted out of the statement (Python adding up thousands of groups
# cost ~5 ms); programmes share the funders' groups and are picked in Python.
FACET_LIMIT = 15
# A row's set, as PostgreSQL's GROUPING() of the first key column of each set gives it (a bit
# set for each of those the set does not group by); SQLite's SELECTs say the same.
SET_MASKS = {"funding": 0b011, "organization": 0b101, "year": 0b110}
ID_ROW = -1


def placeholders(values):
    """One `%s` per value, comma-separated: the inside of `IN (…)`."""
    return ", ".join(["%s"] * len(values))


# Within one search (slugs_resolved_once()), {(model, slugs): ids}: its counts, sample, total
# and page each turn the filters' slugs into ids, which asked the database up to four times.
_resolved = contextvars.ContextVar("resolved_slugs", default=None)


@contextlib.contextmanager
def slugs_resolved_once():
    """Within the block, each filter's slugs are looked up once (_ids())."""
    token = _resolved.set({})
    try:
        yield
    finally:
        _resolved.reset(token)


def _ids(model, slugs):
    resolved = _resolved.get()
    key = (model, tuple(slugs))
    if resolved is not None and key in resolved:
        return resolved[key]
    ids = list(model.objects.filter(slug__in=slugs).values_list("id", flat=True))
    if resolved is not None:
        resolved[key] = ids
    return ids


@dataclass(frozen=True)
class Condition:
    """A filter on the project row m, twice: `test` (sql, params) cheap to evaluate on each
    matched row, for its pass_ column; and for choosing the rows, on PostgreSQL `keys`, the
    same condition as a tsquery of the row's keys (schema.key_lexeme(); the keyed index
    answers it with the words), on SQLite `lookup`, the test again."""

    test: tuple
    lookup: tuple = None
    keys: str = None


# No project has this key: a filter whose value names nothing.
NO_KEY = "'~none'"
NOTHING = Condition(("1 = 0", []), ("1 = 0", []), NO_KEY)


def _any_key(kind, values):
    return "(" + " | ".join(key_lexeme(kind, value) for value in values) + ")"


def _key_holds(column, kind, ids, vendor, row="m"):
    """The facet key `column` of row `row` holds one of `ids`."""
    if not ids:
        return NOTHING
    sql = " OR ".join(f"(',' || {row}.{column} || ',') LIKE %s" for _ in ids)
    test = (f"({sql})", [f"%,{pk},%" for pk in ids])
    if vendor != "postgresql":
        return Condition(test, lookup=test)
    return Condition(test, keys=_any_key(kind, ids))


def _years_touch(years, connection, row="m"):
    """The period of row `row` touches one of `years`."""
    if connection.vendor == "postgresql":
        # The stored year code's two halves: arithmetic, where the function the index is
        # built on (an array of every year) cost ~2 µs a row.
        sql = " OR ".join(
            f"({row}.facet_years / {YEAR_CODE} <= %s AND mod({row}.facet_years, {YEAR_CODE}) >= %s)"
            for _ in years
        )
        test = (f"({sql})", [value for year in years for value in (year, year)])
        return Condition(test, keys=_any_key("year", years))
    adapt = connection.ops.adapt_datefield_value
    parts, params = [], []
    for year in years:
        parts.append(
            f"({row}.start_date <= %s AND coalesce({row}.end_date, {row}.start_date) >= %s)"
        )
        params += [adapt(datetime.date(year, 12, 31)), adapt(datetime.date(year, 1, 1))]
    test = ("(" + " OR ".join(parts) + ")", params)
    return Condition(test, lookup=test)


def _filter_conditions(criteria, connection, row="m"):
    """{filter name: Condition} for the filters set in `criteria`, on the project row `row`.

    The slugs are turned into ids first (a few rows), so each match is tested against
    constants."""
    from organizations.models import Organization
    from projects.models import FundingProgramme

    vendor = connection.vendor
    conditions = {}
    if criteria.funders:
        ids = _ids(Organization, criteria.funders)
        conditions["funder"] = _key_holds("facet_funders", "funder", ids, vendor, row)
    if criteria.programme:
        ids = _ids(FundingProgramme, [criteria.programme])
        conditions["programme"] = _key_holds("facet_programmes", "programme", ids, vendor, row)
    if criteria.organization:
        ids = _ids(Organization, [criteria.organization])
        if ids:
            test = (f"{row}.implementer_id IN ({placeholders(ids)})", ids)
            keys = _any_key("organization", ids)
            conditions["organization"] = Condition(test, lookup=test, keys=keys)
        else:
            conditions["organization"] = NOTHING
    if criteria.years:
        conditions["year"] = _years_touch(criteria.years, connection, row)
    return conditions


def filter_tests(criteria, connection):
    """(sql, params): the project row `{table}` passes the funder, programme and organization
    filters of `criteria`, tested on the row's own columns (PostgreSQL), or None when none is
    set. (The years are apply_filters()' condition on the dates.)"""
    conditions = _filter_conditions(criteria, connection, row="{table}")
    chosen = [condition for name, condition in conditions.items() if name != "year"]
    if not chosen:
        return None
    sql = " AND ".join(condition.test[0] for condition in chosen)
    return sql, [param for condition in chosen for param in condition.test[1]]


def filter_keys(criteria, connection):
    """The filters of `criteria` as one tsquery of keys, all required (PostgreSQL)."""
    conditions = _filter_conditions(criteria, connection)
    return _keys_passing_at_least(conditions, len(conditions))


def _passing_at_least(conditions, needed):
    """(sql, params): the row passes at least `needed` of `conditions` (any `needed` of their
    lookups ANDed, ORed), on SQLite."""
    groups, params = [], []
    for combination in itertools.combinations(conditions.values(), needed):
        groups.append("(" + " AND ".join(condition.lookup[0] for condition in combination) + ")")
        for condition in combination:
            params += condition.lookup[1]
    return "(" + " OR ".join(groups) + ")", params


def _keys_passing_at_least(conditions, needed):
    """The same as a tsquery of keys, on PostgreSQL."""
    return " | ".join(
        "(" + " & ".join(condition.keys for condition in combination) + ")"
        for combination in itertools.combinations(conditions.values(), needed)
    )


def _chosen(queryset, criteria, conditions, needed, sample, vendor, scan=None):
    """(queryset, passing): the rows to count, the text's matches in `queryset` that pass at
    least `needed` of the filters' `conditions` (and lie in the first `sample` sample buckets
    unless None); `passing` is a further condition on them (sql, params) or None. `scan`:
    within()'s.

    On PostgreSQL one tsquery asks the keyed index for the words, the filters and the sample
    (schema.KEYED); SQLite ANDs the filters' conditions with its FTS5 match."""
    if vendor == "postgresql":
        keys = _keys_passing_at_least(conditions, needed) if needed else None
        if keys or sample is not None:
            return within(queryset, criteria, buckets=sample, keys=keys, scan=scan), None
        # Exact mode asks each field's trigram index in a subquery of its own (see
        # postgres.exact_condition).
        return text_filtered(queryset, criteria, direct=not criteria.exact), None
    passing = _passing_at_least(conditions, needed) if needed else None
    if sample is not None:
        return within(queryset, criteria, buckets=sample), passing
    return text_filtered(queryset, criteria), passing


def _matched(text_matched, conditions, passing, vendor):
    """(sql, params) of the matched rows with their keys and a pass_<filter> column (0/1) per
    filter; `passing`: a further condition (sql, params) on them, or None."""
    # PostgreSQL stores each row's year code (schema.py); computing it for every match took
    # a quarter of a common word's facet statement. SQLite computes it.
    stored = {"facet_years": "{table}.facet_years"} if vendor == "postgresql" else {}
    base = text_matched.order_by().annotate(
        **{
            column: ProjectSQL(f"{{table}}.{column}", [], output_field=TextField())
            for column in FACET_KEY_COLUMNS
        },
        **{
            column: ProjectSQL(sql, [], output_field=IntegerField())
            for column, sql in stored.items()
        },
    )
    base_sql, base_params = base.values(
        "id", "implementer_id", "start_date", "end_date", *FACET_KEY_COLUMNS, *stored
    ).query.sql_with_params()
    year_code = "m.facet_years" if stored else year_code_sql(vendor, "m")
    columns = [
        "m.id",
        "m.implementer_id",
        *(f"m.{column}" for column in FACET_KEY_COLUMNS),
        f"{year_code} AS year_code",
    ]
    params = []  # in the statement's order: the filter columns' first, then the base query's
    for name, condition in conditions.items():
        sql, condition_params = condition.test
        columns.append(f"CASE WHEN {sql} THEN 1 ELSE 0 END AS pass_{name}")
        params += condition_params
    params += base_params
    sql = f"SELECT {', '.join(columns)} FROM ({base_sql}) m"
    if passing is not None:
        sql += f" WHERE {passing[0]}"
        params += passing[1]
    return sql, params


def _keyed(filters, source):
    """`source`'s rows with the organization and year sets' keys: the row's implementer and
    year code where it passes every filter but the facet's own, else NULL."""

    def key(column, facet):
        others = [f"pass_{name} = 1" for name in filters if name != facet]
        if not others:
            return column
        return f"CASE WHEN {' AND '.join(others)} THEN {column} END"

    return (
        f"(SELECT *, {key('implementer_id', 'organization')} AS organization_key,"
        f" {key('year_code', 'year')} AS year_key FROM {source}) AS keyed"
    )


def _grouped_sql(filters, vendor, with_facets, source):
    """(ctes, select): the common table expressions and the SELECT(s) over the matched rows
    (`source`: a CTE's name or a subquery) giving rows (set, four keys, pass_ columns,
    count)."""
    passes = [f"pass_{name}" for name in filters]
    if not with_facets:
        sql = f"SELECT {SET_MASKS['funding']}, {', '.join(['NULL'] * len(KEY_COLUMNS))}"
        sql += "".join(f", {column}" for column in passes) + f", count(*) FROM {source}"
        return [], sql + (f" GROUP BY {', '.join(passes)}" if passes else "")
    source = _keyed(filters, source)
    # Only the funding set needs the pass_ columns (see SETS).
    sets = {name: list(keys) + (passes if name == "funding" else []) for name, keys in SETS.items()}
    biggest = "organization_key IS NULL, {count} DESC, organization_key"
    organizations = SET_MASKS["organization"]
    if vendor == "postgresql":
        grouping = ", ".join("(" + ", ".join(keys) + ")" for keys in sets.values())
        mask = f"GROUPING({', '.join(keys[0] for keys in SETS.values())})"
        grouped = (
            f"grouped AS (SELECT {mask} AS grouping_set,"
            f" {', '.join([*KEY_COLUMNS, *passes])}, count(*) AS counted"
            f" FROM {source} GROUP BY GROUPING SETS ({grouping}))"
        )
        select = (
            f"SELECT * FROM grouped WHERE grouping_set <> {organizations}\nUNION ALL\n"
            f"(SELECT * FROM grouped WHERE grouping_set = {organizations}"
            f" ORDER BY {biggest.format(count='counted')} LIMIT {FACET_LIMIT})"
        )
        return [grouped], select
    selects = []
    for name, keys in sets.items():
        columns = [column if column in keys else "NULL" for column in (*KEY_COLUMNS, *passes)]
        selected = ", ".join([str(SET_MASKS[name]), *columns, "count(*)"])
        sql = f"SELECT {selected} FROM {source} GROUP BY {', '.join(keys)}"
        if name == "organization":
            order = biggest.format(count="count(*)")
            sql = f"SELECT * FROM ({sql} ORDER BY {order} LIMIT {FACET_LIMIT})"
        selects.append(sql)
    return [], "\nUNION ALL\n".join(selects)


def _id_rows(source, filters, id_limit):
    """The SELECT of up to `id_limit` ids of rows of `source` passing every filter, in the
    grouped rows' columns (the id in the organization key's place)."""
    keys = ["m.id" if key == "organization_key" else "NULL" for key in KEY_COLUMNS]
    passing = " AND ".join(f"m.pass_{name} = 1" for name in filters) or "1 = 1"
    return (
        f"SELECT {ID_ROW}, {', '.join(keys + ['NULL'] * len(filters))}, 0"
        f" FROM (SELECT * FROM {source} m WHERE {passing} LIMIT %s) AS m"
    )


@dataclass(frozen=True)
class Counts:
    """What counts() found. `total`: the projects matching everything; `facets`: {facet:
    [(value id or year, count)]}, of the organizations the FACET_LIMIT biggest (ties: the
    smaller id first); `ids`: up to `id_limit` of the matches (an arbitrary
    subset when more match); `rows`: the rows the statement counted (the matches failing at
    most one filter when facets are counted), what counting them all again would cost."""

    total: int
    facets: dict
    ids: list
    rows: int


def counts(queryset, criteria, *, id_limit=0, with_facets=True, sample=None, scan=None):
    """Counts of the projects of `queryset` matching `criteria`.

    `ids` spare the shown page evaluating the text query again. `with_facets=False` gives the
    total and the ids only. `sample`: count only the projects in the first `sample` buckets
    (schema.SAMPLE_BUCKET; see estimates.py). `scan`: in exact mode on PostgreSQL, test the
    phrase on each row the filters' keys choose (postgres.within_condition).
    """
    connection = connections[queryset.db]
    vendor = connection.vendor
    conditions = _filter_conditions(criteria, connection)
    filters = list(conditions)
    # Every count needs only the matches that fail at most one filter (a facet applies every
    # filter but its own; the total and ids, every filter): leave the others out at once.
    needed = max(len(filters) - 1, 0) if with_facets else len(filters)
    chosen_by_filters = needed > 0
    text_matched, passing = _chosen(queryset, criteria, conditions, needed, sample, vendor, scan)
    matched_sql, matched_params = _matched(text_matched, conditions, passing, vendor)
    # (A sample's few thousand rows cost little to materialize; read twice, its
    # condition would be tested row by row to find the first ids.)
    if vendor == "postgresql" and not chosen_by_filters and not criteria.exact and sample is None:
        ctes, statement = _grouped_sql(filters, vendor, with_facets, f"({matched_sql}) AS matched")
        params = list(matched_params)
        if id_limit:
            # The first ids, of the rows passing every filter: the keyed index finds them.
            passing_sql, passing_params = matched_sql, matched_params
            if needed < len(filters):
                every, every_passing = _chosen(
                    queryset, criteria, conditions, len(filters), None, vendor
                )
                passing_sql, passing_params = _matched(every, conditions, every_passing, vendor)
            statement += "\nUNION ALL\n" + _id_rows(f"({passing_sql})", filters, id_limit)
            params += [*passing_params, id_limit]
    else:
        ctes, statement = _grouped_sql(filters, vendor, with_facets, "matched")
        ctes.insert(0, f"matched AS MATERIALIZED ({matched_sql})")
        params = list(matched_params)
        if id_limit:
            statement += "\nUNION ALL\n" + _id_rows("matched", filters, id_limit)
            params.append(id_limit)
    if ctes:
        statement = f"WITH {', '.join(ctes)}\n{statement}"
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    return _tally(rows, filters)


def _tally(rows, filters):
    """Counts from the statement's rows. A row counts for a facet when it passes every filter
    but the facet's own; for the total when it passes them all."""
    total, counted, ids = 0, 0, []
    funders, programmes = defaultdict(int), defaultdict(int)
    organizations, year_codes = defaultdict(int), defaultdict(int)
    # A common word gives thousands of rows but few distinct pass_ combinations and keys.
    failed_by_passes, ids_by_key = {}, {}

    def key_ids(key):
        if key not in ids_by_key:
            ids_by_key[key] = [int(pk) for pk in key.split(",")]
        return ids_by_key[key]

    for mask, funder_key, programme_key, implementer, year_code, *passes, count in rows:
        if mask == ID_ROW:
            ids.append(implementer)
            continue
        if mask == SET_MASKS["organization"]:
            # The key is NULL on rows failing another filter (_keyed()).
            if implementer is not None:
                organizations[implementer] += count
            continue
        if mask == SET_MASKS["year"]:
            if year_code is not None:
                year_codes[year_code] += count
            continue
        passes = tuple(passes)
        failed = failed_by_passes.get(passes)
        if failed is None:
            failed = failed_by_passes[passes] = frozenset(
                name for name, passed in zip(filters, passes, strict=True) if passed != 1
            )
        if mask == SET_MASKS["funding"]:
            counted += count
            if not failed:
                total += count
            if funder_key is not None and failed <= {"funder"}:
                for pk in key_ids(funder_key):
                    funders[pk] += count
            if programme_key is not None and failed <= {"programme"}:
                for pk in key_ids(programme_key):
                    programmes[pk] += count
    first_years, last_years = defaultdict(int), defaultdict(int)
    for code, count in year_codes.items():
        first_years[code // YEAR_CODE] += count
        last_years[code % YEAR_CODE] += count
    facets = {
        "funder": list(funders.items()),
        "programme": list(programmes.items()),
        "organization": list(organizations.items()),
        "year": _years_touched(list(first_years.items()), list(last_years.items())),
    }
    return Counts(total, facets, ids, counted)


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
