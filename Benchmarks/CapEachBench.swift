import Foundation
import ParkShare

/// The `cap each` benchmark: one pool split by stake between an operator (stake 100) and a
/// registry of MEMBERS tenants (stakes 100 to 999) and FREE more (stake 1), then
/// `cap each tenants 1,000 CNY per period`, settled in process (`Settlement.run`: evaluation,
/// allocation and the statements, without and with explanation text). The pool, 1,010.00 CNY a
/// tenant and a fen, puts about half the tenants above the cap at once; the others bind one
/// after another as the cuts raise their shares (the rounds took one round each), all but the
/// FREE ones. Each cut is shared on its own line per free party (docs/statement.md), so FREE
/// multiplies the lines.
enum CapEachBench {
  static let contract = """
    contract capeach "cap each benchmark"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2026Q4
    party op "operator" operator capital 100 CNY
    parties tenants from "tenants.csv" enterprise
    input amount CNY
    revenue income = amount
    pool p = income
      split op, tenants by stake
      cap each tenants 1,000 CNY per period

    """

  static func run(_ root: String, members: Int, free: Int) throws {
    let fm = FileManager.default
    try? fm.removeItem(atPath: root)
    try fm.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
    var tenants = "id,name,capital\n"
    for i in 1...(members + free) {
      let capital = i > members ? 1 : 100 + (i &* 7_919) % 900
      tenants += "T\(String(format: "%06d", i)),Tenant \(i),\(capital)\n"
    }
    try tenants.write(toFile: root + "/tenants.csv", atomically: true, encoding: .utf8)
    try contract.write(toFile: root + "/capeach.contract", atomically: true, encoding: .utf8)
    try "fact,value\namount,\(members * 1_010).01\n"
      .write(toFile: root + "/data/facts.csv", atomically: true, encoding: .utf8)
    let (_, checked) = Checker.check(path: root + "/capeach.contract")
    guard let contract = checked.contract else {
      print("capeach: the contract has errors: \(checked.diagnostics.map(\.message))")
      exit(1)
    }
    let loaded = DataBundle.load(
      directory: root + "/data", contract: contract, period: Period("2026Q1")!)
    guard let bundle = loaded.bundle else {
      print("capeach: the data has errors: \(loaded.diagnostics.map(\.message))")
      exit(1)
    }
    do {
      var times: [Double] = []
      var settlement: Settlement? = nil
      for _ in 0..<3 {
        times.append(
          seconds {
            settlement =
              Settlement.run(contract: contract, bundle: bundle, opening: nil)
              .settlement
          })
      }
      guard let s = settlement, let pool = s.pools.first else {
        print("capeach: the settlement failed")
        exit(1)
      }
      times.sort()
      let capped = s.statements.filter { $0.party.hasPrefix("T") && $0.net == Exact(1_000) }.count
      print(
        String(
          format:
            "capeach: %d + %d tenants: %d capped, %d lines; best %.3f s, median %.3f s (3 runs)",
          members, free, capped, pool.lines.count, times[0], times[1]))
    }
  }
}
