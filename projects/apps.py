from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projektai")

    def ready(self):
        from projects import registry_version
        from projects.models import Project
        from projects.search import index

        # Cached figures and search summaries are renewed when any record changes.
        registry_version.connect_signals()

        # The SQLite search index lives in its own table; PostgreSQL's is a generated column.
        post_save.connect(index.project_saved, sender=Project, dispatch_uid="search_index_save")
        post_delete.connect(
            index.project_deleted, sender=Project, dispatch_uid="search_index_delete"
        )
