#!/usr/bin/env bash
# Set up everything publish needs on Debian/Ubuntu: system fonts and libraries, a virtual
# environment in .venv with the package installed. Safe to run again.
#   scripts/setup.sh          what `publish` needs
#   scripts/setup.sh --test   plus what the test suite needs (epubcheck, LibreOffice, pytest,
#                             and Dask for the cluster tests)
#   scripts/setup.sh --cluster  what `publish` needs, plus Dask: a worker machine of a cluster
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  fonts-noto-cjk fonts-lxgw-wenkai fonts-arphic-ukai fonts-symbola fontconfig   # CJK faces and symbols for the styles
  texlive-lang-chinese                                            # FandolFang, the free 仿宋
  libharfbuzz-subset0                                             # fast font subsetting in weasyprint
  libpango-1.0-0 libpangoft2-1.0-0                                # weasyprint's text layout
  poppler-utils                                                   # pdftotext, pdffonts, pdftoppm
  python3 python3-venv
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(epubcheck default-jre-headless libreoffice-writer-nogui chromium)   # chromium: the browser tests (Playwright drives it; nothing downloads a browser)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if (( ${#missing[@]} )); then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Fandol fonts live in the TeX tree, which fontconfig does not search by default.
conf=/etc/fonts/conf.d/09-publish-fandol.conf
if ! cmp -s scripts/fontconfig/09-publish-fandol.conf "$conf"; then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo install -m 644 scripts/fontconfig/09-publish-fandol.conf "$conf"
  $sudo fc-cache -f >/dev/null
fi

if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
fi
extra=""
[[ "${1:-}" == "--test" ]] && extra="[test,cluster]"
[[ "${1:-}" == "--cluster" ]] && extra="[cluster]"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".${extra}"
# The package's bytecode, compiled now: a run under a user or environment that may not write it
# (PYTHONDONTWRITEBYTECODE, a read-only checkout) would otherwise compile every module each time.
.venv/bin/python -m compileall -q pipeline >/dev/null
echo "setup: done (.venv/bin/publish)"
