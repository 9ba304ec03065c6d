#!/bin/sh
# Issue 17's demand benchmark: the reference park's revenue with and without a demand-charge
# saving over every consumption, charge and discharge meter (470 meters read into per-interval
# series), ROUNDS times each, alternated; prints wall time and peak memory of each run.
#   swift build -c release && swift run -c release parkshare-bench revenue /tmp/psref
#   sh Benchmarks/scripts/demand.sh /tmp/psref [ROUNDS]
set -e
ref=${1:?usage: demand.sh REFERENCE_PARK_DIR [ROUNDS]}
rounds=${2:-3}
bin=$(dirname "$0")/../../.build/release/parkshare
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/data"
cp "$ref/tenants.csv" "$work/"
sed -e 's/^meter discharge storage-discharge$/meter discharge storage-discharge\
meter park_use consumption/' \
  -e 's/^input trade_price CNY\/kWh$/input trade_price CNY\/kWh\
input demand_price CNY\/kW/' \
  -e 's/^revenue arbitrage = tou(discharge, grid_tou) - tou(charge, grid_tou)$/&\
revenue demand_saving = (peak(park_use + discharge - charge) - peak(park_use)) x demand_price/' \
  -e 's/^pool energy = direct_supply + green_trade + certificates + arbitrage$/& + demand_saving/' \
  "$ref/reference.contract" > "$work/reference.contract"
grep -q demand_saving "$work/reference.contract"
cp "$ref/data-15min/meters.csv" "$work/data/"
ln -s "$ref/data-15min/readings.csv" "$work/data/readings.csv"
{ cat "$ref/data-15min/facts.csv"; echo "demand_price,40,CNY/kW,,"; } > "$work/data/facts.csv"
i=0
while [ $i -lt "$rounds" ]; do
  /usr/bin/time -f "plain  %e s %M KB" "$bin" revenue "$ref/reference.contract" \
    --data "$ref/data-15min" --period 2026Q1 --json > /dev/null
  /usr/bin/time -f "demand %e s %M KB" "$bin" revenue "$work/reference.contract" \
    --data "$work/data" --period 2026Q1 --json > "$work/out.json"
  i=$((i + 1))
done
