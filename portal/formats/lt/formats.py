# Lithuanian number style as VLKK recommends: "51 400,50" (no-break space for thousands).
# Django's own lt formats group thousands with a dot; everything else is inherited from them.
from django.conf.locale.lt.formats import *  # noqa: F403

THOUSAND_SEPARATOR = "\xa0"
DECIMAL_SEPARATOR = ","
NUMBER_GROUPING = 3
