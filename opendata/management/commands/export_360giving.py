import json
import sys

from django.core.management.base import BaseCommand

from opendata.threesixty import export_package, package_to_csv


class Command(BaseCommand):
    help = (
        "Write the published projects as a 360Giving JSON package (and optionally CSV). "
        "Projects without a stated amount or date cannot be valid grants and are counted, "
        "not exported."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", default="-", help="JSON file; '-' for stdout")
        parser.add_argument("--csv", help="also write the CSV form to this file")
        parser.add_argument("--base-url", default="", help="e.g. https://registras.example.lt")

    def handle(self, *args, output, csv, base_url, **options):
        result = export_package(base_url=base_url)
        text = json.dumps(result.package, ensure_ascii=False, indent=2)
        if output == "-":
            self.stdout.write(text)
        else:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        if csv:
            with open(csv, "w", encoding="utf-8", newline="") as handle:
                handle.write(package_to_csv(result.package))
        omitted = ", ".join(
            f"{reason}: {count}" for reason, count in sorted(result.omitted.items())
        )
        sys.stderr.write(
            f"{result.grant_count} grant(s) exported; "
            f"{sum(result.omitted.values())} published project(s) omitted"
            + (f" ({omitted})" if omitted else "")
            + ".\n"
        )
