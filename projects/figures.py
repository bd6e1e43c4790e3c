"""The portal's figures (totals, per-year and per-funder sums), cached between requests.

They are grouped queries over every funding row, cheap on a small registry and not on a large
one, and they change only when records do. Each figure is kept for FIGURES_TIMEOUT seconds
under the registry's current version (projects.registry_version), which any saved or deleted
record renews.
"""

from django.core.cache import cache

from projects import registry_version

FIGURES_TIMEOUT = 600


def cached_figure(name, compute):
    """`compute()`'s value, cached under `name` until a record changes or the time runs out."""
    key = f"portal-figures:{registry_version.current()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FIGURES_TIMEOUT)
    return value
