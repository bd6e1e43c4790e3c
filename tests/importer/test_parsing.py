import datetime
from decimal import Decimal

import pytest

from importer.parsing.amounts import find_amounts
from importer.parsing.dates import find_period
from importer.parsing.organizations import find_ministry, name_key, to_nominative


@pytest.mark.parametrize(
    ("text", "start", "end", "precisions"),
    [
        (
            "Projektas vykdomas nuo 2017 m. rugsėjo 1 d. iki 2017 m. gruodžio 31 d.",
            datetime.date(2017, 9, 1),
            datetime.date(2017, 12, 31),
            ("day", "day"),
        ),
        (
            "Projektas įgyvendinamas 2017 09 01 – 2017 12 31.",
            datetime.date(2017, 9, 1),
            datetime.date(2017, 12, 31),
            ("day", "day"),
        ),
        (
            "Projekto trukmė: 2024.01.01–2024.12.31.",
            datetime.date(2024, 1, 1),
            datetime.date(2024, 12, 31),
            ("day", "day"),
        ),
        (
            "Projektas vykdomas 2020-2021 metais.",
            datetime.date(2020, 1, 1),
            datetime.date(2021, 12, 31),
            ("year", "year"),
        ),
        (
            "Projekto įgyvendinimo laikotarpis: 2020 metų sausis-gruodis.",
            datetime.date(2020, 1, 1),
            datetime.date(2020, 12, 31),
            ("month", "month"),
        ),
        (
            "Trukmė – 2017 m. rugsėjo 1 d. – gruodžio 31 d.",
            datetime.date(2017, 9, 1),
            datetime.date(2017, 12, 31),
            ("day", "day"),
        ),
    ],
)
def test_periods_are_read_as_lithuanian_pages_write_them(text, start, end, precisions):
    period = find_period([text])
    assert (period.start_date, period.end_date) == (start, end)
    assert (period.start_precision, period.end_precision) == precisions


def test_a_programme_period_is_not_taken_for_the_project_period():
    period = find_period(["Finansuojama pagal konkursą 2020–2021 metams."])
    assert period.start_date is None


def test_an_end_before_the_start_gives_a_warning_and_no_dates():
    period = find_period(["Trukmė – 2020 m. sausio 1 d. – 2019 m. gruodžio 31 d."])
    assert period.warning
    assert period.start_date is None


def test_conflicting_periods_give_a_warning_and_no_dates():
    period = find_period(
        ["Projektas vykdomas 2019-2020 metais.", "Projekto trukmė: 2022.01.01–2022.12.31."]
    )
    assert period.warning
    assert period.start_date is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("skirta 51 400 Eur", Decimal("51400.00")),
        ("suma – 59974,23 Eur", Decimal("59974.23")),
        ("finansavimo suma – 12 000 Eur.", Decimal("12000.00")),
    ],
)
def test_amounts_are_read_with_spaces_and_decimal_commas(text, value):
    assert [amount.value for amount in find_amounts([text])] == [value]


def test_litas_amounts_keep_their_currency():
    assert find_amounts(["skirta 5 000 Lt"])[0].currency == "LTL"


@pytest.mark.parametrize(
    "text",
    [
        "finansuoja Socialinės apsaugos ir darbo ministerija",
        "Socialinės apsaugos ir darbo ministerijos lėšomis",
        "pagal LR Socialinės apsaugos ir darbo ministerijos organizuotą konkursą",
    ],
)
def test_the_ministry_is_recognized_in_any_case(text):
    body, _matched = find_ministry(text)
    assert body.short_name == "SADM"


def test_names_in_other_cases_share_a_matching_key():
    assert name_key("VšĮ „Socialinės partnerystės centras“") == name_key(
        "Socialinės partnerystės centro"
    )


@pytest.mark.parametrize(
    ("inflected", "nominative"),
    [
        ("Nacionaliniam lygybės ir įvairovės forumui", "Nacionalinis lygybės ir įvairovės forumas"),
        ("Nacionaliniu aktyvių mamų sambūriu", "Nacionalinis aktyvių mamų sambūris"),
        ("Moterų informacijos centro", "Moterų informacijos centras"),
        ("Daugiavaikių šeimų asociacija MES", "Daugiavaikių šeimų asociacija MES"),
    ],
)
def test_inflected_names_are_turned_into_the_nominative(inflected, nominative):
    assert to_nominative(inflected) == nominative
