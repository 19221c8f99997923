#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine: poppler-utils and qpdf (the tests
# read the PDFs with them), Chromium and Node.js (the web edition is checked in a real
# browser with axe-core), and the browser tests' npm packages, as locked. Then `cargo test`.
# Measured on the 2-core CI machine: about 50 s for the Debian packages, 5 s for `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
packages=(poppler-utils qpdf chromium)
# Node.js from Debian unless one is installed already (NodeSource's bundles npm, and Debian's
# npm package would conflict with it).
command -v npm >/dev/null || packages+=(nodejs npm)
if [ "$(id -u)" = 0 ]; then sudo=(); else sudo=(sudo); fi
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
