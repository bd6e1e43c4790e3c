"""Search benchmark: our search vs. the naive icontains baseline, on the same data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ngo_bench .venv/bin/python -m bench.search \\
        --size 100000

Migrates the database named by DATABASE_URL, fills it with a synthetic corpus of `--size`
projects (bench/corpus.py) unless it already holds exactly that many, then times a fixed
query mix server-side (the search function called in-process, as a view calls it; no HTTP):
a very common word, a rare word, two words, a phrase and exact mode, each without and with
funder + year filters. "ours" is the whole search page's work: the count, one page of 20
ranked results with snippets, and the four facet counts. "baseline" is what the source
pages' widget does: `icontains` over title, excerpt and content ORed, plus its count and one
page of 20, without facets. Prints a table and writes it to bench/results/<size>-<vendor>.md.
"""

import argparse
import gc
import os
import platform
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("CONN_MAX_AGE", "0")
# *Repeated* reads each summary cached at its warm-up: it must outlast the run.
os.environ.setdefault("SEARCH_CACHE_SECONDS", "86400")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from bench import corpus  # noqa: E402
from projects.models import Funding, Project  # noqa: E402
from projects.search import search_projects, year_condition  # noqa: E402
from projects.search.index import compact  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"

QUERIES = [
    ("common word", {"q": "projektas"}),
    ("rare word", {"q": "bitininkystė"}),
    ("two words", {"q": "organizacijų stiprinimas"}),
    ("phrase", {"q": '"institucinis stiprinimas"'}),
    ("exact mode", {"q": "socialinės apsaugos", "exact": "1"}),
]
FILTERS = {"funder": "bench-funder-1", "year": "2020"}


def percentile(values, share):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def run_ours(params):
    results = search_projects(dict(params), use_cache=False)
    assert results.is_valid, results.errors
    return results.total, results.estimated_total, results.estimated_facets


def run_exact_counts(params):
    """Ours with every count exact, however many rows that reads (estimates.py)."""
    with override_settings(SEARCH_EXACT_COUNT_LIMIT=sys.maxsize):
        return run_ours(params)[0]


def run_ours_without_facets(params):
    results = search_projects(dict(params), facets=False, hints=False, use_cache=False)
    assert results.is_valid, results.errors
    return results.total


def run_repeated(params):
    """The same search again: its summary comes from the cache (what a popular query costs)."""
    results = search_projects(dict(params))
    assert results.is_valid, results.errors
    return results.total


def run_baseline(params):
    text = params["q"].replace('"', "")
    queryset = Project.objects.published().filter(
        Q(title__icontains=text) | Q(excerpt__icontains=text) | Q(content__icontains=text)
    )
    if "funder" in params:
        queryset = queryset.filter(
            id__in=Funding.objects.filter(funder__slug=params["funder"]).values("project_id")
        )
    if "year" in params:
        queryset = queryset.filter(year_condition([int(params["year"])]))
    total = queryset.count()
    list(queryset.for_listing().order_by("-start_date", "title", "id")[:20])
    return total


def timed(cases):
    """{key: (samples in ms, last result)} for `cases`, {key: (function, params, repeats)}.

    Round robin: each round runs every case once, so that a spell of a slower machine (a
    shared one's speed varies by tens of percent from one minute to the next) weighs on every
    case alike rather than on whichever query it fell on."""
    for function, params, _ in cases.values():
        function(params)  # warm-up: caches and plans
    samples = {key: [] for key in cases}
    results = {}
    for round_ in range(max((repeats for *_, repeats in cases.values()), default=0)):
        for key, (function, params, repeats) in cases.items():
            if round_ >= repeats:
                continue
            started = time.perf_counter()
            results[key] = function(params)
            samples[key].append((time.perf_counter() - started) * 1000)
    return {key: (samples[key], results.get(key)) for key in cases}


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){memory}"


def speed_check():
    """Milliseconds a fixed pure-Python loop takes (median of five): how fast the machine ran
    during the run, to compare result files by (a shared machine's speed varies by tens of
    percent from one hour to the next)."""
    samples = []
    for _ in range(5):
        started = time.perf_counter()
        total = 0
        for number in range(1_000_000):
            total += number * number
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def speed_line(before, after):
    return (
        f"Speed check (a fixed pure-Python loop, median of five; lower is faster): {before:.0f} ms"
        f" before the run, {after:.0f} ms after."
    )


