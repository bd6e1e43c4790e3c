import json

from django.core.management.base import BaseCommand, CommandError

from opendata.threesixty import ThreeSixtyImportError, import_package


class Command(BaseCommand):
    help = "Create or update published projects from a 360Giving JSON package (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="360Giving JSON package")

    def handle(self, *args, path, **options):
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            result = import_package(data)
        except ThreeSixtyImportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{result.created} project(s) created, {result.updated} updated.")
