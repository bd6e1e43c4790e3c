# Short commands for the README. Everything runs inside .venv, made on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run setup test lint format messages check-deploy

run: setup ## set up and serve the portal with the seed projects on SQLite
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_seed_projects
	DEBUG=1 $(PY) manage.py runserver $(HOST)

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

test: setup ## the whole test suite; DATABASE_URL=postgres://… runs it on PostgreSQL
	$(VENV)/bin/pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: setup ## refresh and compile the English catalogue after changing strings
	DEBUG=1 $(PY) manage.py makemessages -l en --ignore=.venv --ignore=tests --ignore=bench
	DEBUG=1 $(PY) manage.py compilemessages -l en

check-deploy: setup ## Django's production checklist with production-like settings
	SECRET_KEY=$$(openssl rand -hex 32) ALLOWED_HOSTS=registry.example.org $(PY) manage.py check --deploy --fail-level WARNING
