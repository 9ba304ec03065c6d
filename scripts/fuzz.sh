#!/usr/bin/env bash
# Fuzz the contract parser/checker/formatter, the data-bundle readers and the scenario reader
# with libFuzzer.
#   scripts/fuzz.sh contract|bundle|scenario [SECONDS] [LIBFUZZER-OPTION...]
# Builds the library's sources with the harness (-sanitize=fuzzer,address), seeds the corpus
# from the test fixtures, and runs for SECONDS (default 60). Crashes land in .build/fuzz/.
# Further options go to libFuzzer: `scripts/fuzz.sh contract 600 -max_len=1048576` lets
# inputs grow to 1 MiB (libFuzzer's default keeps them near the seeds' sizes).
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-contract}
seconds=${2:-60}
shift $(( $# < 2 ? $# : 2 ))
out=.build/fuzz
mkdir -p "$out/corpus-$which"
case "$which" in
  contract) harness=scripts/fuzz/ContractFuzz.swift ;;
  bundle) harness=scripts/fuzz/BundleFuzz.swift ;;
  scenario) harness=scripts/fuzz/ScenarioFuzz.swift ;;
  *) echo "usage: scripts/fuzz.sh contract|bundle|scenario [SECONDS]" >&2; exit 64 ;;
esac
# The build takes a few minutes: it is redone only when a source is newer than the binary.
if [ ! -x "$out/fuzz-$which" ] || [ -n "$(find Sources/ParkShare "$harness" -newer "$out/fuzz-$which" -name '*.swift')" ]; then
  swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name ParkShare \
    $(find Sources/ParkShare -name '*.swift') "$harness" -o "$out/fuzz-$which" 2> "$out/build-$which.log"
fi
if [ "$which" = contract ]; then
  cp Tests/ParkShareTests/Fixtures/contracts/*.contract contracts/*.contract "$out/corpus-$which/" 2>/dev/null || true
  dict=scripts/fuzz/contract.dict
elif [ "$which" = scenario ]; then
  cp contracts/scenarios/*.json "$out/corpus-$which/"
  for f in Tests/ParkShareTests/Fixtures/commands/*/scenario.json; do
    cp "$f" "$out/corpus-$which/$(basename "$(dirname "$f")").json"
  done
  dict=scripts/fuzz/scenario.dict
else
  for d in Tests/ParkShareTests/Fixtures/bundles/*/; do
    n=$(basename "$d")
    { cat "$d/meters.csv" 2>/dev/null || true; printf '\f'; cat "$d/readings.csv" 2>/dev/null || true; printf '\f'; cat "$d/facts.csv" 2>/dev/null || true; } > "$out/corpus-$which/$n"
  done
  dict=scripts/fuzz/bundle.dict
fi
# Leak checks off: FoundationEssentials.readBytesFromFile leaks 4 KiB a call in this toolchain.
ASAN_OPTIONS=detect_leaks=0 "$out/fuzz-$which" "$out/corpus-$which" -dict="$dict" -max_total_time="$seconds" \
  -artifact_prefix="$out/" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$@"
