"""Load test: visitors browsing and searching the registry (bench/load/run.sh starts it).

Each simulated visitor waits 0.5–1.5 s between requests and mixes what people do on the
portal: open project pages, search (with and without filters, exact mode), get live results
while typing, and browse the home page, the project list, organizations, funders and years.
Requests are named by kind ("project", "search", ...) so the report gives each its own
latency percentiles.
"""

import os
import random
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, between, task


def names(variable):
    """Words of the file that run.sh wrote and named in the environment variable."""
    return Path(os.environ[variable]).read_text().split()


SLUGS = names("LOAD_SLUGS")
ORGANIZATIONS = names("LOAD_ORGANIZATIONS")
FUNDERS = names("LOAD_FUNDERS")
YEARS = names("LOAD_YEARS")
SEARCHES = [
    {"q": "projektas"},
    {"q": "bitininkystė"},
    {"q": "organizacijų stiprinimas"},
    {"q": '"institucinis stiprinimas"'},
    {"q": "socialinės apsaugos", "exact": "1"},
    {"q": "moterų"},
    {"q": "savanorių mokymai"},
    {"q": "projektas", "year": "2020"},
    {"q": "bendruomenė", "funder": "bench-funder-1"},
]
LIVE_PREFIXES = ["pro", "proj", "bend", "moter", "savan", "vaik", "šeim"]


def with_query(path, params):
    return f"{path}?{urlencode(params)}"


# FastHttpUser (geventhttpclient) costs a fraction of the CPU of the requests-based HttpUser:
# the load generator shares the server's cores, and should take as little of them as it can.
class Visitor(FastHttpUser):
    wait_time = between(0.5, 1.5)

    @task(6)
    def project_page(self):
        self.client.get(f"/projects/{random.choice(SLUGS)}/", name="project")

    @task(4)
    def search(self):
        params = random.choice(SEARCHES)
        if random.random() < 0.3:
            params = {**params, "page": str(random.randint(2, 5))}
        self.client.get(with_query("/projects/", params), name="search")

    @task(3)
    def live_results(self):
        params = {"q": random.choice(LIVE_PREFIXES)}
        self.client.get(with_query("/projects/search/suggest.json", params), name="live results")

    @task(1)
    def home(self):
        self.client.get("/", name="home")

    @task(1)
    def browse_list(self):
        self.client.get(
            with_query("/projects/", {"page": random.randint(1, 50)}), name="project list"
        )

    @task(1)
    def organization_page(self):
        self.client.get(f"/organizations/{random.choice(ORGANIZATIONS)}/", name="organization")

    @task(1)
    def funder_page(self):
        self.client.get(f"/funders/{random.choice(FUNDERS)}/", name="funder")

    @task(1)
    def year_page(self):
        self.client.get(f"/years/{random.choice(YEARS)}/", name="year")

    @task(1)
    def english_project_page(self):
        self.client.get(f"/en/projects/{random.choice(SLUGS)}/", name="project")
