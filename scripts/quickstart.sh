#!/usr/bin/env bash
# One command on a fresh Debian machine: install everything, then publish the samples in input/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/publish doctor
.venv/bin/publish all "$@"
echo "quickstart: publications are in output/"
