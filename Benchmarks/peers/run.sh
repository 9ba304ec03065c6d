#!/bin/sh
# Issue 20's side-by-side run: wc -l, parkshare revenue and the peers on the same readings, one
# after the other, ROUNDS times (default 3); prints each run's wall time and peak memory.
#   pip install pandas polars duckdb; swift build -c release
#   sh Benchmarks/peers/run.sh /tmp/psref [ROUNDS]
# DIR is a reference park written by `parkshare-bench revenue DIR` (data-15min/, reference.contract).
set -e
dir=${1:?usage: run.sh DIR [ROUNDS]}
rounds=${2:-3}
here=$(dirname "$0")
bin=$here/../../.build/release/parkshare
readings=$dir/data-15min/readings.csv
i=0
while [ $i -lt "$rounds" ]; do
  /usr/bin/time -f "wc-l %e s %M KB" wc -l "$readings" > /dev/null
  /usr/bin/time -f "parkshare-revenue %e s %M KB" "$bin" revenue "$dir/reference.contract" \
    --data "$dir/data-15min" --period 2026Q1 --json > /dev/null
  for tool in duckdb polars pandas; do
    /usr/bin/time -f "$tool %e s %M KB" python3 "$here/peers.py" $tool "$readings" > /dev/null
  done
  i=$((i + 1))
done
