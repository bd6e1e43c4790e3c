from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, transaction

from projects import registry_version
from projects.search.index import compact, rebuild


class Command(BaseCommand):
    help = "Rebuilds the full-text search index of every project."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database, **options):
        with transaction.atomic(using=database):
            count = rebuild(using=database)
        compact(using=database)
        # Cached pages and search summaries were computed from the old index.
        registry_version.bump()
        self.stdout.write(f"Search index rebuilt: {count} projects.")
