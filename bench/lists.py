"""Lists benchmark: the search page sorted and filtered, beyond search.py's relevance mix.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ngo_bench .venv/bin/python -m bench.lists \\
        --size 100000

Runs on a database bench.search has filled (`--size` must match it). Times the search page,
as search.py's *ours* does (counts, facets, one page of 20, summary cache bypassed), for what
browsing and analysing ask: every project, a funder's, by start, newest and amount, a common
word and exact mode in those orders, with filters, and a late page. Prints a table and
writes it to bench/results/<size>-<vendor>-lists.md.
"""

import argparse
import gc
import platform
import statistics
import sys

from django.db import connection

from bench.search import (
    database_version,
    machine,
    percentile,
    speed_check,
    speed_line,
    timed,
    write_table,
)
from projects.models import Project
from projects.search import search_projects

FUNDER = {"funder": "bench-funder-1"}
FUNDER_YEAR = {"funder": "bench-funder-1", "year": "2020"}
COMMON = {"q": "projektas"}
EXACT = {"q": "socialinės apsaugos", "exact": "1"}

LISTS = [
    ("every project (by start)", {}),
    ("every project by amount", {"sort": "amount"}),
    ("a funder's projects", FUNDER),
    ("a funder's projects in a year", FUNDER_YEAR),
    ("a funder's projects by amount", {**FUNDER, "sort": "amount"}),
    ("a year's projects by newest", {"year": "2020", "sort": "newest"}),
    ("common word by newest", {**COMMON, "sort": "newest"}),
    ("common word by amount", {**COMMON, "sort": "amount"}),
    ("common word + funder + year by newest", {**COMMON, **FUNDER_YEAR, "sort": "newest"}),
    ("exact mode by newest", {**EXACT, "sort": "newest"}),
    ("exact mode by newest, page 50", {**EXACT, "sort": "newest", "page": "50"}),
    ("exact mode by start", {**EXACT, "sort": "start"}),
    ("exact mode by amount", {**EXACT, "sort": "amount"}),
]


def run_page(params):
    results = search_projects(dict(params), use_cache=False)
    assert results.is_valid, results.errors
    shown = len(results.page.object_list)
    return f"{'≈' if results.estimated_total else ''}{results.total}", shown


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=20, help="timed runs per list")
    args = parser.parse_args(argv)
    existing = Project.objects.count()
    if existing != args.size:
        sys.exit(f"The database holds {existing} projects, not {args.size}: run bench.search.")
    gc.freeze()  # as the served process does once loaded (portal/wsgi.py)
    speed_before = speed_check()

    measured = timed({name: (run_page, params, args.repeats) for name, params in LISTS})
    rows = []
    for name, params in LISTS:
        samples, (total, shown) = measured[name]
        row = {
            "list": name,
            "params": "&".join(f"{key}={value}" for key, value in params.items()) or "(none)",
            "total": total,
            "shown": shown,
            "p50": statistics.median(samples),
            "p95": percentile(samples, 0.95),
        }
        rows.append(row)
        print(f"{name:40} {total:>8} p50 {row['p50']:8.1f} p95 {row['p95']:8.1f} ms", flush=True)

    speed = speed_line(speed_before, speed_check())
    write_table(render(rows, args, existing, speed), f"{args.size}-{connection.vendor}-lists")


def render(rows, args, size, speed):
    lines = [
        f"# Lists benchmark: {size:,} projects on {database_version()}".replace(",", " "),
        "",
        f"Machine: {machine()}. Python {platform.python_version()}. {speed}",
        f"Command: `python -m bench.lists --size {args.size} --repeats {args.repeats}`",
        "",
        "Server-side latency in milliseconds, in-process (no HTTP), of the search page: counts,"
        " four facets and one page of 20 projects, its summary cache bypassed (every run"
        " searches), as bench.search's *ours*.",
        "",
        "| list | parameters | projects | shown | p50 | p95 |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['list']} | `{row['params']}` | {row['total']} | {row['shown']}"
            f" | {row['p50']:.1f} | {row['p95']:.1f} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
