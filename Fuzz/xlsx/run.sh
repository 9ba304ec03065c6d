#!/usr/bin/env bash
# Fuzz the xlsx reader (DEFLATE, ZIP, workbook parts, sheet rows) with libFuzzer.
#   Fuzz/xlsx/run.sh [SECONDS] [LIBFUZZER-OPTION...]
# Builds the library's sources with Fuzz/xlsx/main.swift (-sanitize=fuzzer,address; a few
# minutes, redone only when a source changes), seeds the corpus from the xlsx fixtures (each
# input's first byte says what the rest is: see main.swift), and runs for SECONDS (default
# 60). Crashes, leaks and hangs land in .build/fuzz-xlsx/. Not part of the package: `swift
# build` and `swift test` never build it.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift $(( $# < 1 ? $# : 1 ))
out=.build/fuzz-xlsx
fixtures=Tests/ParkShareTests/Fixtures/xlsx
mkdir -p "$out/corpus"
if [ ! -x "$out/fuzz" ] || [ -n "$(find Sources/ParkShare Fuzz/xlsx -newer "$out/fuzz" -name '*.swift')" ]; then
  swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name ParkShare -enable-bare-slash-regex \
    $(find Sources/ParkShare -name '*.swift') Fuzz/xlsx/main.swift -o "$out/fuzz" 2> "$out/build.log"
fi
seed() { { printf "\\x$(printf %02x "$1")"; cat "$2"; } > "$out/corpus/$3"; }
for f in "$fixtures"/deflate/*-{1,6,9}.deflate "$fixtures"/deflate/small-0.deflate; do
  seed 0 "$f" "deflate-$(basename "$f")"
done
for f in "$fixtures"/*.xlsx; do
  # The bombs take seconds each under AddressSanitizer and teach nothing new.
  case "$f" in *bomb*) continue ;; esac
  seed 1 "$f" "xlsx-$(basename "$f")"
done
python3 - "$fixtures/book.xlsx" "$out/corpus" <<'PY' 2>/dev/null || true
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for i, n in enumerate(["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"]):
    open("%s/sheet-%d" % (sys.argv[2], i), "wb").write(b"\x02" + z.read(n))
open("%s/shared" % sys.argv[2], "wb").write(b"\x03" + z.read("xl/sharedStrings.xml"))
PY
# Leak checks off: FoundationEssentials.readBytesFromFile leaks 4 KiB a call in this toolchain.
ASAN_OPTIONS=detect_leaks=0 "$out/fuzz" "$out/corpus" -dict=Fuzz/xlsx/xlsx.dict \
  -max_total_time="$seconds" -artifact_prefix="$out/" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 "$@"
