"""PostgreSQL backend: the stored weighted tsvector `search_vector` (see schema.py).

Queries are built from the parsed web-search syntax as `to_tsquery` text whose every word is a
quoted lexeme, optionally labelled with the weights of the chosen fields (`'word':AB`), so the
GIN index on `search_vector` serves every field combination. `websearch_to_tsquery` would parse
the same syntax but cannot restrict words to weights, and the SQLite backend needs the same
parser anyway; one parser keeps both backends' behaviour identical.
"""

import itertools
import re

from projects.search.schema import FOLDED, FOLDED_FIELDS, KEYED, KEYS, TS_CONFIG, sample_keys

WEIGHTS = {"title": "A", "excerpt": "B", "content": "C"}
# Matches ranked by relevance at most (see projects.search.candidate_limit).
CANDIDATE_LIMIT = 1000
ALL_FIELDS = ("title", "excerpt", "content")
TABLE = "projects_project"


def id_array(ids):
    """The ids as one `bigint[]` parameter's text ("{3,5,8}"): psycopg quotes a list of a
    thousand ints element by element, ~1 ms of Python; the database parses this at once."""
    return "{" + ",".join(str(int(pk)) for pk in ids) + "}"


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


def _tsquery(required, excluded, weights, *, prefix=False):
    """`to_tsquery` input: every required item and no excluded one; with `prefix` the last
    required item's last word is a prefix (`'proj':*`)."""
    last = len(required) - 1
    parts = [_item(item, weights, prefix and index == last) for index, item in enumerate(required)]
    parts += [f"!{_item(item, weights)}" for item in excluded]
    return " & ".join(parts)


def _weights(fields):
    return "" if set(fields) >= set(ALL_FIELDS) else "".join(WEIGHTS[f] for f in fields)


def tsquery_text(parsed, fields, *, required_only=False):
    """`to_tsquery` input for `parsed`, restricted to `fields` (all three: no restriction).

    With `parsed.prefix` the last word is a prefix (`'proj':*`), for results while typing."""
    excluded = () if required_only else parsed.excluded
    return _tsquery(parsed.required, excluded, _weights(fields), prefix=parsed.prefix)


_QUOTED_LEXEME = re.compile(r"'((?:[^'\\]|''|\\.)*)'")


def _unquote(text):
    """The one lexeme of a tsquery's text form ("'institucin'"), or None."""
    match = _QUOTED_LEXEME.fullmatch(text)
    if match is None:
        return None
    return re.sub(r"''|\\(.)", lambda m: m.group(1) or "'", match.group(1))


def phrase_lexemes(connection, parsed):
    """{word: its lexeme} for the words of `parsed`'s required phrases that the text search
    configuration turns into exactly one lexeme (one query, only when there are phrases)."""
    phrase_words = sorted({word for item in parsed.required if len(item) > 1 for word in item})
    if not phrase_words:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, to_tsquery(%s::regconfig, word)::text FROM unnest(%s::text[]) AS word",
            [TS_CONFIG, [_lexeme(word, "") for word in phrase_words]],
        )
        normalized = dict(cursor.fetchall())
    lexemes = {}
    for word in phrase_words:
        lexeme = _unquote(normalized[_lexeme(word, "")])
        if lexeme:
            lexemes[word] = lexeme
    return lexemes


def _bigram_phrases(parsed, lexemes):
    """The required phrases the bigram index can answer: every word one lexeme, and not the
    phrase still being typed (its last word a prefix)."""
    last = len(parsed.required) - 1
    return [
        item
        for index, item in enumerate(parsed.required)
        if len(item) > 1
        and all(word in lexemes for word in item)
        and not (parsed.prefix and index == last)
    ]


def _match_parts(parsed, fields, connection):
    """[(column, tsquery sql, params)]: the tsqueries the columns must match for `parsed`."""
    lexemes = phrase_lexemes(connection, parsed) if connection is not None else {}
    bigram_phrases = _bigram_phrases(parsed, lexemes)
    weights = _weights(fields)
    answered = [] if weights else [item for item in bigram_phrases if len(item) == 2]
    required = [item for item in parsed.required if item not in answered]
    parts = []
    if required or parsed.excluded:
        tsquery = _tsquery(required, parsed.excluded, weights, prefix=parsed.prefix)
        parts.append(("search_vector", "to_tsquery(%s::regconfig, %s)", [TS_CONFIG, tsquery]))
    if bigram_phrases:
        pairs = {
            f"{lexemes[first]} {lexemes[second]}"
            for item in bigram_phrases
            for first, second in itertools.pairwise(item)
        }
        tsquery = " & ".join(_lexeme(pair, "") for pair in sorted(pairs))
        parts.append(("search_bigrams", "%s::tsquery", [tsquery]))
    return parts


