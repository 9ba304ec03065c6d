import Foundation
import ParkShare

/// Issue 20's figures, side by side in one run on the reference park: `wc -l` of the readings
/// (the floor: a pass over the bytes that only counts line feeds), `revenue`, `settle` with every
/// format, `compare` of two variants on one bundle, and over a ledger of four quarters `compare
/// --ledger` against the four settles that made it. Each round runs every command once, in
/// turn, so a noisy moment of the machine touches them all; medians of the rounds are printed
/// with their ratios.
enum OnePassBench {
  static let quarters = ["2026Q1", "2026Q2", "2026Q3", "2026Q4"].map { Period($0)! }

  static func run(_ root: String, rounds: Int) throws {
    let fm = FileManager.default
    let binary =
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("parkshare").path
    var dirs: [String] = []
    for q in quarters { dirs.append(try ReferencePark.generate(root, interval: 15, period: q)) }
    let contract = root + "/reference.contract"
    // Variant B: a fifth of the pool rebated to the tenants instead of 15%.
    let variant = root + "/reference-b.contract"
    let text = try String(contentsOfFile: contract, encoding: .utf8)
    try text.replacingOccurrences(of: "rebate 15% to tenants", with: "rebate 20% to tenants")
      .write(toFile: variant, atomically: true, encoding: .utf8)
    let readings = dirs[0] + "/readings.csv"
    let size = (try fm.attributesOfItem(atPath: readings)[.size] as? Int) ?? 0
    let out = root + "/onepass-out"
    let q1 = ["--data", dirs[0], "--period", "2026Q1"]
    var walls: [String: [Double]] = [:]
    func time(_ name: String, _ tool: String, _ args: [String]) throws {
      let (wall, _, status) = try ReferencePark.measure(tool, args)
      guard status == 0 else {
        print("onepass: \(name) failed with status \(status)")
        exit(1)
      }
      walls[name, default: []].append(wall)
    }
    for _ in 0..<rounds {
      try time("wc -l", "/usr/bin/wc", ["-l", readings])
      try time("revenue", binary, ["revenue", contract] + q1 + ["--json"])
      try? fm.removeItem(atPath: out)
      try time(
        "settle all", binary, ["settle", contract] + q1 + ["--format", "all", "--out", out])
      try time("compare", binary, ["compare", contract, variant] + q1)
    }
    // Four quarters settled into a ledger, then compared over it.
    let ledger = root + "/onepass-ledger"
    for _ in 0..<rounds {
      try? fm.removeItem(atPath: ledger)
      var four = 0.0
      for (q, dir) in zip(quarters, dirs) {
        let (wall, _, status) = try ReferencePark.measure(
          binary,
          [
            "settle", contract, "--data", dir, "--period", "\(q)", "--ledger", ledger,
            "--issued", "2027-01-15",
          ])
        guard status == 0 else {
          print("onepass: settle \(q) into the ledger failed with status \(status)")
          exit(1)
        }
        four += wall
      }
      walls["4 settles", default: []].append(four)
      try time("compare --ledger", binary, ["compare", contract, variant, "--ledger", ledger])
    }
    try? fm.removeItem(atPath: out)
    func median(_ name: String) -> Double {
      let w = walls[name, default: [0]].sorted()
      return w[w.count / 2]
    }
    print(
      "onepass: reference park, \(String(format: "%.0f", Double(size) / 1e6)) MB of readings a quarter, medians of \(rounds) rounds"
    )
    let floor = median("wc -l")
    for name in ["wc -l", "revenue", "settle all", "compare"] {
      let label = name.padding(toLength: 18, withPad: " ", startingAt: 0)
      print(
        "  " + label
          + String(format: " %.3f s  %5.2fx wc -l", median(name), median(name) / floor))
    }
    print(
      String(
        format: "  settle all / revenue: %.2fx (goal 1.5x); compare / revenue: %.2fx",
        median("settle all") / median("revenue"), median("compare") / median("revenue")))
    print(
      String(
        format:
          "  4 settles into a ledger %.3f s; compare --ledger over them %.3f s: %.2fx (goal 2.5x)",
        median("4 settles"), median("compare --ledger"),
        median("compare --ledger") / median("4 settles")))
  }
}
