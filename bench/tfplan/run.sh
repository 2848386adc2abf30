#!/usr/bin/env bash
# Reading a large plan: blastwall against Python's json.load on the same
# file, run alternately RUNS times each; medians of wall time and peak
# memory (GNU time). Not part of `make test`: figures depend on the machine.
#   bench/tfplan/run.sh [MEGABYTES] [RUNS]      (default 50 MB, 5 runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
mb=${1:-50}; runs=${2:-5}
bin=build/blastwall
[[ -x $bin ]] || { echo "build first: make" >&2; exit 2; }
dir=build/bench-tfplan
rm -rf "$dir" && mkdir -p "$dir"
bench/tfplan/generate.py "$dir/plan.json" "$mb"
# The file limit is 16 MiB by default; a plan this large needs more.
printf 'limits:\n  file_bytes: %d\n' $(( (mb + 16) * 1024 * 1024 )) >"$dir/.blastwall.yaml"
echo "plan: $dir/plan.json ($(wc -c <"$dir/plan.json") bytes)"
: >"$dir/blastwall.txt"; : >"$dir/python.txt"
for ((i = 0; i < runs; i++)); do
  /usr/bin/time -f "%e %M" -a -o "$dir/blastwall.txt" "$bin" check "$dir" --root "$dir" \
    --format json >"$dir/out.json" || true
  /usr/bin/time -f "%e %M" -a -o "$dir/python.txt" \
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$dir/plan.json"
done
median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
for who in blastwall python; do
  grep -E '^[0-9]' "$dir/$who.txt" >"$dir/$who.figures" || true
  printf '%-10s wall median %s s, peak memory median %d MiB (%d runs)\n' "$who" \
    "$(awk '{print $1}' "$dir/$who.figures" | median)" \
    "$(( $(awk '{print $2}' "$dir/$who.figures" | median) / 1024 ))" "$runs"
done
echo "findings: $(grep -c '"rule":' "$dir/out.json" || true) ($(grep -c '"BW701"' "$dir/out.json" || true) BW701)"
