"""The search index's database objects, created by migration 0002 for the connection's vendor.

PostgreSQL: a `lithuanian_unaccent` text search configuration (unaccent, then the lithuanian
snowball stemmer), a stored generated tsvector column `search_vector` on projects_project
(title weight A, excerpt B, content C) with a GIN index, and for exact matching stored
lowercased copies of the three text columns with trigram GIN indexes (migration 0014; 0002
indexed the columns themselves).

SQLite: an FTS5 table `projects_search` (rowid = project id) whose indexed columns hold the
Python-analysed terms of title, excerpt and content, and whose unindexed `*_exact` columns hold
the casefolded text for exact matching (SQLite's LIKE folds ASCII only).
"""

from django.db import migrations

from projects.money import LTL_PER_EUR

TS_CONFIG = "lithuanian_unaccent"
FTS_TABLE = "projects_search"

# A project's weighted tsvector: title A, excerpt B, content C.
SEARCH_VECTOR = f"""
  setweight(to_tsvector('{TS_CONFIG}'::regconfig, coalesce(title, '')), 'A')
  || setweight(to_tsvector('{TS_CONFIG}'::regconfig, coalesce(excerpt, '')), 'B')
  || setweight(to_tsvector('{TS_CONFIG}'::regconfig, coalesce(content, '')), 'C')
"""

