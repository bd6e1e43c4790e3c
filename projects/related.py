from django.db import connections
from django.db.models import Exists, F, OuterRef

from projects.models import Funding, Project

RELATED_COUNT = 6


def related_projects(project, *, limit=RELATED_COUNT):
    """Published projects sharing the implementer, a programme or a funder with `project`.

    Closest first: the same implementer (newest period first), then the same programme, then
    the same funder (most recently added first, which an index answers without sorting a large
    funder's every project). Uses the project's prefetched funding rows.

    Three queries whatever the numbers: one statement for the three tiers' first `limit` ids
    each (a UNION ALL of their own indexed queries), then the cards and their fundings.
    """
    fundings = list(project.fundings.all())
    programme_ids = {funding.programme_id for funding in fundings if funding.programme_id}
    funder_ids = {funding.funder_id for funding in fundings}
    candidates = Project.objects.published().exclude(pk=project.pk)
    tiers = [
        candidates.filter(implementer_id=project.implementer_id).order_by(
            F("start_date").desc(nulls_last=True), "-id"
        ),
        candidates.filter(
            Exists(Funding.objects.filter(project=OuterRef("pk"), programme_id__in=programme_ids))
        ).order_by("-id"),
        candidates.filter(
            Exists(Funding.objects.filter(project=OuterRef("pk"), funder_id__in=funder_ids))
        ).order_by("-id"),
    ]
    chosen = []
    # A tier is reached only when the closer ones hold fewer than `limit` projects, so each
    # tier's first `limit` are enough.
    for pk in _tier_ids(tiers, limit):
        if pk not in chosen and len(chosen) < limit:
            chosen.append(pk)
    cards = Project.objects.filter(pk__in=chosen).for_listing().in_bulk()
    return [cards[pk] for pk in chosen]


def _tier_ids(tiers, limit):
    """The first `limit` ids of each queryset in `tiers`, tier after tier, in one statement.

    Each part is its own subquery (SQLite allows no LIMIT or ORDER BY on a compound's parts
    otherwise). The order of a UNION's rows is not guaranteed, so each row brings its tier
    and what the tiers are ordered by, and Python puts them back in order."""
    parts, params = [], []
    for number, tier in enumerate(tiers):
        sql, tier_params = tier.values_list("pk", "start_date")[:limit].query.sql_with_params()
        parts.append(f"SELECT tier{number}.*, {number} AS tier FROM ({sql}) AS tier{number}")
        params += tier_params
    with connections[tiers[0].db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    by_tier = [[] for _ in tiers]
    for pk, start_date, number in rows:
        by_tier[number].append((pk, start_date))
    ordered = []
    for number, members in enumerate(by_tier):
        # As the querysets order them: newest id first; in the implementer's tier, latest
        # start first before that, undated last (the second sort is stable).
        members.sort(key=lambda member: member[0], reverse=True)
        if number == 0:
            members.sort(key=lambda member: (member[1] is not None, member[1] or ""), reverse=True)
        ordered += [pk for pk, _ in members]
    return ordered