def database_version():
    if connection.vendor == "postgresql":
        return "PostgreSQL " + ".".join(str(part) for part in divmod(connection.pg_version, 10000))
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=30, help="timed runs per query (ours)")
    parser.add_argument(
        "--baseline-repeats", type=int, default=10, help="timed runs per query (baseline)"
    )
    parser.add_argument(
        "--generate-only", action="store_true", help="fill the database, measure nothing"
    )
    args = parser.parse_args(argv)

    call_command("migrate", verbosity=0)
    existing = Project.objects.count()
    if existing == 0:
        print(f"Generating {args.size} projects…", flush=True)
        started = time.perf_counter()
        corpus.generate(args.size, stdout=sys.stdout)
        if connection.vendor == "postgresql":
            # The fundings' triggers update each project row as it is loaded, which leaves
            # dead row versions and GIN indexes ~2.5 times the size they have when built at
            # once: the table is compacted as rebuild_search_index does (in sample order).
            compact()
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        print(f"Generated in {time.perf_counter() - started:.0f} s", flush=True)
    elif existing != args.size:
        sys.exit(f"The database holds {existing} projects, not {args.size}: use an empty database.")
    elif connection.vendor == "postgresql":
        # Statistics for what a migration may just have added (expression indexes, columns):
        # the planner chooses by them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    if args.generate_only:
        return
    # As the served process does once loaded (portal/wsgi.py).
    gc.freeze()
    speed_before = speed_check()

    variants = {
        "ours": (run_ours, args.repeats),
        "exact": (run_exact_counts, args.repeats),
        "bare": (run_ours_without_facets, args.repeats),
        "cached": (run_repeated, args.repeats),
        "base": (run_baseline, args.baseline_repeats),
    }
    queries = {}
    for name, params in QUERIES:
        queries[name] = dict(params)
        queries[f"{name} + funder + year"] = dict(params, **FILTERS)
    measured = timed(
        {
            (label, variant): (function, query, repeats)
            for label, query in queries.items()
            for variant, (function, repeats) in variants.items()
        }
    )

    rows = []
    for label, query in queries.items():
        total, estimated_total, estimated_facets = measured[label, "ours"][1]
        row = {
            "query": label,
            "q": query["q"] + (" (exact)" if query.get("exact") else ""),
            "matches": f"≈{total}" if estimated_total else str(total),
            "counts": "estimated"
            if estimated_total
            else ("total exact, facets estimated" if estimated_facets else "exact"),
            "exact_matches": measured[label, "exact"][1],
            "baseline_matches": measured[label, "base"][1],
        }
        for variant in variants:
            samples = measured[label, variant][0]
            row[f"{variant}_p50"] = statistics.median(samples)
            row[f"{variant}_p95"] = percentile(samples, 0.95)
        row["speedup"] = row["base_p50"] / row["ours_p50"] if row["ours_p50"] else 0
        row["bare_speedup"] = row["base_p50"] / row["bare_p50"] if row["bare_p50"] else 0
        rows.append(row)
        print(
            f"{label:32} ours p50 {row['ours_p50']:8.1f} p95 {row['ours_p95']:8.1f} | "
            f"exact counts p50 {row['exact_p50']:8.1f} p95 {row['exact_p95']:8.1f} | "
            f"no facets p50 {row['bare_p50']:8.1f} p95 {row['bare_p95']:8.1f} | "
            f"repeated p50 {row['cached_p50']:6.1f} p95 {row['cached_p95']:6.1f} | "
            f"baseline p50 {row['base_p50']:8.1f} p95 {row['base_p95']:8.1f} ms",
            flush=True,
        )

    speed = speed_line(speed_before, speed_check())
    write_table(
        render(rows, args, Project.objects.count(), speed), f"{args.size}-{connection.vendor}"
    )


def write_table(table, name):
    """Prints `table` and writes it to bench/results/<name>.md."""
    print()
    print(table)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.md"
    path.write_text(table, encoding="utf-8")
    print(f"Written to {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")


def render(rows, args, size, speed):
    lines = [
        f"# Search benchmark: {size:,} projects on {database_version()}".replace(",", " "),
        "",
        f"Machine: {machine()}. Python {platform.python_version()}. {speed}",
        f"Command: `python -m bench.search --size {args.size} --repeats {args.repeats}"
        f" --baseline-repeats {args.baseline_repeats}`",
        "",
        "Server-side latency in milliseconds, in-process (no HTTP). *ours*: count + one page of"
        " 20 ranked results with snippets + four facet counts (funder, year, organization,"
        " programme): what the search page does, with its summary cache bypassed (every run"
        " searches; what is counted once per version of the registry, its size and each"
        " filter set's number of projects, is read from the cache as a served search reads"
        " it); its counts are exact while they read at most 10 000 rows, else"
        " estimated from a sample (*counts*; projects/search/estimates.py). *exact counts*:"
        " ours with every count exact (what ours did before estimates). *no facets*: ours"
        " with count and page only (what the JSON for live"
        " results and the CSV do, and what the baseline does). *repeated*: the same search"
        " page again, its summary (total, facets, shown ids) read from the cache, as a popular"
        " query is served (SEARCH_CACHE_SECONDS; the projects and snippets are still read and"
        " made)."
        " *baseline*: `icontains` over title, excerpt and content ORed + count + one page of"
        " 20, no facets. Filters: funder `bench-funder-1`, year 2020.",
        "",
        "| query | q | matches (ours / exact / baseline) | counts | ours p50 | ours p95"
        " | exact counts p50 | exact counts p95 | no facets p50"
        " | no facets p95 | repeated p50 | repeated p95 | baseline p50 | baseline p95"
        " | baseline ÷ ours (p50) | baseline ÷ no facets (p50) |",
        "| --- | --- | ---: | --- |" + " ---: |" * 12,
    ]
    for row in rows:
        lines.append(
            f"| {row['query']} | `{row['q']}` | {row['matches']} / {row['exact_matches']}"
            f" / {row['baseline_matches']} | {row['counts']}"
            f" | {row['ours_p50']:.1f} | {row['ours_p95']:.1f}"
            f" | {row['exact_p50']:.1f} | {row['exact_p95']:.1f}"
            f" | {row['bare_p50']:.1f} | {row['bare_p95']:.1f}"
            f" | {row['cached_p50']:.1f} | {row['cached_p95']:.1f} | {row['base_p50']:.1f}"
            f" | {row['base_p95']:.1f} | {row['speedup']:.1f}× | {row['bare_speedup']:.1f}× |"
        )
    lines.append("")
    lines.append(
        "Matches differ by design: ours finds every inflected form with or without diacritics;"
        " the baseline finds the literal substring only."
    )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
