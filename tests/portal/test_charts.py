from decimal import Decimal

import pytest

from projects.charts import bar_chart, column_chart


def test_columns_are_as_tall_as_their_share_of_the_largest_value():
    chart = column_chart([(2020, Decimal("50"), ""), (2021, Decimal("100"), "")])
    small, large = chart.bars
    assert small.height * 2 == large.height


def test_columns_stand_on_the_same_baseline():
    chart = column_chart([(2020, Decimal("50"), ""), (2021, Decimal("100"), "")])
    assert {bar.y + bar.height for bar in chart.bars} == {chart.baseline_y}


def test_a_tiny_non_zero_amount_stays_visible():
    chart = column_chart([(2020, Decimal("1"), ""), (2021, Decimal("1000000"), "")])
    assert chart.bars[0].height >= 2


def test_a_year_without_money_has_no_column():
    chart = column_chart([(2020, 0, ""), (2021, Decimal("10"), "")])
    assert chart.bars[0].height == 0


def test_many_columns_leave_their_values_to_the_table():
    chart = column_chart([(year, Decimal("1"), "") for year in range(2000, 2020)])
    assert not chart.show_values


def test_bars_are_as_long_as_their_share_of_the_largest_value():
    chart = bar_chart([("A", Decimal("300"), ""), ("B", Decimal("100"), "")])
    first, second = chart.bars
    assert first.width == pytest.approx(second.width * 3, abs=0.05)


def test_bar_chart_grows_with_its_rows():
    assert bar_chart([("A", 1, "")] * 4).height == 4 * bar_chart([("A", 1, "")]).height


def test_an_empty_chart_has_no_bars():
    assert column_chart([]).bars == []


def test_a_crowded_axis_labels_every_few_columns():
    chart = column_chart([(year, Decimal("1"), "") for year in range(2000, 2020)])
    assert [bar.label for bar in chart.bars if bar.show_label] == [
        "2000",
        "2003",
        "2006",
        "2009",
        "2012",
        "2015",
        "2018",
    ]


def test_a_short_axis_labels_every_column():
    chart = column_chart([(year, Decimal("1"), "") for year in range(2000, 2005)])
    assert all(bar.show_label for bar in chart.bars)
