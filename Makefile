# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
export DJANGO_SETTINGS_MODULE := ogp_site.settings

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-10s %s\n", $$1, $$2}'

# Exact versions come from the lock files (requirements*.txt, made by `make lock`), so a
# fresh machine installs what CI tested with nothing to resolve; uv (from PyPI) installs
# them several times faster than pip. UV_NATIVE_TLS: trust the system's certificates.
UV := UV_NATIVE_TLS=true $(VENV)/bin/uv
UV_VERSION := 0.13.9

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	$(UV) pip install --quiet --python $(PY) --requirement requirements.txt
	$(UV) pip install --quiet --python $(PY) --no-deps --editable .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(UV) pip install --quiet --python $(PY) --requirement requirements-dev.txt
	touch $@

.PHONY: lock
lock: $(VENV)/.installed ## Pin every dependency again from pyproject.toml into requirements*.txt
	$(UV) pip compile pyproject.toml --python-version 3.11 --quiet --upgrade -o requirements.txt
	$(UV) pip compile pyproject.toml --extra dev --python-version 3.11 --quiet --upgrade -o requirements-dev.txt

# axe-core (accessibility checks in the browser tests) comes from the npm registry. Without
# npm the browser tests say so and skip locally; CI has npm and fails instead.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --silent && touch $@; \
	else \
		echo "npm not found: skipping axe-core; browser accessibility checks will be skipped."; \
	fi

.PHONY: install
install: $(VENV)/.installed ## Create the virtual environment and install the site

.PHONY: run
# Links in pages, feeds and emails start with BASE_URL: the address this target serves.
RUN_ENV = DEBUG=$${DEBUG:-true} BASE_URL="$${BASE_URL:-http://$(HOST):$(PORT)}"
run: $(VENV)/.installed ## Migrate, load demo content, serve on http://$(HOST):$(PORT)/ with the mail worker
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_demo
	$(RUN_ENV) $(PY) manage.py set_site_url
	@echo ""
	@echo "  The site:   http://$(HOST):$(PORT)/"
	@echo "  Sign in:    http://$(HOST):$(PORT)/admin/"
	@echo "  Demo users: admin (superuser), editor (Editors), moderator (Moderators: comments only)"
	@echo "  Password:   $${DEMO_PASSWORD:+the DEMO_PASSWORD you set}$${DEMO_PASSWORD:-ogp-demo-password (the development default; set DEMO_PASSWORD to change it)}"
	@echo ""
	$(RUN_ENV) $(PY) manage.py send_queued_mail & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# Production mode on this machine: DEBUG off, plain HTTP on $(HOST):$(PORT), media from disk.
# The signing key, comments salt and demo password are made once and kept in var/ (git-ignored).
SERVE_ENV = DEBUG=false SECURE_HTTPS=$${SECURE_HTTPS:-false} SERVE_MEDIA=$${SERVE_MEDIA:-true} \
	BASE_URL="$${BASE_URL:-http://$(HOST):$(PORT)}" \
	SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret-key)}" \
	COMMENTS_XTD_SALT="$${COMMENTS_XTD_SALT:-$$(cat var/comments-salt)}" \
	DEMO_PASSWORD="$${DEMO_PASSWORD:-$$(cat var/demo-password)}"
VAR_SECRETS = var/secret-key var/comments-salt var/demo-password

$(VAR_SECRETS):
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(40))" > $@
	chmod 600 $@

.PHONY: serve
serve: $(VENV)/.installed $(VAR_SECRETS) ## Serve in production mode with gunicorn on PORT (default 8000) and the mail worker
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) $(PY) manage.py load_demo --if-empty
	$(SERVE_ENV) $(PY) manage.py set_site_url
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving http://$(HOST):$(PORT)/ (demo users' password: var/demo-password)"
	$(SERVE_ENV) $(PY) manage.py send_queued_mail & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(SERVE_ENV) PORT=$(PORT) HOST=$(HOST) $(VENV)/bin/gunicorn ogp_site.wsgi:application -c ogp_site/gunicorn.conf.py

