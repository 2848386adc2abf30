#!/usr/bin/env bash
# Bounded runs of the libFuzzer targets (docs/FUZZING.md):
#   scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]
# runs each target (all of them by default: every fuzz_* in BUILD_DIR) for
# SECONDS, one process, from the seeds that fuzz/seeds.sh generates from the
# repository and the corpus the target grew in earlier runs
# (BUILD_DIR/fuzz/corpus/TARGET, kept between runs), with its dictionary.
# A crash, a leak, a timeout (-timeout, 30 s) or memory past -rss_limit_mb
# fails the run; the input is saved as BUILD_DIR/fuzz/artifacts/TARGET-* and
# the line to reproduce it is printed. Extra libFuzzer flags: FUZZ_FLAGS.
set -euo pipefail
build=${1:?usage: scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:?usage: scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
source_dir=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$build" && pwd)

targets=("$@")
if ((${#targets[@]} == 0)); then
  mapfile -t targets < <(find "$build" -type f -name 'fuzz_*' -perm -u+x -printf '%f\n' | sort)
fi
if ((${#targets[@]} == 0)); then
  echo "fuzz.sh: no fuzz targets in $build (configure with -DBW_FUZZ=ON)" >&2
  exit 2
fi

"$source_dir/fuzz/seeds.sh" "$source_dir" "$build/fuzz/seeds" >/dev/null
mkdir -p "$build/fuzz/artifacts" "$build/fuzz/logs"

failed=()
for target in "${targets[@]}"; do
  binary=$(find "$build" -type f -name "$target" -perm -u+x | head -n1)
  name=${target#fuzz_}
  corpus=$build/fuzz/corpus/$target
  seeds=$build/fuzz/seeds/$name
  dict=$source_dir/fuzz/$name.dict
  log=$build/fuzz/logs/$target.log
  mkdir -p "$corpus"
  flags=(-max_total_time="$seconds" -timeout=30 -rss_limit_mb=2560 -max_len=65536
         -print_final_stats=1 -artifact_prefix="$build/fuzz/artifacts/$target-")
  [[ -f $dict ]] && flags+=(-dict="$dict")
  # shellcheck disable=SC2206
  flags+=(${FUZZ_FLAGS:-})
  echo "fuzz.sh: $target for ${seconds}s (log: $log)"
  status=0
  "$binary" "${flags[@]}" "$corpus" "$seeds" >"$log" 2>&1 || status=$?
  # The last status line and the final statistics.
  grep -E '^#[0-9]+.*(pulse|DONE|NEW|REDUCE)' "$log" | tail -n1 || true
  grep -E '^stat::(number_of_executed_units|peak_rss_mb|new_units_added)' "$log" | tr '\n' ' ' || true
  echo
  if ((status != 0)); then
    failed+=("$target")
    echo "fuzz.sh: $target FAILED (exit $status); the end of its log:" >&2
    tail -n 60 "$log" >&2
    for artifact in "$build/fuzz/artifacts/$target-"*; do
      [[ -e $artifact ]] || continue
      echo "fuzz.sh: reproduce with: $binary $artifact" >&2
    done
  fi
done

if ((${#failed[@]})); then
  echo "fuzz.sh: failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: ${#targets[@]} targets ran ${seconds}s each without a finding"
