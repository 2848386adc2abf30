#!/usr/bin/env bash
# The benchmark corpora by size: 1k, 10k or 100k files of generated Terraform
# (bench/generate.sh; the 10k corpus is 12.7 MB). Prints the corpus's path,
# generating it under build/ the first time.
#   bench/corpus.sh 1k|10k|100k
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-10k}" in
  1k) dirs=250 ;;
  10k) dirs=2500 ;;
  100k) dirs=25000 ;;
  *) echo "usage: bench/corpus.sh 1k|10k|100k" >&2; exit 2 ;;
esac
corpus=build/bench-corpus-${1:-10k}
[[ -d $corpus ]] || bench/generate.sh "$corpus" "$dirs" 3 10 >/dev/null
echo "$corpus"
