"""Project periods stated with a day, a month or only a year, and shown with that precision."""

import calendar
import datetime

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class DatePrecision(models.TextChoices):
    DAY = "day", gettext_lazy("diena")
    MONTH = "month", gettext_lazy("mėnuo")
    YEAR = "year", gettext_lazy("metai")


def period_start(year, month=None, day=None):
    """First day of what the source states, with its precision: (date, precision)."""
    if day is not None:
        return datetime.date(year, month, day), DatePrecision.DAY
    if month is not None:
        return datetime.date(year, month, 1), DatePrecision.MONTH
    return datetime.date(year, 1, 1), DatePrecision.YEAR


def period_end(year, month=None, day=None):
    """Last day of what the source states, with its precision: (date, precision)."""
    if day is not None:
        return datetime.date(year, month, day), DatePrecision.DAY
    if month is not None:
        return datetime.date(year, month, calendar.monthrange(year, month)[1]), DatePrecision.MONTH
    return datetime.date(year, 12, 31), DatePrecision.YEAR


def format_date(value, precision):
    if precision == DatePrecision.DAY:
        return date_format(value, "DATE_FORMAT")
    if precision == DatePrecision.MONTH:
        return date_format(value, "YEAR_MONTH_FORMAT")
    return str(value.year)


def format_period(start, start_precision, end, end_precision):
    """ "2017 m. rugsėjo 1 d. – 2017 m. gruodžio 31 d.", "2023–2024 m.", "" when unknown."""
    if start and end and start_precision == end_precision == DatePrecision.YEAR:
        years = str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
        return _("%(years)s m.") % {"years": years}
    if start and end:
        return f"{format_date(start, start_precision)} – {format_date(end, end_precision)}"
    if start:
        return _("nuo %(date)s") % {"date": format_date(start, start_precision)}
    if end:
        return _("iki %(date)s") % {"date": format_date(end, end_precision)}
    return ""
