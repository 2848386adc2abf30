#!/usr/bin/env bash
# Installs what blastwall needs to build, and nothing it already has: Debian
# packages (apt-get update at most once, sudo only when not root) and the
# pinned tree-sitter C sources in deps/ (npm ci, no install scripts run).
# `scripts/bootstrap.sh sanitize` also installs what the sanitizer and fuzz
# build needs (docs/FUZZING.md): clang, its sanitizer and libFuzzer runtimes,
# and llvm-symbolizer for readable reports.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake ninja-build ccache make pkg-config git nodejs npm
          libyaml-cpp-dev nlohmann-json3-dev libre2-dev libcli11-dev doctest-dev libpg-query-dev)
if [[ ${1:-} == sanitize ]]; then
  packages+=(clang llvm libclang-rt-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
# node and npm may come from outside Debian (e.g. nodesource or nvm): accept any on PATH.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi

if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "bootstrap: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm ci wipes node_modules; run it only when the lock file changed since the last install.
stamp=deps/node_modules/.blastwall-lock
if [[ ! -f $stamp ]] || ! cmp -s deps/package-lock.json "$stamp"; then
  echo "bootstrap: npm ci in deps/"
  (cd deps && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp deps/package-lock.json "$stamp"
fi
