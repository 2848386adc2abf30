#!/usr/bin/env bash
# blastwall end to end against HashiCorp's hclsyntax parsing the same bytes
# (parse only, what Terraform, tflint and Trivy parse with), side by side,
# alternating, RUNS times each; prints each run and the medians and ratio.
# Needs Debian's golang-go and golang-github-hashicorp-hcl-v2-dev (installed
# here if missing), built offline. Not part of `make test`.
#   bench/compare-go.sh [1k|10k|100k] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$(bench/corpus.sh "${1:-10k}")
runs=${2:-5}
missing=()
for p in golang-go golang-github-hashicorp-hcl-v2-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[[ -x build/hclparse && build/hclparse -nt bench/go/hclparse.go ]] ||
  (cd bench/go && GO111MODULE=off GOPATH=/usr/share/gocode go build -o ../../build/hclparse hclparse.go)
[[ -x build/blastwall ]] || { echo "build first: make" >&2; exit 2; }
bytes=$(find "$corpus" -name '*.tf' -print0 | xargs -0 cat | wc -c)
echo "corpus: $corpus, $(find "$corpus" -name '*.tf' | wc -l) files, $bytes bytes"
go_wall=(); bw_wall=(); bw_cpu=()
for ((i = 0; i < runs; i++)); do
  line=$(build/hclparse "$corpus")
  go_wall+=("$(sed -E 's/.*wall ([0-9.]+) s.*/\1/' <<<"$line")")
  /usr/bin/time -f "%e %U %S %M" -o build/bench-time.txt build/blastwall check "$corpus" --format json >/dev/null || true
  read -r wall user sys rss < <(grep -E '^[0-9]' build/bench-time.txt)
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
  bw_wall+=("$wall"); bw_cpu+=("$cpu")
  echo "run $((i + 1)): $line | blastwall wall $wall s, cpu $cpu s, peak ${rss} KiB"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
gw=$(median "${go_wall[@]}"); bw=$(median "${bw_wall[@]}"); bc_=$(median "${bw_cpu[@]}")
awk -v b="$bytes" -v gw="$gw" -v bw="$bw" -v bc="$bc_" 'BEGIN {
  printf "median wall: hclsyntax parse only %.3f s (%.1f MB/s), blastwall end to end %.3f s (%.1f MB/s, cpu %.2f s)\n", gw, b / 1e6 / gw, bw, b / 1e6 / bw, bc
  printf "blastwall end-to-end throughput / hclsyntax parse-only throughput: %.2fx\n", gw / bw
}'
