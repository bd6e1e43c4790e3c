"""Turns locust's stats CSV into the Markdown result file (bench/load/run.sh calls it)."""

import argparse
import csv
import os
import platform
import subprocess

# Targets: p95 in milliseconds per kind of request.
TARGETS = {"search": 300, "project": 100}


def postgres_version():
    try:
        return subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", "show server_version"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[0]
    except (OSError, subprocess.CalledProcessError, IndexError):
        return "unknown"


def cpu_name():
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("stats_csv")
    parser.add_argument("--projects", type=int, required=True)
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--duration", type=int, required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--load-before", default="unknown")
    parser.add_argument("--warmup", type=int, default=0)
    args = parser.parse_args()

    with open(args.stats_csv, newline="") as stats:
        rows = list(csv.DictReader(stats))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    kinds = sorted((row for row in rows if row["Name"] != "Aggregated"), key=lambda r: r["Name"])

    if args.threads > 1:
        workers = f"{args.workers} gthread workers × {args.threads} threads"
    else:
        workers = f"{args.workers} sync workers"
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"# Load test: {args.projects:,} published projects on PostgreSQL".replace(",", " "))
    print()
    print(
        f"Machine: {os.cpu_count()} cores ({cpu_name()}), {memory_gib:.0f} GiB RAM, everything on "
        f"one box: PostgreSQL {postgres_version()}, gunicorn ({workers}) and locust share the "
        "same cores. Load average (1, 5, 15 min) before "
        f"the run: {args.load_before}."
    )
    print(
        f"Command: `USERS={args.users} DURATION={args.duration} WARMUP={args.warmup} bash"
        f" bench/load/run.sh` ({args.users} simulated visitors, 0.5–1.5 s think time,"
        f" {args.duration} s measured after an unmeasured {args.warmup} s run of the same mix,"
        " 127.0.0.1 only; shared Redis cache)."
    )
    print()
    print(
        f"**Total: {int(total['Request Count'])} requests, {float(total['Requests/s']):.1f} "
        f"requests/s, {int(total['Failure Count'])} errors; p50 {total['50%']} ms, "
        f"p95 {total['95%']} ms, p99 {total['99%']} ms.**"
    )
    print()
    print("| request | count | errors | req/s | p50 ms | p95 ms | p99 ms | max ms | p95 target |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for row in kinds:
        target = TARGETS.get(row["Name"])
        verdict = ""
        if target:
            met = float(row["95%"]) < target
            verdict = f"< {target} ms: {'met' if met else 'missed'}"
        print(
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} "
            f"| {float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | {row['99%']} "
            f"| {float(row['Max Response Time']):.0f} | {verdict} |"
        )


if __name__ == "__main__":
    main()