# The same behind Varnish (Debian's `varnish` package), as production runs with a shared cache:
# Varnish answers on HOST:PORT, gunicorn on 127.0.0.1:EDGE_APP_PORT, and the app purges Varnish
# after every change. HOST must include loopback (127.0.0.1 or 0.0.0.0): purges come from
# there. Varnish's files go in VARNISH_DIR, which its own users must be able to read when
# started as root (docs/deploy.md, "Varnish").
VARNISHD ?= $(shell command -v varnishd 2>/dev/null || echo /usr/sbin/varnishd)
VARNISH_DIR ?= $(CURDIR)/var/varnish
VARNISH_STORAGE ?= malloc,256m
EDGE_APP_PORT ?= 8001

.PHONY: serve-edge
serve-edge: $(VENV)/.installed $(VAR_SECRETS) ## Serve behind Varnish on PORT (default 8000), gunicorn on EDGE_APP_PORT (8001)
	@test -x "$(VARNISHD)" || { echo "varnishd not found: apt-get install varnish"; exit 1; }
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) $(PY) manage.py load_demo --if-empty
	$(SERVE_ENV) $(PY) manage.py set_site_url
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	mkdir -p "$(VARNISH_DIR)" && chmod 755 "$(VARNISH_DIR)"
	install -m 644 deploy/varnish/site.vcl "$(VARNISH_DIR)/site.vcl"
	printf 'vcl 4.1;\nbackend app { .host = "127.0.0.1"; .port = "%s"; }\ninclude "site.vcl";\n' \
		"$(EDGE_APP_PORT)" > "$(VARNISH_DIR)/serve-edge.vcl" && chmod 644 "$(VARNISH_DIR)/serve-edge.vcl"
	@echo "Serving http://$(HOST):$(PORT)/ through Varnish, the app on 127.0.0.1:$(EDGE_APP_PORT) (demo users' password: var/demo-password)"
	$(SERVE_ENV) $(PY) manage.py send_queued_mail & worker=$$!; \
	rm -f "$(VARNISH_DIR)/varnishd.pid"; \
	$(VARNISHD) -n "$(VARNISH_DIR)/work" -P "$(VARNISH_DIR)/varnishd.pid" -a "$(HOST):$(PORT)" \
		-f "$(VARNISH_DIR)/serve-edge.vcl" -p vcl_path="$(VARNISH_DIR)" -s "$(VARNISH_STORAGE)" -T none \
		|| { kill $$worker; exit 1; }; \
	trap 'kill $$worker $$(cat "$(VARNISH_DIR)/varnishd.pid") 2>/dev/null' EXIT INT TERM; \
	$(SERVE_ENV) FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:$(PORT)" \
		TRUSTED_PROXY_COUNT=$${TRUSTED_PROXY_COUNT:-1} PORT=$(EDGE_APP_PORT) HOST=127.0.0.1 \
		$(VENV)/bin/gunicorn ogp_site.wsgi:application -c ogp_site/gunicorn.conf.py

# Never run by tests or CI. DATABASE_URL selects PostgreSQL; give it a database of its own.
# Measures uncached views, the app's own cache, and Varnish in front (Debian's varnish package,
# rules from deploy/varnish/site.vcl) against a static copy of the article; wrk if installed.
.PHONY: bench
bench: $(VENV)/.installed $(VAR_SECRETS) ## Benchmark the production server, its cache and Varnish (DATABASE_URL for PostgreSQL); results in bench/results/
	$(SERVE_ENV) $(PY) bench/run.py $(BENCH_ARGS)

# One pytest-xdist worker per core (at most four: each builds a database and runs Chromium),
# each with its own test database and cache folder. A file's tests stay together on one
# worker, so a module's servers and Redis database are never shared.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)

.PHONY: test
test: $(VENV)/.installed-dev node_modules/.installed ## Install test requirements and run the whole suite
	$(PY) -m pytest --numprocesses $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

.PHONY: lint
lint: $(VENV)/.installed-dev ## Check style and common mistakes
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

.PHONY: format
format: $(VENV)/.installed-dev ## Rewrite files in the house style
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

.PHONY: check
check: $(VENV)/.installed-dev ## Django system checks and missing migrations
	DEBUG=true $(PY) manage.py check
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run
