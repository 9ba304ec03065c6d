#!/usr/bin/env bash
# Measures the xlsx reader in release mode on a large workbook (see bench.swift).
#   Fuzz/xlsx/bench.sh [BOOK.xlsx [rows]]   (default: writes .build/xlsx-bench/dayrows.xlsx first,
#                                     with Fuzz/xlsx/bench-make.py: python3 needed then)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build/xlsx-bench
mkdir -p "$out"
book=${1:-$out/dayrows.xlsx}
[ -f "$book" ] || python3 Fuzz/xlsx/bench-make.py "$book"
if [ ! -x "$out/bench" ] || [ -n "$(find Sources/ParkShare Fuzz/xlsx -newer "$out/bench" -name '*.swift')" ]; then
  swiftc -O -wmo -parse-as-library -module-name ParkShare -enable-bare-slash-regex \
    $(find Sources/ParkShare -name '*.swift') Fuzz/xlsx/bench.swift -o "$out/bench"
fi
/usr/bin/time -f "peak RSS %M KB, %e s wall" "$out/bench" "$book" ${2:-}
