#!/usr/bin/env bash
# The speed and memory benchmark: scans a generated monorepo with build/blastwall
# and reports wall time and peak memory, best of RUNS. Not part of `make test`:
# figures depend on the machine, so they belong in notes, not in assertions.
#   bench/run.sh [DIRS] [FILES] [RESOURCES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=${1:-500}; files=${2:-4}; resources=${3:-25}; runs=${4:-5}
corpus=build/bench-corpus-$dirs-$files-$resources
[[ -d $corpus ]] || bench/generate.sh "$corpus" "$dirs" "$files" "$resources" >/dev/null
bin=build/blastwall
[[ -x $bin ]] || { echo "build first: make" >&2; exit 2; }
bytes=$(du -sb "$corpus" | cut -f1)
echo "corpus: $corpus ($((dirs * files)) files, $((dirs * files * resources)) resources, $((bytes / 1024)) KiB)"
best=""
for ((i = 0; i < runs; i++)); do
  start=$(date +%s%N)
  if command -v /usr/bin/time >/dev/null; then
    /usr/bin/time -f "%M" -o build/bench-rss.txt "$bin" check "$corpus" --format json >build/bench-out.json || true
  else
    "$bin" check "$corpus" --format json >build/bench-out.json || true
  fi
  end=$(date +%s%N)
  ms=$(((end - start) / 1000000))
  [[ -z $best || $ms -lt $best ]] && best=$ms
done
findings=$(grep -c '"rule":' build/bench-out.json || true)
echo "findings: $findings"
echo "wall time, best of $runs: ${best} ms"
[[ -f build/bench-rss.txt ]] && echo "peak RSS: $(tail -n 1 build/bench-rss.txt) KiB"
