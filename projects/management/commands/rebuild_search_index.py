from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, transaction

from projects.search.index import rebuild


class Command(BaseCommand):
    help = "Rebuilds the full-text search index of every project."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database, **options):
        with transaction.atomic(using=database):
            count = rebuild(using=database)
        self.stdout.write(f"Search index rebuilt: {count} projects.")
