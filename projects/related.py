from django.db.models import Exists, F, OuterRef

from projects.models import Funding, Project

RELATED_COUNT = 6


def related_projects(project, *, limit=RELATED_COUNT):
    """Published projects sharing the implementer, a programme or a funder with `project`.

    Closest first: the same implementer (newest period first), then the same programme, then
    the same funder (most recently added first, which an index answers without sorting a large
    funder's every project). Four queries whatever the numbers: one per tier for ids, one (with
    its funding prefetch) for the cards. Uses the project's prefetched funding rows.
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
    for tier in tiers:
        # Each tier asks for a full set, so the number of queries never depends on the rows.
        for pk in tier.values_list("pk", flat=True)[: limit + len(chosen)]:
            if pk not in chosen and len(chosen) < limit:
                chosen.append(pk)
    cards = Project.objects.filter(pk__in=chosen).for_listing().in_bulk()
    return [cards[pk] for pk in chosen]
