"""A realistic synthetic registry built from the seed projects' vocabulary and its inflections.

Sentences come from the seed pages, with words swapped for other words of the seed vocabulary
in other Lithuanian case endings, so the corpus has the genre's word frequencies: a few very
common words ("projektas", "organizacijų", "stiprinimas") and a long tail of rare ones.
"""

import datetime
import itertools
import random
import re
from decimal import Decimal

from django.db import connection, transaction

from organizations.models import Organization, OrganizationKind
from projects.models import Funding, FundingProgramme, Project, ProjectStatus
from projects.periods import DatePrecision
from projects.seeding import read_seed_file

BATCH = 5000
# Words placed in a few projects only: the "rare word" of the query mix.
RARE_WORDS = ["bitininkystė", "kinologija", "ekoturizmas", "lėlininkystė", "orientacininkai"]
RARE_SHARE = 0.002

# Lithuanian case endings: a word ending in the key takes any of the values.
ENDINGS = {
    "as": ["as", "o", "ui", "ą", "u", "e", "ai", "ų", "ams", "us", "uose"],
    "is": ["is", "io", "iui", "į", "iu", "yje", "iai", "ių", "iams", "ius"],
    "ija": ["ija", "ijos", "ijai", "iją", "ijoje", "ijų", "ijoms", "ijas"],
    "a": ["a", "os", "ai", "ą", "oje", "ų", "oms", "as"],
    "ė": ["ė", "ės", "ei", "ę", "e", "ėje", "ių", "ėms", "es"],
    "us": ["us", "aus", "ui", "ų", "umi", "uje"],
    "ys": ["ys", "io", "iui", "į", "iu", "yje", "iai", "ių"],
}
WORD_RE = re.compile(r"[^\W\d_]{3,}")


def inflections(word):
    for ending in sorted(ENDINGS, key=len, reverse=True):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            return [stem + other for other in ENDINGS[ending]]
    return [word]


class Vocabulary:
    def __init__(self, rng):
        data = read_seed_file()
        texts = []
        for item in data["projects"]:
            texts += [item["title"], item.get("excerpt", ""), item.get("content", "")]
            for key in ("goals", "tasks", "activities", "results"):
                texts += item.get(key, [])
        self.sentences = [
            sentence.strip()
            for text in texts
            for sentence in re.split(r"(?<=[.;:!?])\s+|\n+", text)
            if len(sentence.split()) >= 4
        ]
        words = sorted({word.lower() for text in texts for word in WORD_RE.findall(text)})
        self.forms = {word: inflections(word) for word in words}
        self.words = words
        # Zipf-like weights: a few words are very common, most are rare.
        order = list(words)
        rng.shuffle(order)
        self.words = order
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(order))))
        self.titles = [item["title"] for item in data["projects"]]
        self.rng = rng

    def word(self):
        word = self.rng.choices(self.words, cum_weights=self.cumulative)[0]
        return self.rng.choice(self.forms[word])

    def sentence(self):
        words = self.rng.choice(self.sentences).split()
        for _ in range(max(1, len(words) // 4)):
            position = self.rng.randrange(len(words))
            if WORD_RE.fullmatch(words[position]):
                original = words[position]
                words[position] = self.rng.choice(self.forms.get(original.lower(), [original]))
            else:
                words[position] = self.word()
        return " ".join(words)

    def text(self, sentences):
        return " ".join(self.sentence() for _ in range(sentences))

    def title(self):
        head = self.rng.choice(
            ["projektas", "projekto", "programa", "iniciatyva", "institucinis stiprinimas"]
        )
        words = [self.word() for _ in range(self.rng.randint(2, 5))]
        return f"{' '.join(words).capitalize()} {head} {self.rng.randint(2010, 2025)}"


def _words_batch(vocabulary, wanted):
    sample = sorted({vocabulary.word() for _ in range(wanted * 2)})
    return sample[:wanted]


@transaction.atomic
def generate(size, *, seed=20240501, stdout=None):
    """Create `size` published projects (with organizations, funders, programmes, funding)."""
    rng = random.Random(seed)
    vocabulary = Vocabulary(rng)
    funders = [
        Organization(
            name=f"Finansuotojas {number}: {name.capitalize()} ministerija",
            slug=f"bench-funder-{number}",
            kind=OrganizationKind.PUBLIC_BODY,
        )
        for number, name in enumerate(_words_batch(vocabulary, 12), start=1)
    ]
    Organization.objects.bulk_create(funders)
    implementer_count = max(20, size // 25)
    implementers = []
    for number in range(1, implementer_count + 1):
        implementers.append(
            Organization(
                name=f"{vocabulary.word().capitalize()} {vocabulary.word()} asociacija {number}",
                slug=f"bench-org-{number}",
                kind=OrganizationKind.NGO,
            )
        )
    Organization.objects.bulk_create(implementers, batch_size=BATCH)
    programmes = [
        FundingProgramme(
            name=f"{vocabulary.word().capitalize()} {vocabulary.word()} programa {number}",
            slug=f"bench-programme-{number}",
            funder=funders[number % len(funders)],
            year_from=2010 + number % 15,
        )
        for number in range(40)
    ]
    FundingProgramme.objects.bulk_create(programmes)

    created = 0
    while created < size:
        batch = []
        for number in range(created, min(size, created + BATCH)):
            start_year = rng.randint(2010, 2025)
            start = datetime.date(start_year, rng.randint(1, 12), 1)
            end = datetime.date(start_year + rng.choice([0, 0, 1, 1, 2]), 12, 31)
            content = vocabulary.text(rng.randint(6, 14))
            if rng.random() < RARE_SHARE:
                content += f" {rng.choice(RARE_WORDS)}."
            batch.append(
                Project(
                    title=vocabulary.title(),
                    slug=f"bench-project-{number}",
                    implementer=rng.choice(implementers),
                    excerpt=vocabulary.text(rng.randint(1, 2)),
                    content=content,
                    status=ProjectStatus.PUBLISHED,
                    start_date=start,
                    start_precision=DatePrecision.MONTH,
                    end_date=end,
                    end_precision=DatePrecision.MONTH,
                )
            )
        Project.objects.bulk_create(batch)
        saved = list(
            Project.objects.filter(slug__in=[p.slug for p in batch]).values_list("id", flat=True)
        )
        fundings = []
        for project_id in saved:
            for _ in range(rng.choice([1, 1, 1, 2])):
                programme = rng.choice(programmes)
                fundings.append(
                    Funding(
                        project_id=project_id,
                        funder=programme.funder,
                        programme=programme,
                        amount=Decimal(rng.randrange(1000, 200000, 100)),
                    )
                )
        Funding.objects.bulk_create(fundings, batch_size=BATCH)
        created += len(batch)
        if stdout:
            stdout.write(f"  {created} / {size} projects\n")
    if connection.vendor == "sqlite":
        from projects.search.index import rebuild

        rebuild()
