import datetime

import pytest
from django.utils import translation

from projects.periods import DatePrecision, format_period, period_end, period_start


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (period_start(2023), period_end(2024), "2023–2024 m."),
        (period_start(2017), period_end(2017), "2017 m."),
        (
            period_start(2017, 9, 1),
            period_end(2017, 12, 31),
            "2017 m. rugsėjo 1 d. – 2017 m. gruodžio 31 d.",
        ),
        (period_start(2020, 1), period_end(2021, 12), "2020 m. sausis – 2021 m. gruodis"),
    ],
)
def test_periods_are_shown_in_lithuanian_with_the_stated_precision(start, end, expected):
    with translation.override("lt"):
        assert format_period(*start, *end) == expected


def test_periods_are_shown_in_english():
    with translation.override("en"):
        assert format_period(*period_start(2023), *period_end(2024)) == "2023–2024"


def test_month_end_is_the_last_day_of_that_month():
    assert period_end(2024, 2) == (datetime.date(2024, 2, 29), DatePrecision.MONTH)


def test_unknown_period_is_empty():
    assert format_period(None, "", None, "") == ""