def match_condition(parsed, fields, *, direct=False, connection=None):
    """(sql, params): a condition on the project row `{table}` matching `parsed` in `fields`.

    A subquery of its own, so the GIN index finds the matches first, whatever other filters
    the outer query has (the planner, blind to the cost of reading tsvectors, would otherwise
    test `@@` row by row on whatever the other filters leave).

    Required phrases go to the bigram index (see schema.py) when `connection` is given: a
    two-word phrase in any field is answered by it alone; a longer phrase, or one restricted
    to some fields, must also pass the positional test, which only the rows holding every
    pair of the phrase then take."""
    parts = _match_parts(parsed, fields, connection)
    where = " AND ".join(f"{{alias}}.{column} @@ {tsquery}" for column, tsquery, _ in parts)
    params = [param for _, _, part_params in parts for param in part_params]
    if direct:
        return where.format(alias="{table}"), params
    return (
        f"{{table}}.id IN (SELECT match.id FROM {TABLE} match WHERE {where.format(alias='match')})",
        params,
    )


def within_condition(
    parsed, fields, *, buckets=None, keys=None, exact_phrase=None, scan=None, connection=None
):
    """(sql, params): `{table}` is in the first `buckets` sample buckets (schema.SAMPLE_BUCKET),
    has the keys `keys` asks for (a tsquery of schema.key_lexeme()s: the filters), and matches
    `parsed` (or contains `exact_phrase`; neither: any text) in `fields`. One of `buckets` and
    `keys` at least.

    The keys join the tsquery of one of the text columns, on its keyed index
    (schema.KEYED), so that index answers both at once: the phrases' pairs when there are
    any (the fewest rows), else the words. Without words, the keys' own index answers
    (schema.KEYS_INDEX). Exact mode tests its phrase on each row the keys choose when `scan`
    (by default in a sample), else the trigram indexes name candidates too
    (estimates.scan_keyed_rows() weighs the two)."""
    wanted = [keys] if keys else []
    if buckets is not None:
        wanted.append(sample_keys(buckets))
    keys = " & ".join(f"({part})" for part in wanted)
    if parsed:
        *others, (column, tsquery, params) = _match_parts(parsed, fields, connection)
        conditions = [f"{KEYED[column]} @@ ({tsquery} && %s::tsquery)"]
        params = [*params, keys]
        for other_column, other_tsquery, other_params in others:
            conditions.append(f"{{table}}.{other_column} @@ {other_tsquery}")
            params += other_params
        return " AND ".join(conditions), params
    sql, params = f"{KEYS} @@ %s::tsquery", [keys]
    if exact_phrase is not None:
        # A sample's rows are few: test each. Without one, the keys may choose many more rows
        # than the phrase's trigrams do (a rare phrase with a funder): let both indexes count.
        if scan is None:
            scan = buckets is not None
        exact_sql, exact_params = exact_condition(exact_phrase, fields, direct=True, scan=scan)
        sql, params = f"{sql} AND {exact_sql}", params + exact_params
    return sql, params


def _literal_pattern(phrase):
    """A LIKE pattern matching `phrase` anywhere, as written: its `%`, `_` and `\\` escaped.
    Lowercased by the database (_contains), as the folded columns are."""
    escaped = phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(field, row="{table}"):
    """SQL: the field of `row` contains the literal pattern, case-insensitively: its stored
    lowercased copy (schema.FOLDED) is LIKE the lowercased pattern. Both are lowercased by the
    database's locale, and diacritics are kept. (`~*` on the field itself, as before, ran the
    regular expression engine over every character: twice the time; ILIKE lowercases the
    whole text of each candidate first: more still.)"""
    return f"{row}.{FOLDED.format(field=field)} LIKE lower(%s)"


def _contains_scanned(field, row="{table}"):
    """SQL: as _contains(), where no index is to serve it: strpos() finds the lowercased
    phrase itself, where LIKE matched a pattern at every position (a common phrase's 1 561
    sampled contents: ~6 ms less of ~22). The phrase is a parameter as written: no escaping."""
    return f"strpos({row}.{FOLDED.format(field=field)}, lower(%s)) > 0"


