"""PostgreSQL backend: the stored weighted tsvector `search_vector` (see schema.py).

Queries are built from the parsed web-search syntax as `to_tsquery` text whose every word is a
quoted lexeme, optionally labelled with the weights of the chosen fields (`'word':AB`), so the
GIN index on `search_vector` serves every field combination. `websearch_to_tsquery` would parse
the same syntax but cannot restrict words to weights, and the SQLite backend needs the same
parser anyway; one parser keeps both backends' behaviour identical.
"""

from projects.search.schema import TS_CONFIG

WEIGHTS = {"title": "A", "excerpt": "B", "content": "C"}
# Matches ranked by relevance at most (see projects.search.candidate_limit).
CANDIDATE_LIMIT = 1000
ALL_FIELDS = ("title", "excerpt", "content")
TABLE = "projects_project"


def _lexeme(word, weights, prefix=False):
    escaped = word.replace("\\", "\\\\").replace("'", "''")
    label = ("*" if prefix else "") + weights
    return f"'{escaped}'{':' + label if label else ''}"


def _item(words, weights, prefix=False):
    last = len(words) - 1
    expression = " <-> ".join(
        _lexeme(word, weights, prefix and index == last) for index, word in enumerate(words)
    )
    return f"({expression})" if len(words) > 1 else expression


def tsquery_text(parsed, fields, *, required_only=False):
    """`to_tsquery` input for `parsed`, restricted to `fields` (all three: no restriction).

    With `parsed.prefix` the last word is a prefix (`'proj':*`), for results while typing."""
    weights = "" if set(fields) >= set(ALL_FIELDS) else "".join(WEIGHTS[f] for f in fields)
    last = len(parsed.required) - 1
    parts = [
        _item(item, weights, parsed.prefix and index == last)
        for index, item in enumerate(parsed.required)
    ]
    if not required_only:
        parts += [f"!{_item(item, weights)}" for item in parsed.excluded]
    return " & ".join(parts)


def match_condition(parsed, fields, *, direct=False):
    """(sql, params): a condition on the project row `{table}` matching `parsed` in `fields`.

    A subquery of its own, so the GIN index finds the matches first, whatever other filters
    the outer query has (the planner, blind to the cost of reading tsvectors, would otherwise
    test `@@` row by row on whatever the other filters leave)."""
    if direct:
        return (
            "{table}.search_vector @@ to_tsquery(%s::regconfig, %s)",
            [TS_CONFIG, tsquery_text(parsed, fields)],
        )
    return (
        f"{{table}}.id IN (SELECT match.id FROM {TABLE} match"
        " WHERE match.search_vector @@ to_tsquery(%s::regconfig, %s))",
        [TS_CONFIG, tsquery_text(parsed, fields)],
    )


def _like_pattern(phrase):
    escaped = phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def exact_condition(phrase, fields):
    """(sql, params): a condition on `{table}`: its chosen fields contain `phrase`.

    ILIKE folds case with the database's locale and keeps diacritics; the trigram GIN indexes
    on the three columns serve it.
    """
    pattern = _like_pattern(phrase)
    clauses = " OR ".join(f"{{table}}.{field} ILIKE %s" for field in fields)
    return f"({clauses})", [pattern] * len(fields)


def rank_expressions(parsed, fields, *, exact_phrase=None):
    """{name: (sql, params)} for ordering by relevance: tier (best field matched), then score."""
    if exact_phrase is not None:
        pattern = _like_pattern(exact_phrase)
        tiers = [(f"{{table}}.{field} ILIKE %s", [pattern]) for field in fields]
        score = ("0", [])
    else:
        tiers = [
            (
                "{table}.search_vector @@ to_tsquery(%s::regconfig, %s)",
                [TS_CONFIG, tsquery_text(parsed, [field], required_only=True)],
            )
            for field in fields
        ]
        score = (
            "ts_rank({table}.search_vector, to_tsquery(%s::regconfig, %s))",
            [TS_CONFIG, tsquery_text(parsed, fields, required_only=True)],
        )
    return {"search_tier": _tier_case(tiers), "search_score": score}


def _tier_case(tiers):
    """Title ranks above excerpt above content (3, 2, 1). Every row ranked has matched, so
    the last chosen field needs no test of its own: it is what remains."""
    if len(tiers) <= 1:
        return "1", []
    whens, params = [], []
    for position, (condition, condition_params) in enumerate(tiers[:-1]):
        whens.append(f"WHEN {condition} THEN {len(ALL_FIELDS) - position}")
        params += condition_params
    return f"CASE {' '.join(whens)} ELSE 1 END", params


def spelling_candidates(connection, word, limit=5):
    """Title words like `word` (pg_trgm word similarity, served by the title trigram index)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT title FROM {TABLE} WHERE status = 'published' AND %s <%% title"
            f" ORDER BY word_similarity(%s, title) DESC, id LIMIT %s",
            [word, word, limit],
        )
        return [row[0] for row in cursor.fetchall()]


# A generated column keeps the index in sync; nothing to do on save or delete.
def index_project(connection, project):
    return None


def remove_project(connection, pk):
    return None


def rebuild_index(connection, model=None):
    """Rewrites every row's generated tsvector (after a change of the text configuration)."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET title = title")
        cursor.execute("REINDEX INDEX projects_project_search_idx")
