from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

register = template.Library()

SYMBOLS = {"EUR": "€", "LTL": "Lt"}


@register.filter
def money(amount, currency="EUR"):
    """51 400 € in Lithuanian, €51,400 in English; cents only when there are any."""
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    decimals = 0 if amount == amount.to_integral_value() else 2
    number = number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    symbol = SYMBOLS.get(currency, currency)
    if (get_language() or "lt").startswith("en") and currency == "EUR":
        return f"{symbol}{number}"
    return f"{number}\N{NO-BREAK SPACE}{symbol}"
