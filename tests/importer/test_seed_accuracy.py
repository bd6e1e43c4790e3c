from pathlib import Path

import pytest

from importer.measure import measure_against_seed_records
from importer.services import import_paths

PAGES = Path(__file__).resolve().parent / "pages"


@pytest.fixture
def measured(db):
    outcomes = import_paths([PAGES])
    assert all(not isinstance(outcome, Exception) for _, outcome in outcomes), outcomes
    return measure_against_seed_records()


def test_all_five_seed_pages_are_measured(measured):
    assert measured.pages == 5


def test_importer_matches_the_curated_seed_records(measured, capsys):
    with capsys.disabled():
        print("\n\nImporter vs. curated seed records (5 pages)\n" + measured.table)
        for miss in measured.misses:
            print("  - " + miss)
    assert measured.recall >= 0.9


def test_importer_invents_no_values_on_the_seed_pages(measured):
    assert measured.precision == 1.0, [m for m in measured.misses if "proposed" in m]
