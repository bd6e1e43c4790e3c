from django.core.management.base import BaseCommand, CommandError

from importer.measure import measure_against_seed_records
from importer.services import PageImportError, import_paths


class Command(BaseCommand):
    help = (
        "Import project pages (UTF-8 plain text or HTML files, or folders of them) as draft "
        "projects for staff review. Importing a page again refreshes the same draft."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders")
        parser.add_argument(
            "--measure",
            action="store_true",
            help="compare the drafts of the seed pages with the curated seed records and print "
            "field-level precision and recall",
        )

    def handle(self, *args, paths, measure=False, **options):
        try:
            outcomes = import_paths(paths)
        except PageImportError as error:
            raise CommandError(str(error)) from error
        failures = 0
        for path, outcome in outcomes:
            if isinstance(outcome, PageImportError):
                failures += 1
                self.stderr.write(f"{path}: FAILED – {outcome}")
                continue
            if outcome.skipped:
                self.stdout.write(f"{path}: skipped – {outcome.message}")
                continue
            verb = "created" if outcome.created else "updated"
            self.stdout.write(
                f"{path}: {verb} draft #{outcome.project.pk} “{outcome.project.title}”"
                f" with {len(outcome.warnings)} warning(s)"
            )
            for warning in outcome.warnings:
                self.stdout.write(f"    ! {warning.field}: {warning.message}")
        self.stdout.write(f"{len(outcomes) - failures} page(s) imported, {failures} failed.")
        if measure:
            measurement = measure_against_seed_records()
            self.stdout.write(
                f"\nCompared with the curated seed records ({measurement.pages} page(s)):\n"
                + measurement.table
            )
            for miss in measurement.misses:
                self.stdout.write(f"  - {miss}")
        if failures:
            raise CommandError(f"{failures} page(s) could not be imported.")
