from django.core.management.base import BaseCommand

from projects.seeding import load_seed_projects


class Command(BaseCommand):
    help = "Loads the five curated seed projects; running it again changes nothing."

    def handle(self, *args, **options):
        count = load_seed_projects()
        self.stdout.write(self.style.SUCCESS(f"Seed projects loaded: {count}."))