def exact_condition(phrase, fields, *, direct=False, scan=False):
    """(sql, params): a condition on `{table}`: its chosen fields contain `phrase`.

    A subquery per field, each of which only its trigram index can answer: tested on the row
    (`direct`), the planner takes LIKE for cheap and tests it on every published project
    rather than on the rows the indexes name (10 000 projects: 180 ms instead of 50), and
    tests every field of each candidate. `direct` is for a statement whose rows the filters'
    indexes choose, where the planner ANDs the trigram bitmaps with theirs. `scan`: tested on
    each row only, in a form no index serves, for rows that keys choose (within_condition: a
    few thousand rows take less time to test than the trigram indexes take to name
    candidates, ~40 ms at 100 000 projects)."""
    if scan:
        clauses = " OR ".join(_contains_scanned(field) for field in fields)
        return f"coalesce({clauses}, false)", [phrase] * len(fields)
    pattern = _literal_pattern(phrase)
    if direct:
        clauses = " OR ".join(_contains(field) for field in fields)
        return f"({clauses})", [pattern] * len(fields)
    selects = " UNION ALL ".join(
        f"SELECT field.id FROM {TABLE} field WHERE {_contains(name, row='field')}"
        for name in fields
    )
    return f"{{table}}.id IN ({selects})", [pattern] * len(fields)


def rank_expressions(parsed, fields, *, exact_phrase=None, vector="{table}.search_vector"):
    """{name: (sql, params)} for ordering by relevance: tier (best field matched), then score.
    `vector`: the SQL of the row's tsvector."""
    if exact_phrase is not None:
        tiers = [(_contains_scanned(field), [exact_phrase]) for field in fields]
        score = ("0", [])
    else:
        tiers = [
            (
                f"{vector} @@ to_tsquery(%s::regconfig, %s)",
                [TS_CONFIG, tsquery_text(parsed, [field], required_only=True)],
            )
            for field in fields
        ]
        score = (
            f"ts_rank({vector}, to_tsquery(%s::regconfig, %s))",
            [TS_CONFIG, tsquery_text(parsed, fields, required_only=True)],
        )
    return {"search_tier": _tier_case(tiers), "search_score": score}


def ranked_ids(connection, ids, parsed, fields, *, exact_phrase=None, offset=0, limit=None):
    """Of the projects `ids`, the ids of `limit` from `offset` on, in relevance order.

    Each candidate's tsvector is read from TOAST once: the tier's tests and the score each read
    it again when they name the column (~5 µs a read; 1 000 candidates of a common word took
    ~21 ms, ~16 ms so). A row value built from it holds it read (a composite value never
    points into TOAST), and the subquery, kept apart by OFFSET 0, builds that once per row."""
    expressions = rank_expressions(
        parsed, fields, exact_phrase=exact_phrase, vector="(ranked.detoasted).f1"
    )
    # A constant (one field's tier, exact mode's score) orders nothing, and ORDER BY would
    # take it for a column's position.
    terms = [
        (sql.format(table="ranked"), params)
        for sql, params in (expressions["search_tier"], expressions["search_score"])
        if not sql.isdigit()
    ]
    # Exact mode ranks on the folded copies and reads no tsvector. (A copy passed up the
    # subquery unused, as the content's, the last tier, is not read from TOAST.)
    vector = "NULL" if exact_phrase is not None else "ROW(project.search_vector)"
    folded = ", ".join(f"project.{FOLDED.format(field=field)}" for field in FOLDED_FIELDS)
    statement = (
        f"SELECT ranked.id FROM (SELECT project.id, project.start_date, {folded},"
        f" {vector} AS detoasted FROM {TABLE} project"
        " WHERE project.id = ANY(%s::bigint[]) OFFSET 0) AS ranked"
        f" ORDER BY {''.join(f'{sql} DESC, ' for sql, _ in terms)}"
        "ranked.start_date DESC, ranked.id LIMIT %s OFFSET %s"
    )
    params = [id_array(ids), *(param for _, term_params in terms for param in term_params)]
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


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
    """Rewrites every row's generated columns (after a change of the text configuration);
    index.rebuild() then rebuilds the table's indexes, which the rewrite doubled."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET title = title")
