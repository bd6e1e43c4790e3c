"""An Atom feed of the projects most recently published in the registry."""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from projects.models import Project

FEED_LENGTH = 30


class LatestProjectsFeed(Feed):
    feed_type = Atom1Feed
    title = _("NVO projektų registras: naujai paskelbti projektai")
    subtitle = _("Projektai, neseniai paskelbti atvirame NVO projektų registre.")

    def link(self):
        return reverse("projects:list")

    def items(self):
        return (
            Project.objects.published()
            .select_related("implementer")
            .order_by(F("published_at").desc(nulls_last=True), "-created_at", "-id")[:FEED_LENGTH]
        )

    def item_title(self, project):
        return project.title

    def item_description(self, project):
        return project.excerpt

    def item_author_name(self, project):
        return project.implementer.name

    def item_pubdate(self, project):
        return project.published_at or project.created_at

    def item_updateddate(self, project):
        return project.updated_at
