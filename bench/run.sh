#!/usr/bin/env bash
# The speed and memory benchmark: scans a generated monorepo with build/blastwall
# RUNS times and reports the wall and CPU time (min and median) and the peak
# memory, then the time per phase of the last run (--stats). Not part of
# `make test`: figures depend on the machine, so they belong in notes.
#   bench/run.sh [1k|10k|100k] [RUNS] [extra blastwall options...]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-10k}; runs=${2:-5}; shift $(( $# > 2 ? 2 : $# ))
corpus=$(bench/corpus.sh "$size")
bin=build/blastwall
[[ -x $bin ]] || { echo "build first: make" >&2; exit 2; }
bytes=$(find "$corpus" -name '*.tf' -print0 | xargs -0 cat | wc -c)
echo "corpus: $corpus ($(find "$corpus" -name '*.tf' | wc -l) files, $bytes bytes)"
: >build/bench-runs.txt
for ((i = 0; i < runs; i++)); do
  /usr/bin/time -f "%e %U %S %M" -a -o build/bench-runs.txt "$bin" check "$corpus" --format json "$@" >build/bench-out.json || true
done
# GNU time also writes "Command exited with non-zero status 1" (findings): keep the figures.
grep -E '^[0-9]' build/bench-runs.txt >build/bench-figures.txt || true
median() { sort -g | awk '{a[NR] = $1} END {printf "min %.3f s, median %.3f s", a[1], a[int((NR + 1) / 2)]}'; }
echo "wall: $(awk '{print $1}' build/bench-figures.txt | median)"
echo "cpu:  $(awk '{print $2 + $3}' build/bench-figures.txt | median)"
echo "peak memory: $(awk '$4 > m {m = $4} END {printf "%d MiB", m / 1024}' build/bench-figures.txt) ($runs runs)"
echo "findings: $(grep -c '"rule":' build/bench-out.json || true)"
"$bin" check "$corpus" --stats "$@" | sed -n '/^phase/,$p'
