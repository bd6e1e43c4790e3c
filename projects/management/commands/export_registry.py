"""Writes every registry record (organizations, programmes, projects and their rows) to JSON.

The file is the portal's own backup format, readable by `manage.py restore_registry` on any
supported database. Edit history and staff accounts are not part of it: they live in the
PostgreSQL dump (see README, "Security and operations").
"""

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from simple_history.models import HistoricalChanges

REGISTRY_APPS = ["organizations", "projects"]


def registry_models():
    """The record models of the registry apps, without their Historical* shadows."""
    return [
        model
        for app_label in REGISTRY_APPS
        for model in apps.get_app_config(app_label).get_models()
        if not issubclass(model, HistoricalChanges)
    ]


class Command(BaseCommand):
    help = "Exports every registry record to a JSON file (restore with restore_registry)."

    def add_arguments(self, parser):
        parser.add_argument("output", help="path of the JSON file to write, e.g. registry.json")

    def handle(self, *args, output, **options):
        labels = [model._meta.label for model in registry_models()]
        call_command(
            "dumpdata",
            *labels,
            natural_foreign=True,
            indent=1,
            output=output,
            verbosity=0,
        )
        self.stdout.write(f"Exported {', '.join(labels)} to {output}.")
