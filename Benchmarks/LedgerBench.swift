import Foundation
import ParkShare

/// The ledger benchmark (issue 20): PERIODS quarters of a deal with an operator and 1,000
/// tenants (records of the reference park's size, about 1.5 MB, from facts alone so a quarter
/// settles in a fraction of a second), each settled into one ledger by the built `parkshare`,
/// a process per quarter as an operator runs it. Prints the wall time of each settle: what
/// settling period N costs as the ledger grows (it should not grow with N).
enum LedgerBench {
  static let contract = """
    contract bench-ledger "ledger growth benchmark"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2040Q4
    party op "operator" operator
    parties tenants from "tenants.csv" enterprise
    input sales CNY
    input weight per tenants
    revenue income = sales
    pool p = income
      pay op 2% of pool
      split tenants by weight

    """

  /// `withoutIndex` removes the ledger's `.index` before each settle: the full read every
  /// earlier version made, for comparison.
  static func run(_ root: String, periods: Int, withoutIndex: Bool = false) throws {
    let fm = FileManager.default
    try? fm.removeItem(atPath: root)
    try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
    var tenants = "id,name\n"
    for i in 1...1_000 { tenants += "T\(String(format: "%04d", i)),Tenant \(i) 园区企业有限公司\n" }
    try tenants.write(toFile: root + "/tenants.csv", atomically: true, encoding: .utf8)
    try contract.write(toFile: root + "/ledger.contract", atomically: true, encoding: .utf8)
    let binary =
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("parkshare").path
    var period = Period("2026Q1")!
    var walls: [Double] = []
    for n in 1...periods {
      let dir = root + "/data-\(period)"
      try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
      var facts = "fact,value,unit,member\nsales,\(1_000_000 + n * 1_237).37,,\n"
      for i in 1...1_000 {
        facts += "weight,\((i &* 7_919 &+ n) % 997 + 1),,T\(String(format: "%04d", i))\n"
      }
      try facts.write(toFile: dir + "/facts.csv", atomically: true, encoding: .utf8)
      if withoutIndex { try? fm.removeItem(atPath: root + "/ledger/.index") }
      let (wall, _, status) = try ReferencePark.measure(
        binary,
        [
          "settle", root + "/ledger.contract", "--data", dir, "--period", "\(period)", "--ledger",
          root + "/ledger", "--issued",
          "\(Period(containing: period.next.firstMonth, length: .month))-01",
        ])
      guard status == 0 else {
        print("ledger: settle of \(period) failed with status \(status)")
        exit(1)
      }
      walls.append(wall)
      period = period.next
    }
    let size =
      (try? fm.attributesOfItem(atPath: root + "/ledger/0001-2026Q1.json")[.size] as? Int) ?? 0
    print(
      "ledger: \(periods) quarters\(withoutIndex ? " (without the index)" : ""), records of \(size / 1000) kB; settle wall by period (s):"
    )
    for (i, w) in walls.enumerated() { print(String(format: "  %2d  %.3f", i + 1, w)) }
    // Period 1 reads no record: the first ten that open a ledger (2-11) against the last ten,
    // medians, since one settle of this size is a fifth of a second and the machine's noise
    // is a tenth of that.
    func median(_ xs: ArraySlice<Double>) -> Double { xs.sorted()[xs.count / 2] }
    let n = max(1, min(10, (walls.count - 1) / 2))
    let first = median(walls.dropFirst().prefix(n))
    let last = median(walls.suffix(n))
    print(
      String(
        format: "ledger: periods 2-%d median %.3f s, the last %d %.3f s: %.2fx", n + 1, first, n,
        last, last / first))
  }
}