TRIGRAM_INDEX = (
    "CREATE INDEX projects_project_{column}_trgm_idx ON projects_project"
    " USING gin ({column} gin_trgm_ops)"
)

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{TS_CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {TS_CONFIG} (COPY = lithuanian);
        ALTER TEXT SEARCH CONFIGURATION {TS_CONFIG}
          ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
          WITH unaccent, lithuanian_stem;
      END IF;
    END $$
    """,
    f"ALTER TABLE projects_project ADD COLUMN search_vector tsvector"
    f" GENERATED ALWAYS AS ({SEARCH_VECTOR}) STORED",
    "CREATE INDEX projects_project_search_idx ON projects_project USING gin (search_vector)",
    # Long values (content, excerpt, the tsvector) are stored out of line, so the heap holds
    # short rows: a bitmap scan of the GIN index then reads few pages to count matches.
    "ALTER TABLE projects_project SET (toast_tuple_target = 128)",
    *(TRIGRAM_INDEX.format(column=column) for column in ("title", "excerpt", "content")),
]

POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS projects_project_content_trgm_idx",
    "DROP INDEX IF EXISTS projects_project_excerpt_trgm_idx",
    "DROP INDEX IF EXISTS projects_project_title_trgm_idx",
    "ALTER TABLE projects_project RESET (toast_tuple_target)",
    "ALTER TABLE projects_project DROP COLUMN IF EXISTS search_vector",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {TS_CONFIG}",
]

# Exact matching (migration 0014) tests a lowercased copy of each field, stored, with LIKE on
# the lowercased phrase: a byte-wise search, where `~*` on the field itself ran the regular
# expression engine over every character of every candidate (the content of 1 561 projects:
# ~21 µs each with `~*`, ~10 µs with LIKE, most of which is reading the text from TOAST).
# The trigram indexes that name candidates move to the copies; the title's own stays, for
# spelling suggestions (postgres.spelling_candidates). The copies of the title and the excerpt
# (~50 and ~200 bytes) stay in the row (storage MAIN), so that only the content is read from
# TOAST: each value read from there cost ~5 µs, more than testing it (the sample of exact mode
# at 100 000 projects, 1 561 projects: 34 → 20 ms; each row grows by the two, ~250 bytes).
FOLDED = "{field}_folded"
FOLDED_FIELDS = ("title", "excerpt", "content")
FOLDED_IN_ROW = ("title", "excerpt")

POSTGRES_FOLDED_FORWARD = [
    # One statement, one rewrite of the table, with the storage already set.
    "ALTER TABLE projects_project "
    + ", ".join(
        [
            f"ADD COLUMN {FOLDED.format(field=field)} text"
            f" GENERATED ALWAYS AS (lower({field})) STORED"
            for field in FOLDED_FIELDS
        ]
        + [f"ALTER COLUMN {FOLDED.format(field=field)} SET STORAGE MAIN" for field in FOLDED_IN_ROW]
    ),
    *(TRIGRAM_INDEX.format(column=FOLDED.format(field=field)) for field in FOLDED_FIELDS),
    "DROP INDEX IF EXISTS projects_project_excerpt_trgm_idx",
    "DROP INDEX IF EXISTS projects_project_content_trgm_idx",
]

POSTGRES_FOLDED_BACKWARD = [
    *(TRIGRAM_INDEX.format(column=field) for field in ("excerpt", "content")),
    "ALTER TABLE projects_project "
    + ", ".join(f"DROP COLUMN IF EXISTS {FOLDED.format(field=field)}" for field in FOLDED_FIELDS),
]

SQLITE_FORWARD = [
    f"""
    CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
      title, excerpt, content,
      title_exact UNINDEXED, excerpt_exact UNINDEXED, content_exact UNINDEXED,
      tokenize = 'unicode61'
    )
    """,
]

SQLITE_BACKWARD = [f"DROP TABLE IF EXISTS {FTS_TABLE}"]

# Facet keys: each project row carries the ids of its funders and of its programmes, as text
# ("3,12", NULL when none), kept by triggers on projects_funding. The search counts its funder
# and programme facets by grouping the matched project rows by these keys (a few dozen distinct
# values) instead of joining every match to its fundings, which cost most of a common word's
# search. Not model fields: Django never writes them, so a project saved from a stale instance
# cannot overwrite what the triggers keep.
FACET_KEY_COLUMNS = ("facet_funders", "facet_programmes")

# A project's keys, computed from its fundings: {project} is the SQL naming the project's id.
_KEY_OF = {
    "postgresql": "(SELECT string_agg(DISTINCT f.{source}::text, ',') FROM projects_funding f"
    " WHERE f.project_id = {project})",
    "sqlite": "(SELECT group_concat(DISTINCT f.{source}) FROM projects_funding f"
    " WHERE f.project_id = {project})",
}


def _set_keys(vendor, project):
    """The SET clause giving a project row its facet keys."""
    return ", ".join(
        f"{column} = " + _KEY_OF[vendor].format(source=source, project=project)
        for column, source in zip(FACET_KEY_COLUMNS, ("funder_id", "programme_id"), strict=True)
    )


# The function refreshing a project row from its fundings, and the fundings' trigger calling it:
# made by migration 0007, given the amount too by 0013 (and given back without it).
_REFRESH_FUNCTION = """
    CREATE OR REPLACE FUNCTION projects_project_refresh_facet_keys(project bigint) RETURNS void
    LANGUAGE sql AS $$
      UPDATE projects_project SET {assignments} WHERE id = project
    $$
    """
_FUNDING_TRIGGER = (
    "CREATE TRIGGER projects_funding_facet_keys"
    " AFTER INSERT OR DELETE OR UPDATE OF {columns} ON projects_funding"
    " FOR EACH ROW EXECUTE FUNCTION projects_funding_facet_keys()"
)

POSTGRES_FACET_KEYS_FORWARD = [
    "ALTER TABLE projects_project ADD COLUMN facet_funders text, ADD COLUMN facet_programmes text",
    _REFRESH_FUNCTION.format(assignments=_set_keys("postgresql", "project")),
    """
    CREATE FUNCTION projects_funding_facet_keys() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'DELETE' THEN
        PERFORM projects_project_refresh_facet_keys(NEW.project_id);
      END IF;
      IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.project_id <> NEW.project_id) THEN
        PERFORM projects_project_refresh_facet_keys(OLD.project_id);
      END IF;
      RETURN NULL;
    END $$
    """,
    _FUNDING_TRIGGER.format(columns="project_id, funder_id, programme_id"),
]

POSTGRES_FACET_KEYS_BACKWARD = [
    "DROP TRIGGER IF EXISTS projects_funding_facet_keys ON projects_funding",
    "DROP FUNCTION IF EXISTS projects_funding_facet_keys()",
    "DROP FUNCTION IF EXISTS projects_project_refresh_facet_keys(bigint)",
    "ALTER TABLE projects_project DROP COLUMN IF EXISTS facet_funders,"
    " DROP COLUMN IF EXISTS facet_programmes",
]

# Every project's keys from its fundings (after the columns are added, or to repair them).
REFRESH_FACET_KEYS = {
    vendor: f"UPDATE projects_project SET {_set_keys(vendor, 'projects_project.id')}"
    for vendor in _KEY_OF
}


def _sqlite_refresh(row):
    return f"UPDATE projects_project SET {_set_keys('sqlite', f'{row}.project_id')}" + (
        f" WHERE id = {row}.project_id;"
    )


# The amount sort's key (PostgreSQL; migration 0013): each project row also carries the sum
# of its fundings' stated amounts in euros (litas converted at the fixed rate), kept by the
# facet keys' trigger (one row update per funding written, as before), with an index in the
# sort's order on published projects. Summing every match's fundings to sort them took ~0.6 s
# for a common word at 100 000 projects; the index gives the first page from its first rows.
# SQLite sums in the query.
AMOUNT_COLUMN = "funding_amount"
_AMOUNT_OF = (
    f"(SELECT sum(CASE WHEN f.currency = 'LTL' THEN f.amount / {LTL_PER_EUR} ELSE f.amount END)"
    " FROM projects_funding f WHERE f.project_id = {project})"
)
# Every project's amount from its fundings (after the column is added, or to repair it).
_PROJECT_AMOUNT = _AMOUNT_OF.format(project="projects_project.id")
REFRESH_AMOUNT = (
    f"UPDATE projects_project SET {AMOUNT_COLUMN} = {_PROJECT_AMOUNT}"
    f" WHERE {AMOUNT_COLUMN} IS DISTINCT FROM {_PROJECT_AMOUNT}"
)

POSTGRES_AMOUNT_FORWARD = [
    f"ALTER TABLE projects_project ADD COLUMN {AMOUNT_COLUMN} numeric",
    _REFRESH_FUNCTION.format(
        assignments=f"{_set_keys('postgresql', 'project')},"
        f" {AMOUNT_COLUMN} = {_AMOUNT_OF.format(project='project')}"
    ),
    "DROP TRIGGER projects_funding_facet_keys ON projects_funding",
    _FUNDING_TRIGGER.format(columns="project_id, funder_id, programme_id, amount, currency"),
    REFRESH_AMOUNT,
]

POSTGRES_AMOUNT_BACKWARD = [
    "DROP TRIGGER projects_funding_facet_keys ON projects_funding",
    _FUNDING_TRIGGER.format(columns="project_id, funder_id, programme_id"),
    _REFRESH_FUNCTION.format(assignments=_set_keys("postgresql", "project")),
    f"ALTER TABLE projects_project DROP COLUMN IF EXISTS {AMOUNT_COLUMN}",
]


# SQLite: a table rebuilt by a later migration (Django's way to alter a column there) loses
# columns and triggers it does not know; the search tests' facet counts would then fail.
SQLITE_FACET_KEYS_FORWARD = [
    "ALTER TABLE projects_project ADD COLUMN facet_funders text",
    "ALTER TABLE projects_project ADD COLUMN facet_programmes text",
    "CREATE TRIGGER projects_funding_facet_keys_insert AFTER INSERT ON projects_funding"
    f" BEGIN {_sqlite_refresh('NEW')} END",
    "CREATE TRIGGER projects_funding_facet_keys_delete AFTER DELETE ON projects_funding"
    f" BEGIN {_sqlite_refresh('OLD')} END",
    "CREATE TRIGGER projects_funding_facet_keys_update"
    " AFTER UPDATE OF project_id, funder_id, programme_id ON projects_funding"
    f" BEGIN {_sqlite_refresh('OLD')} {_sqlite_refresh('NEW')} END",
]

SQLITE_FACET_KEYS_BACKWARD = [
    "DROP TRIGGER IF EXISTS projects_funding_facet_keys_insert",
    "DROP TRIGGER IF EXISTS projects_funding_facet_keys_delete",
    "DROP TRIGGER IF EXISTS projects_funding_facet_keys_update",
    "ALTER TABLE projects_project DROP COLUMN facet_programmes",
    "ALTER TABLE projects_project DROP COLUMN facet_funders",
]

# Phrase bigrams (PostgreSQL; migration 0008). A phrase query (`'a' <-> 'b'`) must read every
# candidate's positions, which the GIN index does not keep: for a phrase in 45 000 of 100 000
# projects that meant detoasting 45 000 tsvectors. So every pair of lexemes that stand side by
# side in `search_vector` (position p and p + 1, exactly what `<->` tests) is also kept as one
# lexeme "a b" in `search_bigrams`, a positionless tsvector with a GIN index of its own: a
# two-word phrase is then a single lexeme that the index answers with no recheck. Derived from
# search_vector's own positions, so it agrees with `<->` to the last detail (across the end of
# the title into the excerpt, positions capped at 16 383). The parser's lexemes hold no space, so a
# pair never collides with a word. Its own column keeps search_vector, which ranking reads
# for every candidate, as small as before.
POSTGRES_BIGRAMS_FORWARD = [
    """
    CREATE FUNCTION projects_search_bigrams(vector tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme)), '')
      FROM (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)) AS a
      JOIN (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)) AS b
        ON b.position = a.position + 1
    $$
    """,
    f"ALTER TABLE projects_project ADD COLUMN search_bigrams tsvector"
    f" GENERATED ALWAYS AS (projects_search_bigrams({SEARCH_VECTOR})) STORED",
    "CREATE INDEX projects_project_search_bigrams_idx ON projects_project"
    " USING gin (search_bigrams)",
]

POSTGRES_BIGRAMS_BACKWARD = [
    "ALTER TABLE projects_project DROP COLUMN IF EXISTS search_bigrams",
    "DROP FUNCTION IF EXISTS projects_search_bigrams(tsvector)",
]

# (first year, last year) of a period as one number: first * YEAR_CODE + last.
YEAR_CODE = 10000

# The calendar year of a date column, per vendor. (PostgreSQL's date_part gives a float, much
# cheaper than extract's numeric.)
YEAR_OF = {
    "postgresql": "date_part('year', {column})::int",
    "sqlite": "CAST(substr({column}, 1, 4) AS integer)",
}


def year_code_sql(vendor, row=None):
    """SQL giving the year code of the project row `row` (the row itself when None): NULL
    without a start date, and a period without an end counts in its first year only."""
    start, end = (f"{row}.start_date", f"{row}.end_date") if row else ("start_date", "end_date")
    first = YEAR_OF[vendor].format(column=start)
    last = YEAR_OF[vendor].format(column=f"coalesce({end}, {start})")
    return f"{first} * {YEAR_CODE} + {last}"


# The year facet's key (PostgreSQL; migration 0009): each row's year code, generated from its
# dates, so a search reads it rather than computing two date_part() per match (a quarter of a
# common word's facet statement). SQLite computes it in the query.
POSTGRES_FACET_YEARS_FORWARD = [
    "ALTER TABLE projects_project ADD COLUMN facet_years integer"
    f" GENERATED ALWAYS AS ({year_code_sql('postgresql')}) STORED",
]

POSTGRES_FACET_YEARS_BACKWARD = [
    "ALTER TABLE projects_project DROP COLUMN IF EXISTS facet_years",
]

# Filters driven by indexes (PostgreSQL; migration 0010). A filtered search's facets need the
# matches that pass all filters but at most one; with these GIN indexes the planner found the
# rows passing the filters from the indexes and ANDed them with the text match's bitmap, so only
# those rows were read (a phrase in exact mode with a funder and a year: 886 -> ~140 ms).
# The keys as integer arrays, and the years a period touches from its year code. Migration
# 0011 replaced the indexes by keys in the text indexes (below); the years function stays.
KEY_IDS = "string_to_array({column}, ',')::int[]"
YEARS_TOUCHED = "projects_years_touched({column})"

POSTGRES_FILTER_INDEXES_CREATE = [
    *(
        f"CREATE INDEX projects_project_{column}_idx ON projects_project"
        f" USING gin (({KEY_IDS.format(column=column)}))"
        for column in FACET_KEY_COLUMNS
    ),
    "CREATE INDEX projects_project_facet_years_idx ON projects_project"
    f" USING gin (({YEARS_TOUCHED.format(column='facet_years')}))",
]
POSTGRES_FILTER_INDEXES_DROP = [
    "DROP INDEX IF EXISTS projects_project_facet_years_idx",
    *(f"DROP INDEX IF EXISTS projects_project_{column}_idx" for column in FACET_KEY_COLUMNS),
]

POSTGRES_FILTER_INDEXES_FORWARD = [
    f"""
    CREATE FUNCTION projects_years_touched(code integer) RETURNS integer[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT array(SELECT generate_series(code / {YEAR_CODE}, mod(code, {YEAR_CODE})))
    $$
    """,
    *POSTGRES_FILTER_INDEXES_CREATE,
]

POSTGRES_FILTER_INDEXES_BACKWARD = [
    *POSTGRES_FILTER_INDEXES_DROP,
    "DROP FUNCTION IF EXISTS projects_years_touched(integer)",
]


def on_postgresql(forward, backward):
    """A migration operation running the `forward` statements on PostgreSQL (`backward` to
    reverse it) and nothing on SQLite, whose FTS5 index needs none of them."""

    def runner(statements):
        def run(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                for statement in statements:
                    schema_editor.execute(statement)

        return run

    return migrations.RunPython(runner(forward), runner(backward), elidable=False)


# A fixed, uniform sample of the registry (migration 0011; projects/search/estimates.py): each
# project falls into one of SAMPLE_BUCKETS buckets by a multiplicative hash of its id (Knuth's
# constant, the top 10 of 32 bits), so "the first k buckets" is about k / 1024 of the projects,
# spread evenly over time, funders and organizations. The same SQL on both vendors (no `%`,
# which parameter substitution would take for its own); sample_bucket() is it in Python.
SAMPLE_BUCKETS = 1024
SAMPLE_BUCKET = "((({column} * 2654435761) & 4294967295) >> 22)"


def sample_bucket(pk):
    return (pk * 2654435761) % 2**32 >> 22


# Sample groups (migration 0017): a project's keys also name its group of 2 ** SAMPLE_GROUP_BITS
# buckets ("~g3": buckets 48 to 63), and a sample asks for whole groups by their key and for
# the buckets of a last, partial group one by one (sample_keys()). Each key ORed into the
# tsquery costs the index a posting list to merge and the tsquery's test a term, for every
# sampled project: a common word's sample at 100 000 projects, 62 buckets, took ~14 ms of
# index scan; as 3 groups and 14 buckets, ~9 ms.
SAMPLE_GROUP_BITS = 4
SAMPLE_GROUP = 2**SAMPLE_GROUP_BITS


# On PostgreSQL a project's keys are also lexemes: its sample bucket ("~17") and group of
# buckets ("~g1", see SAMPLE_GROUP), its implementer ("o~5"), funders ("f~3"), programmes
# ("p~7") and every year its period touches ("y~2020"). The parser never makes a lexeme
# holding "~", so no word can match one. They are added to each text search column in a GIN
# expression index of its own (migration 0011), and a search with filters or a sample asks one
# tsquery of it, words and keys together: `'projekt' & ('f~1' | 'f~4') & 'y~2020' & ('~g0' |
# '~g1' | '~g2' | '~48' | … | '~61')`, which that index alone answers. As
# separate conditions (the filters' own indexes, a bucket column), the planner, which takes
# `@@` on a TOASTed tsvector for as cheap as comparing two numbers, chose the rows by the other
# conditions and tested each one's tsvector: two common words with a funder and a year at
# 1 000 000 projects, 160 ms to count 9 463 matches, against 20 ms from the keyed index; the
# sample of a very common word, slower than no sample at all.
KEY_PREFIXES = {
    "bucket": "~",
    "group": "~g",
    "organization": "o~",
    "funder": "f~",
    "programme": "p~",
    "year": "y~",
}
KEYS = (
    "projects_search_keys({table}.id, {table}.implementer_id,"
    " {table}.facet_funders, {table}.facet_programmes, {table}.facet_years)"
)
KEYED = {
    column: f"({{table}}.{column} || {KEYS})" for column in ("search_vector", "search_bigrams")
}


KEYED_INDEX = "projects_project_{column}_keyed_idx"

# The keys alone in a GIN index of their own (migration 0016), for a search no tsvector
# answers: exact mode, whose phrase is tested on each row or named by the trigram indexes, and
# a list without text. Each candidate the trigram indexes name is rechecked against the keys
# too, and with the text's keyed index that read its whole tsvector from TOAST: a phrase in
# exact mode in a funder's projects of a year at 10 000 projects took ~88 µs a counted row.
KEYS_INDEX = "projects_project_search_keys_idx"
POSTGRES_KEYS_INDEX_FORWARD = [
    f"CREATE INDEX {KEYS_INDEX} ON projects_project"
    f" USING gin (({KEYS.format(table='projects_project')}))"
]
POSTGRES_KEYS_INDEX_BACKWARD = [f"DROP INDEX IF EXISTS {KEYS_INDEX}"]


def key_lexeme(kind, value):
    """The tsquery text of one key: key_lexeme("funder", 3) == "'f~3'"."""
    return f"'{KEY_PREFIXES[kind]}{value}'"


def _keys_of(column, kind):
    return (
        f"array(SELECT '{KEY_PREFIXES[kind]}' || key"
        f" FROM unnest(string_to_array({column}, ',')) AS key)"
    )


def _keys_function(*, groups):
    """The function giving a project's keys; with `groups`, its sample group's key too."""
    bucket = SAMPLE_BUCKET.format(column="id")
    group = f", '{KEY_PREFIXES['group']}' || ({bucket} >> {SAMPLE_GROUP_BITS})::text"
    return f"""
    CREATE OR REPLACE FUNCTION projects_search_keys(
      id bigint, implementer bigint, funders text, programmes text, years integer
    ) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT array_to_tsvector(
        ARRAY['{KEY_PREFIXES["bucket"]}' || {bucket}::text{group if groups else ""},
              '{KEY_PREFIXES["organization"]}' || implementer::text]
        || {_keys_of("funders", "funder")}
        || {_keys_of("programmes", "programme")}
        || array(SELECT '{KEY_PREFIXES["year"]}' || year
                 FROM unnest({YEARS_TOUCHED.format(column="years")}) AS year)
      )
    $$
    """


POSTGRES_KEYS_FORWARD = [
    _keys_function(groups=False),
    *(
        f"CREATE INDEX {KEYED_INDEX.format(column=column)} ON projects_project"
        f" USING gin (({vector.format(table='projects_project')}))"
        for column, vector in KEYED.items()
    ),
    # The filters' own indexes (0010) are no longer asked.
    *POSTGRES_FILTER_INDEXES_DROP,
]

POSTGRES_KEYS_BACKWARD = [
    *POSTGRES_FILTER_INDEXES_CREATE,
    *(f"DROP INDEX IF EXISTS {KEYED_INDEX.format(column=column)}" for column in KEYED),
    "DROP FUNCTION IF EXISTS projects_search_keys(bigint, bigint, text, text, integer)",
]


# Every index on the keys: rebuilt when the function giving them changes.
_KEY_INDEXES = [*(KEYED_INDEX.format(column=column) for column in KEYED), KEYS_INDEX]
POSTGRES_SAMPLE_GROUPS_FORWARD = [
    _keys_function(groups=True),
    *(f"REINDEX INDEX {index}" for index in _KEY_INDEXES),
]
POSTGRES_SAMPLE_GROUPS_BACKWARD = [
    _keys_function(groups=False),
    *(f"REINDEX INDEX {index}" for index in _KEY_INDEXES),
]


# Sample order (migration 0018): a btree index in sample bucket order, by which
# index.compact() rewrites the table (CLUSTER), so that a sample's rows lie side by side.
# In id order, one bucket's projects are spread evenly over the table, so a sample of 6 % of
# them touched nearly every heap page (a common word's 5 650 sampled matches at 100 000
# projects: 4 131 pages, ~12 ms); clustered, 405 pages, ~5 ms. Rows written since the last
# compaction lie where PostgreSQL put them, as before.
SAMPLE_ORDER_INDEX = "projects_project_sample_order_idx"
POSTGRES_SAMPLE_ORDER_FORWARD = [
    f"CREATE INDEX {SAMPLE_ORDER_INDEX} ON projects_project"
    f" (({SAMPLE_BUCKET.format(column='id')}), id)"
]
POSTGRES_SAMPLE_ORDER_BACKWARD = [f"DROP INDEX IF EXISTS {SAMPLE_ORDER_INDEX}"]


def sample_keys(buckets):
    """The tsquery text of the keys of the first `buckets` sample buckets, any of them."""
    groups = buckets // SAMPLE_GROUP
    whole = [key_lexeme("group", group) for group in range(groups)]
    rest = [key_lexeme("bucket", bucket) for bucket in range(groups * SAMPLE_GROUP, buckets)]
    return " | ".join(whole + rest)


def published_order_index(name, columns):
    """A migration operation creating the index `name` on published projects in the order
    `columns` ({vendor: column list}; vendors left out get none), and dropping it backwards."""

    def create(apps, schema_editor):
        vendor_columns = columns.get(schema_editor.connection.vendor)
        if vendor_columns:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON projects_project ({vendor_columns})"
                " WHERE status = 'published'"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor in columns:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)
