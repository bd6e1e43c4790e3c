"""The registry the facet-count and estimate tests count by hand."""

import datetime
import random

import pytest

from organizations.models import OrganizationKind
from projects.models import FundingProgramme, ProjectStatus
from tests.factories import make_funding, make_organization, make_project

FIRST_ID = 100_000


@pytest.fixture
def registry():
    """40 projects; returns what each published one is, for counting by hand."""
    rng = random.Random(29112026)
    funders = [
        make_organization(name=f"Fondas {n}", slug=f"fondas-{n}", kind=OrganizationKind.PUBLIC_BODY)
        for n in range(4)
    ]
    programmes = [
        FundingProgramme.objects.create(name=f"Programa {n}", slug=f"programa-{n}", funder=funder)
        for n, funder in enumerate(funders + funders[:1])
    ]
    implementers = [make_organization(name=f"NVO {n}", slug=f"nvo-{n}") for n in range(6)]
    published = []
    for number in range(40):
        start = rng.choice([None, *(datetime.date(year, 3, 1) for year in range(2018, 2024))])
        end = None
        if start and rng.random() < 0.7:
            end = datetime.date(start.year + rng.choice([0, 0, 1, 2]), 11, 30)
        status = ProjectStatus.DRAFT if number % 9 == 0 else ProjectStatus.PUBLISHED
        project = make_project(
            # Fixed ids: the projects a sample holds (by a hash of the id, see
            # test_search_estimates.py) are then the same on every database, in any test order.
            id=FIRST_ID + number,
            title=rng.choice(["Projektas senjorams", "Renginys jaunimui", "Projekto stovykla"]),
            implementer=rng.choice(implementers),
            status=status,
            start_date=start,
            start_precision="day" if start else "",
            end_date=end,
            end_precision="day" if end else "",
        )
        grants = rng.sample(programmes, rng.choice([0, 1, 1, 2, 3]))
        for programme in grants:
            make_funding(project=project, funder=programme.funder, programme=programme)
        if status == ProjectStatus.PUBLISHED:
            last = (end or start).year if start else None
            published.append(
                {
                    "id": project.pk,
                    "text": "projekt" in project.title.lower(),
                    "camp": project.title == "Projekto stovykla",
                    "funder": {programme.funder.slug for programme in grants},
                    "programme": {programme.slug for programme in grants},
                    "organization": {project.implementer.slug},
                    "year": set(range(start.year, last + 1)) if start else set(),
                }
            )
    return published
