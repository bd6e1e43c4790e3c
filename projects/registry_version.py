"""One token for "the registry as it is now", kept in the cache.

What is cached from the records (the portal's figures, search summaries) is stored under the
current token; saving or deleting any record the pages show draws a new one, so nothing cached
outlives the data it was computed from. With a shared cache (REDIS_URL) every worker process
sees the new token at once.
"""

from uuid import uuid4

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "registry:version"


def current():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid4().hex
        # add(), not set(): two processes starting at once agree on one token.
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump(**_kwargs):
    """A new token: everything cached under the old one is never read again (and expires)."""
    cache.set(VERSION_KEY, uuid4().hex, None)


def connect_signals():
    """Renew the token on every save and delete of what the pages show (ProjectsConfig.ready)."""
    from organizations.models import Membership, Organization
    from projects.models import DataIssue, Funding, FundingProgramme, Project, ProjectPartner

    for model in (
        Project,
        Funding,
        ProjectPartner,
        FundingProgramme,
        DataIssue,
        Organization,
        Membership,
    ):
        label = model._meta.label_lower
        post_save.connect(bump, sender=model, dispatch_uid=f"registry-version-save-{label}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"registry-version-delete-{label}")
