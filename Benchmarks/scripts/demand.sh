#!/bin/sh
# Issue 17's demand and spot benchmark: the reference park's revenue with and without a
# demand-charge saving over every consumption, charge and discharge meter (470 meters read into
# per-interval series) and a spot arbitrage at 96 prices a day (prices.csv, 8,640 intervals),
# ROUNDS times each, alternated; prints wall time and peak memory of each run.
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
input demand_price CNY\/kW\
input spot_price CNY\/MWh every 15 minutes/' \
  -e 's/^revenue arbitrage = tou(discharge, grid_tou) - tou(charge, grid_tou)$/&\
revenue demand_saving = (peak(park_use + discharge - charge) - peak(park_use)) x demand_price\
revenue spot_arbitrage = spot(discharge - charge, spot_price)/' \
  -e 's/^pool energy = direct_supply + green_trade + certificates + arbitrage$/& + demand_saving + spot_arbitrage/' \
  "$ref/reference.contract" > "$work/reference.contract"
grep -q demand_saving "$work/reference.contract"
grep -q spot_arbitrage "$work/reference.contract"
# 2026Q1's 8,640 quarter-hour prices: a night trough, a midday dip below zero at weekends, an
# evening peak, with a fixed jitter.
awk 'BEGIN {
  print "input,timestamp,value"
  split("31 28 31", days, " ")
  n = 0
  for (m = 1; m <= 3; m++) for (d = 1; d <= days[m]; d++) for (s = 0; s < 96; s++) {
    h = int(s / 4)
    p = h < 6 ? 280 : h < 11 ? 450 : h < 14 ? ((n % 7) >= 5 ? -50 : 60) : h < 17 ? 420 : h < 21 ? 980 : 350
    p += ((n * 37 + s * 11) % 21) - 10
    printf "spot_price,2026-%02d-%02dT%02d:%02d+08:00,%d\n", m, d, h, (s % 4) * 15, p
    if (s == 95) n++
  }
}' > "$work/data/prices.csv"
test "$(wc -l < "$work/data/prices.csv")" -eq 8641
cp "$ref/data-15min/meters.csv" "$work/data/"
ln -s "$ref/data-15min/readings.csv" "$work/data/readings.csv"
{ cat "$ref/data-15min/facts.csv"; echo "demand_price,40,CNY/kW,,"; } > "$work/data/facts.csv"
i=0
while [ $i -lt "$rounds" ]; do
  /usr/bin/time -f "plain  %e s %M KB" "$bin" revenue "$ref/reference.contract" \
    --data "$ref/data-15min" --period 2026Q1 --json > /dev/null
  /usr/bin/time -f "demand+spot %e s %M KB" "$bin" revenue "$work/reference.contract" \
    --data "$work/data" --period 2026Q1 --json > "$work/out.json"
  i=$((i + 1))
done
