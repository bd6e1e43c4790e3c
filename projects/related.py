from django.db import connections

from projects.models import Project, ProjectStatus

RELATED_COUNT = 6

# Each tier is its own subquery with its own order and LIMIT, which the indexes answer without
# sorting a large funder's every project (SQLite allows no LIMIT on a compound's parts, hence
# the subqueries). The ORM builds the same statement, but at several milliseconds of Python
# per page view for a query that costs the database a fraction of one: the statement is
# written once here instead.
_IMPLEMENTER_TIER = """
    SELECT p.id, p.start_date, 0 AS tier FROM projects_project p
    WHERE p.status = %s AND p.id <> %s AND p.implementer_id = %s
    ORDER BY p.start_date DESC NULLS LAST, p.id DESC LIMIT %s"""
_FUNDING_TIER = """
    SELECT p.id, p.start_date, {tier} AS tier FROM projects_project p
    WHERE p.status = %s AND p.id <> %s AND EXISTS (
        SELECT 1 FROM projects_funding f WHERE f.project_id = p.id AND f.{column} IN ({values}))
    ORDER BY p.id DESC LIMIT %s"""


def related_projects(project, fundings, *, limit=RELATED_COUNT):
    """Published projects sharing the implementer, a programme or a funder with `project`,
    whose funding rows are `fundings`.

    Closest first: the same implementer (newest period first), then the same programme, then
    the same funder (most recently added first).
    Three queries whatever the numbers: the tiers' ids, the cards, and their fundings.
    """
    chosen = []
    # A tier is reached only when the closer ones hold fewer than `limit` projects, so each
    # tier's first `limit` are enough.
    for pk in _tier_ids(project, fundings, limit):
        if pk not in chosen and len(chosen) < limit:
            chosen.append(pk)
    return Project.objects.listed_by_ids(chosen)


def _tier_ids(project, fundings, limit):
    """The first `limit` ids of each tier, tier after tier, in one statement."""
    programme_ids = sorted({funding.programme_id for funding in fundings if funding.programme_id})
    funder_ids = sorted({funding.funder_id for funding in fundings})
    published = ProjectStatus.PUBLISHED
    parts = [(_IMPLEMENTER_TIER, [published, project.pk, project.implementer_id, limit])]
    for tier, column, ids in ((1, "programme_id", programme_ids), (2, "funder_id", funder_ids)):
        if ids:
            values = ", ".join(["%s"] * len(ids))
            sql = _FUNDING_TIER.format(tier=tier, column=column, values=values)
            parts.append((sql, [published, project.pk, *ids, limit]))
    union = " UNION ALL ".join(
        f"SELECT * FROM ({sql}) AS tier{number}" for number, (sql, _) in enumerate(parts)
    )
    statement = (
        f"SELECT id FROM ({union}) AS tiers"
        # As each tier's own ORDER BY: the order of a UNION's rows is not guaranteed.
        " ORDER BY tier, CASE WHEN tier = 0 THEN start_date END DESC NULLS LAST, id DESC"
    )
    params = [param for _, part_params in parts for param in part_params]
    with connections[Project.objects.db].cursor() as cursor:
        cursor.execute(statement, params)
        return [row[0] for row in cursor.fetchall()]
