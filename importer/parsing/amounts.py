"""Amounts as the pages write them: "51 400 Eur", "59974,23 Eur", "12 000 Eur", "5 000 Lt"."""

import re
from dataclasses import dataclass
from decimal import Decimal

AMOUNT = re.compile(
    r"(?<![\d,.])(?P<whole>\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,(?P<cents>\d{1,2}))?"
    r"\s*(?P<unit>eur(?:ų|ai|as|o|u)?\b|€|lt\b|litų|litai)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str
    text: str
    sentence: str


def find_amounts(lines):
    """Every distinct amount the page states, in the order they appear."""
    found = {}
    for line in lines:
        for match in AMOUNT.finditer(line):
            whole = re.sub(r"[ \u00a0\u202f.]", "", match["whole"])
            value = Decimal(f"{whole}.{(match['cents'] or '0').ljust(2, '0')}")
            currency = "EUR" if match["unit"].lower().startswith(("eur", "€")) else "LTL"
            key = (value, currency)
            if key not in found:
                found[key] = Amount(value, currency, match.group(0), line)
    return list(found.values())
