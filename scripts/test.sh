#!/usr/bin/env bash
# Set up and run the whole test suite on a fresh machine:
#  1. Debian's chromium for the browser tests, when it is missing (needs root or sudo);
#  2. a virtual environment with the project and its test extras, all from PyPI;
#  3. pytest, with any arguments given to this script.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "chromium is missing and cannot be installed without root: install Debian's chromium package" >&2
    exit 1
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
python3 -m venv .venv
.venv/bin/pip install -q -e '.[test]'
exec .venv/bin/python -m pytest "$@"
