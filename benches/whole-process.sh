#!/usr/bin/env bash
# Whole-process figures: load time and peak memory for generated libraries, startup to first
# frame, and `briefing search` next to `fzf --filter` on the same texts (when fzf exists).
#
#   bash benches/whole-process.sh            # 10, 1,000 and 10,000 briefings
#   SIZES="10 1000" bash benches/whole-process.sh
#
# Generated libraries go to a temporary folder, never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10 1000 10000"}
RUNS=${RUNS:-5}
cargo build --release --quiet --bins --examples
BIN=target/release/briefing
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
printf '\n%-10s %12s %12s %14s %12s %10s\n' briefings items "toml bytes" "load median" "peak RSS" "RSS/TOML"
for n in $SIZES; do
  dir="$WORK/lib-$n"
  target/release/examples/gen_library "$dir" "$n" 42 > /dev/null
  bytes=$(find "$dir" -name '*.toml' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
  items=$($BIN export --format json "$dir" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(len(d[k]) for k in ("actors","events","quotes","sources")))')
  times=(); rss=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -o "$WORK/time" -f '%e %M' $BIN check "$dir" > /dev/null 2>&1 || true
    out=$(tail -1 "$WORK/time")
    times+=("$(echo "$out" | cut -d' ' -f1)"); rss+=("$(echo "$out" | cut -d' ' -f2)")
  done
  t=$(printf '%s\n' "${times[@]}" | median); r=$(printf '%s\n' "${rss[@]}" | median)
  printf '%-10s %12s %12s %12ss %10s KB %9.2fx\n' "$n" "$items" "$bytes" "$t" "$r" "$(echo "$r * 1024 / $bytes" | bc -l)"
done

echo
echo "search, whole process (load + search + print), vs fzf --filter on the same texts:"
if ! command -v fzf > /dev/null; then
  echo "  fzf is not installed (apt-get install fzf); skipping the comparison"
  exit 0
fi
for n in $SIZES; do
  dir="$WORK/lib-$n"
  lines="$WORK/lines-$n.txt"
  target/release/examples/search_lines "$dir" > "$lines"
  for q in kenya "oas troops" zq; do
    tb=(); tf=()
    for _ in $(seq "$RUNS"); do
      s=$(date +%s%N); $BIN search --limit 50 "$q" "$dir" > /dev/null || true; e=$(date +%s%N); tb+=($(( (e - s) / 1000000 )))
      s=$(date +%s%N); fzf --filter "$q" < "$lines" > /dev/null || true; e=$(date +%s%N); tf+=($(( (e - s) / 1000000 )))
    done
    b=$(printf '%s\n' "${tb[@]}" | median); f=$(printf '%s\n' "${tf[@]}" | median)
    printf '  %6s briefings, %-12s briefing %6s ms   fzf %6s ms   (fzf/briefing %.2fx)\n' "$n" "\"$q\"" "$b" "$f" "$(echo "$f / ($b + 0.0001)" | bc -l)"
  done
done
