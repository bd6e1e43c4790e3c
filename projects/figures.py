"""The portal's figures (totals, per-year and per-funder sums), cached between requests.

They are grouped queries over every funding row, cheap on a small registry and not on a large
one, and they change only when records do. Each figure is kept for FIGURES_TIMEOUT seconds; a
change to a record saved in this process drops them all at once (a new version key).
"""

from uuid import uuid4

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from organizations.models import Membership, Organization
from projects.models import Funding, FundingProgramme, Project, ProjectPartner

FIGURES_TIMEOUT = 600
VERSION_KEY = "portal-figures:version"


def _version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid4().hex
        cache.set(VERSION_KEY, version, None)
    return version


def cached_figure(name, compute):
    """`compute()`'s value, cached under `name` until a record changes or the time runs out."""
    key = f"portal-figures:{_version()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FIGURES_TIMEOUT)
    return value


def refresh_figures(**_kwargs):
    cache.set(VERSION_KEY, uuid4().hex, None)


for _model in (Project, Funding, ProjectPartner, FundingProgramme, Organization, Membership):
    label = _model._meta.label_lower
    post_save.connect(refresh_figures, sender=_model, dispatch_uid=f"portal-figures-save-{label}")
    post_delete.connect(
        refresh_figures, sender=_model, dispatch_uid=f"portal-figures-delete-{label}"
    )
