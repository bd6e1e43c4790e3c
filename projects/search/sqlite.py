"""SQLite backend: the FTS5 table `projects_search` (see schema.py), filled from Python.

Every word is analysed in Python (projects.search.analysis) and stored as its term; queries
are analysed the same way and every term is double-quoted, so FTS5 never sees user syntax.
"""

from projects.search.analysis import analyse, stem
from projects.search.schema import FTS_TABLE, SAMPLE_BUCKET

ALL_FIELDS = ("title", "excerpt", "content")
# Matches ranked by relevance at most: bm25() is computed by a correlated FTS5 query per row.
CANDIDATE_LIMIT = 300
TABLE = "projects_project"
# bm25() weights per FTS column: title, excerpt, content, then the three unindexed copies.
BM25_WEIGHTS = "10.0, 3.0, 1.0, 0.0, 0.0, 0.0"


def _phrase(words, prefix=False):
    terms = [stem(word) for word in words]
    terms = [term for term in terms if term]
    if not terms:
        return None
    return '"' + " ".join(terms).replace('"', '""') + '"' + (" *" if prefix else "")


def fts_query(items, fields, *, prefix=False):
    """FTS5 MATCH text: every item, as a quoted phrase of terms, within the chosen columns.

    With `prefix` the last item's last term is a prefix, for results while typing."""
    last = len(items) - 1
    phrases = [
        phrase
        for phrase in (_phrase(item, prefix and index == last) for index, item in enumerate(items))
        if phrase
    ]
    if not phrases:
        return None
    return "{" + " ".join(fields) + "} : (" + " AND ".join(phrases) + ")"


def match_condition(parsed, fields, *, direct=False, connection=None):
    """(sql, params): a condition on the project row `{table}` matching `parsed` in `fields`.

    (`direct` and `connection` serve PostgreSQL; FTS5 answers phrases from its own index.)"""
    required = fts_query(parsed.required, fields, prefix=parsed.prefix)
    clauses, params = [], []
    if required:
        clauses.append(
            f"{{table}}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
        )
        params.append(required)
    elif parsed.required:
        # Words that analyse to nothing match nothing, as on PostgreSQL.
        clauses.append("0")
    for item in parsed.excluded:
        excluded = fts_query([item], fields)
        if excluded:
            clauses.append(
                f"{{table}}.id NOT IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
            )
            params.append(excluded)
    return "(" + (" AND ".join(clauses) or "1") + ")", params


def exact_condition(phrase, fields, *, direct=False, scan=False):
    """(sql, params): a condition on `{table}`: its chosen fields contain `phrase`, casefolded.

    (`direct` and `scan` serve PostgreSQL.)"""
    clauses = " OR ".join(f"instr({field}_exact, %s) > 0" for field in fields)
    return (
        f"{{table}}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {clauses})",
        [phrase.casefold()] * len(fields),
    )


def within_condition(
    parsed, fields, *, buckets=None, keys=None, exact_phrase=None, scan=None, connection=None
):
    """(sql, params): `{table}` is in the first `buckets` sample buckets and matches `parsed`
    (or contains `exact_phrase`; neither: any project) in `fields`. (`keys`, `scan` and
    `connection` serve PostgreSQL: SQLite's filters are plain conditions beside this one.)"""
    if keys or buckets is None:
        raise ValueError("SQLite narrows by sample buckets only.")
    sql, params = f"{SAMPLE_BUCKET.format(column='{table}.id')} < %s", [buckets]
    if exact_phrase is not None:
        text_sql, text_params = exact_condition(exact_phrase, fields)
    elif parsed:
        text_sql, text_params = match_condition(parsed, fields)
    else:
        return sql, params
    return f"{sql} AND {text_sql}", params + text_params


def rank_expressions(parsed, fields, *, exact_phrase=None):
    """{name: (sql, params)} for ordering by relevance: tier (best field matched), then score."""
    tiers = []
    for position, field in enumerate(fields):
        if exact_phrase is not None:
            condition = f"instr({field}_exact, %s) > 0"
            params = [exact_phrase.casefold()]
        else:
            condition = f"{FTS_TABLE} MATCH %s"
            params = [fts_query(parsed.required, [field], prefix=parsed.prefix) or '""']
        tiers.append(
            (
                f"WHEN {{table}}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {condition})"
                f" THEN {len(ALL_FIELDS) - position}",
                params,
            )
        )
    tier_sql = "CASE " + " ".join(sql for sql, _ in tiers) + " ELSE 0 END"
    tier_params = [param for _, params in tiers for param in params]
    required = None
    if exact_phrase is None:
        required = fts_query(parsed.required, fields, prefix=parsed.prefix)
    if required:
        score = (
            f"(SELECT -bm25({FTS_TABLE}, {BM25_WEIGHTS}) FROM {FTS_TABLE}"
            f" WHERE {FTS_TABLE} MATCH %s AND rowid = {{table}}.id)",
            [required],
        )
    else:
        score = ("0", [])
    return {"search_tier": (tier_sql, tier_params), "search_score": score}


def _row(project):
    return [
        project.pk,
        analyse(project.title),
        analyse(project.excerpt),
        analyse(project.content),
        project.title.casefold(),
        project.excerpt.casefold(),
        project.content.casefold(),
    ]


def index_project(connection, project):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [project.pk])
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, excerpt, content, title_exact,"
            " excerpt_exact, content_exact) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            _row(project),
        )


def remove_project(connection, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])


def rebuild_index(connection, model):
    """Empties the FTS table and indexes every project of `model` again, in batches."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")
        batch = []
        queryset = model.objects.using(connection.alias).only("title", "excerpt", "content")
        for project in queryset.order_by("pk").iterator(chunk_size=2000):
            batch.append(_row(project))
            if len(batch) >= 2000:
                _insert(cursor, batch)
                batch = []
        if batch:
            _insert(cursor, batch)


def _insert(cursor, rows):
    cursor.executemany(
        f"INSERT INTO {FTS_TABLE} (rowid, title, excerpt, content, title_exact,"
        " excerpt_exact, content_exact) VALUES (%s, %s, %s, %s, %s, %s, %s)",
        rows,
    )


def spelling_candidates(connection, word, limit=5):
    """SQLite has no trigram index: the caller compares against title words in Python."""
    return None
