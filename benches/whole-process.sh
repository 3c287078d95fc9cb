#!/usr/bin/env bash
# Whole-process figures: `check` time and peak memory for generated libraries, cold and with
# a warm cache (and an older binary's, with BASE=path), and `briefing search` next to
# `fzf --filter` on the same texts (when fzf exists). Startup to first frame and to an
# interactive screen is `cargo bench --bench startup`.
#
#   bash benches/whole-process.sh            # 10, 1,000 and 10,000 briefings
#   SIZES="10 1000" bash benches/whole-process.sh
#   BASE=/tmp/briefing-base SIZES=1000 bash benches/whole-process.sh   # before/after
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
export BRIEFING_CACHE_DIR="$WORK/cache"
# `check` whole process: cold (--no-cache) and warm (every file in the cache), time and peak
# RSS; with BASE=path/to/an/older/briefing, that binary's check too, in the same loop.
printf '\n%-10s %10s %12s %10s %10s %12s %12s %9s\n' briefings items "toml bytes" "cold" "warm" "cold RSS" "warm RSS" "RSS/TOML"
for n in $SIZES; do
  dir="$WORK/lib-$n"
  target/release/examples/gen_library "$dir" "$n" 42 > /dev/null
  bytes=$(find "$dir" -name '*.toml' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
  items=$($BIN export --format json "$dir" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(len(d[k]) for k in ("actors","events","quotes","sources")))')
  times=(); rss=(); wtimes=(); wrss=(); btimes=(); brss=()
  $BIN check "$dir" > /dev/null 2>&1 || true   # warms the cache
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -o "$WORK/time" -f '%e %M' $BIN check --no-cache "$dir" > /dev/null 2>&1 || true
    out=$(tail -1 "$WORK/time"); times+=("${out% *}"); rss+=("${out#* }")
    /usr/bin/time -o "$WORK/time" -f '%e %M' $BIN check "$dir" > /dev/null 2>&1 || true
    out=$(tail -1 "$WORK/time"); wtimes+=("${out% *}"); wrss+=("${out#* }")
    if [ -n "${BASE:-}" ]; then
      /usr/bin/time -o "$WORK/time" -f '%e %M' "$BASE" check "$dir" > /dev/null 2>&1 || true
      out=$(tail -1 "$WORK/time"); btimes+=("${out% *}"); brss+=("${out#* }")
    fi
  done
  t=$(printf '%s\n' "${times[@]}" | median); r=$(printf '%s\n' "${rss[@]}" | median)
  wt=$(printf '%s\n' "${wtimes[@]}" | median); wr=$(printf '%s\n' "${wrss[@]}" | median)
  printf '%-10s %10s %12s %9ss %9ss %9s KB %9s KB %8.2fx\n' "$n" "$items" "$bytes" "$t" "$wt" "$r" "$wr" "$(echo "$r * 1024 / $bytes" | bc -l)"
  if [ -n "${BASE:-}" ]; then
    bt=$(printf '%s\n' "${btimes[@]}" | median); br=$(printf '%s\n' "${brss[@]}" | median)
    printf '%-10s %10s %12s %9ss %9s  %9s KB %12s %8.2fx   (BASE)\n' "$n" "" "" "$bt" "" "$br" "" "$(echo "$br * 1024 / $bytes" | bc -l)"
  fi
done

echo
echo "cold check against the toml floor, whole processes, interleaved (examples/toml_floor:"
echo "every file read and parsed into serde's IgnoredAny on the same threads; median of $RUNS):"
for n in $SIZES; do
  dir="$WORK/lib-$n"
  tf=(); tc=()
  for _ in $(seq "$RUNS"); do
    s=$(date +%s%N); target/release/examples/toml_floor "$dir" > /dev/null; e=$(date +%s%N); tf+=($(( (e - s) / 1000000 )))
    s=$(date +%s%N); $BIN check --no-cache "$dir" > /dev/null 2>&1 || true; e=$(date +%s%N); tc+=($(( (e - s) / 1000000 )))
  done
  f=$(printf '%s\n' "${tf[@]}" | median); c=$(printf '%s\n' "${tc[@]}" | median)
  printf '  %6s briefings: toml floor %6s ms   check --no-cache %6s ms   (%.2fx)\n' "$n" "$f" "$c" "$(echo "$c / ($f + 0.0001)" | bc -l)"
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
