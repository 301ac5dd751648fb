#!/usr/bin/env bash
# One command: install everything the tests need, then lint, type-check and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check pipeline tests bench
.venv/bin/ruff format --check pipeline tests bench
.venv/bin/mypy
.venv/bin/python -m pytest -q "$@"
