import Foundation
import ParkShare

// Release-mode benchmarks: `swift run -c release parkshare-bench [money | revenue | ...]`.
// Figures, not tests: the targets they measure are stated in the issues and docs/benchmarks.md.

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = ContinuousClock.now
  try body()
  let d = ContinuousClock.now - start
  return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// Multiply-add over realistic values: kWh with 3 decimals times a price with 4.
func benchMoney() throws {
  let n = 5_000_000
  var kwh: [Exact] = []
  var price: [Exact] = []
  var rng = UInt64(12345)
  for _ in 0..<1024 {
    rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    kwh.append(try Exact(significand: Int128(rng >> 44), scale: 3))
    price.append(try Exact(significand: Int128(2000 + (rng >> 20) % 12000), scale: 4))
  }
  var total = Exact.zero
  let exactTime = try seconds {
    for i in 0..<n { total = try total + kwh[i & 1023] * price[(i >> 3) & 1023] }
  }
  let fKwh = kwh.map { Decimal(string: $0.description)! }
  let fPrice = price.map { Decimal(string: $0.description)! }
  let m = n / 10
  var fTotal = Decimal.zero
  let foundationTime = seconds {
    for i in 0..<m { fTotal += fKwh[i & 1023] * fPrice[(i >> 3) & 1023] }
  }
  var check = Exact.zero
  for i in 0..<m { check = try check + kwh[i & 1023] * price[(i >> 3) & 1023] }
  let exactNs = exactTime / Double(n) * 1e9
  let foundationNs = foundationTime / Double(m) * 1e9
  print(
    "money multiply-add: Exact \(String(format: "%.2f", exactNs)) ns/op (\(n) ops, total \(total))")
  print(
    "money multiply-add: Foundation.Decimal \(String(format: "%.2f", foundationNs)) ns/op (\(m) ops, total \(fTotal))"
  )
  print(
    "money multiply-add: Exact is \(String(format: "%.0f", foundationNs / exactNs))x faster; same sum over \(m) ops: \(check.description == "\(fTotal)" || check == Exact(fTotal.description) ? "yes" : "NO")"
  )
}

let which = CommandLine.arguments.dropFirst().first ?? "money"
switch which {
case "money": try benchMoney()
case "revenue":
  // parkshare-bench revenue [DIR] [INTERVAL...]: 15-minute readings unless intervals are given.
  let rest = Array(CommandLine.arguments.dropFirst(2))
  let dir = rest.first ?? NSTemporaryDirectory() + "parkshare-reference-park"
  let intervals = rest.dropFirst().compactMap { Int($0) }
  try ReferencePark.run(dir, intervals: intervals.isEmpty ? [15] : intervals, repeats: 5)
case "settle":
  // parkshare-bench settle [DIR]: the reference park settled end to end, every format.
  let dir =
    CommandLine.arguments.dropFirst(2).first ?? NSTemporaryDirectory() + "parkshare-reference-park"
  try ReferencePark.settle(dir, repeats: 5)
case "layouts":
  // parkshare-bench layouts [DIR]: the reference park's readings in every import-profile layout.
  try LayoutsBench.run(
    CommandLine.arguments.dropFirst(2).first ?? NSTemporaryDirectory() + "parkshare-reference-park",
    repeats: 5)
case "montecarlo":
  // parkshare-bench montecarlo [DIR [RUNS [plain | overtime]]]
  let rest = Array(CommandLine.arguments.dropFirst(2))
  try MonteCarloBench.run(
    rest.first ?? NSTemporaryDirectory() + "parkshare-montecarlo",
    runs: rest.dropFirst().first.flatMap { Int($0) } ?? 1000,
    variant: rest.dropFirst(2).first ?? "plain")
case "sha256":
  // parkshare-bench sha256 FILE: SHA-256 throughput on one file.
  let path = CommandLine.arguments.dropFirst(2).first ?? ""
  let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
  var h = SHA256()
  var b = BLAKE2b()
  var bytes = 0
  var chunks: [Data] = []
  let t = seconds {
    while let data = try? handle.read(upToCount: 8 << 20), !data.isEmpty {
      data.withUnsafeBytes { h.update($0) }
      bytes += data.count
      if chunks.count < 16 { chunks.append(data) }
    }
  }
  print(
    String(
      format: "sha256: %d bytes in %.3f s: %.0f MB/s  %@", bytes, t, Double(bytes) / t / 1e6,
      h.finish()))
  let few = chunks.reduce(0) { $0 + $1.count }
  let tb = seconds { for c in chunks { c.withUnsafeBytes { b.update($0) } } }
  print(
    String(format: "blake2b-256: %d bytes in %.3f s: %.0f MB/s", few, tb, Double(few) / tb / 1e6))
case "capeach":
  // parkshare-bench capeach [MEMBERS [FREE]]: one pool over a registry under `cap each`.
  let rest = CommandLine.arguments.dropFirst(2).compactMap { Int($0) }
  try CapEachBench.run(
    NSTemporaryDirectory() + "parkshare-capeach", members: rest.first ?? 2_000,
    free: rest.dropFirst().first ?? 1)
case "ledger":
  // parkshare-bench ledger [DIR [PERIODS [noindex]]]: settle time of period N as a ledger grows.
  let rest = Array(CommandLine.arguments.dropFirst(2))
  try LedgerBench.run(
    rest.first ?? NSTemporaryDirectory() + "parkshare-ledger",
    periods: rest.dropFirst().first.flatMap { Int($0) } ?? 40,
    withoutIndex: rest.dropFirst(2).first == "noindex")
case "onepass":
  // parkshare-bench onepass [DIR [ROUNDS]]: issue 20's ratios, side by side with wc -l.
  let rest = Array(CommandLine.arguments.dropFirst(2))
  try OnePassBench.run(
    rest.first ?? NSTemporaryDirectory() + "parkshare-reference-park",
    rounds: rest.dropFirst().first.flatMap { Int($0) } ?? 5)
case "sample-data":
  try SampleData.run(CommandLine.arguments.dropFirst(2).first ?? "contracts/data")
  try SampleLayouts.run(CommandLine.arguments.dropFirst(2).first ?? "contracts/data")
default:
  FileHandle.standardError.write(
    "usage: parkshare-bench [money | revenue [DIR [MINUTES...]] | settle [DIR] | montecarlo [DIR [RUNS [plain | overtime]]] | capeach [MEMBERS [FREE]] | sha256 FILE | sample-data DIR | layouts [DIR] | ledger [DIR [PERIODS [noindex]]] | onepass [DIR [ROUNDS]]]\n"
      .data(
        using: .utf8)!)
  exit(64)
}
