"""Loads a file written by `manage.py export_registry` into the database.

Refuses to load into a registry that already holds records unless --replace is given, in
which case the existing records are deleted first, in the same transaction.
"""

from pathlib import Path

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from organizations.models import Organization
from projects.models import FundingProgramme, Project

SEARCH_INDEX_COMMAND = "rebuild_search_index"


class Command(BaseCommand):
    help = "Restores registry records from a JSON file written by export_registry."

    def add_arguments(self, parser):
        parser.add_argument("input", help="path of the JSON file written by export_registry")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the records the database holds now before loading the file",
        )

    def handle(self, *args, input, replace, **options):
        path = Path(input)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if path.suffix != ".json":
            raise CommandError("The backup file must be a .json file written by export_registry.")
        with transaction.atomic():
            if Organization.objects.exists():
                if not replace:
                    raise CommandError(
                        "The registry already holds records; use --replace to delete them "
                        "and load the file instead."
                    )
                # Projects first: programmes and organizations are protected while referenced.
                Project.objects.all().delete()
                FundingProgramme.objects.all().delete()
                Organization.objects.all().delete()
            call_command("loaddata", str(path), verbosity=0)
        if SEARCH_INDEX_COMMAND in get_commands():
            call_command(SEARCH_INDEX_COMMAND, verbosity=0)
        self.stdout.write(
            f"Restored {Organization.objects.count()} organizations and "
            f"{Project.objects.count()} projects from {path}."
        )
