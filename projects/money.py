"""Money facts shared by the registry's figures (stats.py) and the search's amount sort."""

from decimal import Decimal

# The irrevocable rate at which the litas was converted on 1 January 2015.
LTL_PER_EUR = Decimal("3.4528")
