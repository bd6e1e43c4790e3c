"""The search index's database objects, created by migration 0002 for the connection's vendor.

PostgreSQL: a `lithuanian_unaccent` text search configuration (unaccent, then the lithuanian
snowball stemmer), a stored generated tsvector column `search_vector` on projects_project
(title weight A, excerpt B, content C) with a GIN index, and trigram GIN indexes on the three
text columns for exact (ILIKE) matching.

SQLite: an FTS5 table `projects_search` (rowid = project id) whose indexed columns hold the
Python-analysed terms of title, excerpt and content, and whose unindexed `*_exact` columns hold
the casefolded text for exact matching (SQLite's LIKE folds ASCII only).
"""

TS_CONFIG = "lithuanian_unaccent"
FTS_TABLE = "projects_search"

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
    f"""
    ALTER TABLE projects_project ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('{TS_CONFIG}'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('{TS_CONFIG}'::regconfig, coalesce(excerpt, '')), 'B')
      || setweight(to_tsvector('{TS_CONFIG}'::regconfig, coalesce(content, '')), 'C')
    ) STORED
    """,
    "CREATE INDEX projects_project_search_idx ON projects_project USING gin (search_vector)",
    # Long values (content, excerpt, the tsvector) are stored out of line, so the heap holds
    # short rows: a bitmap scan of the GIN index then reads few pages to count matches.
    "ALTER TABLE projects_project SET (toast_tuple_target = 128)",
    "CREATE INDEX projects_project_title_trgm_idx ON projects_project"
    " USING gin (title gin_trgm_ops)",
    "CREATE INDEX projects_project_excerpt_trgm_idx ON projects_project"
    " USING gin (excerpt gin_trgm_ops)",
    "CREATE INDEX projects_project_content_trgm_idx ON projects_project"
    " USING gin (content gin_trgm_ops)",
]

POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS projects_project_content_trgm_idx",
    "DROP INDEX IF EXISTS projects_project_excerpt_trgm_idx",
    "DROP INDEX IF EXISTS projects_project_title_trgm_idx",
    "ALTER TABLE projects_project RESET (toast_tuple_target)",
    "ALTER TABLE projects_project DROP COLUMN IF EXISTS search_vector",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {TS_CONFIG}",
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
