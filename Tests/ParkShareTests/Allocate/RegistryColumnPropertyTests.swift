import Foundation
import Testing

@testable import ParkShare

/// Generated registries: a split by a registry column is the split by stake when the column
/// holds the capital, and a pool rounded to the yuan still pays its total exactly.
@Suite struct RegistryColumnPropertyTests {
  /// Members with random units (some 0, some with decimals) and an amount with fen.
  static func registry(seed: UInt64) -> (csv: String, amount: String) {
    var rng = SplitMix(seed: seed)
    func r(_ n: UInt64) -> Int { Int(rng.next() % n) }
    var rows = ["id,name,units,capital"]
    for i in 0..<(1 + r(12)) {
      let units = r(4) == 0 ? "0" : "\(r(10_000_000)).\(r(1000))"
      rows.append("m\(i),member \(i),\(units),\(units)")
    }
    rows.append("last,last member,1,1")  // never all 0
    return (rows.joined(separator: "\n") + "\n", "\(r(100_000_000)).\(r(100))")
  }

  static func settle(_ split: String, _ csv: String, _ amount: String, rounding: String = "")
    throws -> Settlement
  {
    let text = """
      contract gen "generated"
      currency CNY rounding half-up
      settle quarterly from 2026Q1 to 2026Q4
      parties members from "members.csv" finance
      input amount CNY
      revenue income = amount
      pool p = income\(rounding)
      \(split)
      """
    let t = try TestBundle(contract: text, files: ["members.csv": csv])
    defer { t.remove() }
    let (s, messages) = t.settle(try t.facts("q1", [("amount", amount)]), period: "2026Q1")
    return try #require(s, "\(messages)")
  }

  @Test(arguments: 0..<25)
  func byAColumnHoldingTheCapitalIsByStake(seed: Int) throws {
    let (csv, amount) = Self.registry(seed: UInt64(seed))
    let units = try Self.settle("  split members by units", csv, amount)
    let stake = try Self.settle("  split members by stake", csv, amount)
    #expect(units.pools[0].lines.map(\.amount) == stake.pools[0].lines.map(\.amount))
    #expect(units.pools[0].lines.map(\.exact) == stake.pools[0].lines.map(\.exact))
    #expect(try units.pools[0].lines.map(\.amount).sum() == units.pools[0].total)
  }

  @Test(arguments: 0..<25)
  func aPoolRoundedToTheYuanPaysItsTotalInWholeYuan(seed: Int) throws {
    let (csv, amount) = Self.registry(seed: UInt64(seed))
    let s = try Self.settle(
      "  split members by units", csv, amount, rounding: " rounding half-even decimals 0")
    let pool = s.pools[0]
    let amounts = pool.lines.map(\.amount)
    #expect(try amounts.sum() == pool.total)
    #expect(try pool.total == Exact(parsing: amount).rounded(scale: 0, .halfEven))
    for l in pool.lines {
      #expect(try l.amount.rounded(scale: 0, .down) == l.amount, "\(l.amount)")
      // Within one yuan of the exact part.
      let gap = try (Fraction(l.amount) - l.exact).magnitude
      #expect(gap < Fraction(Exact.one), "\(l.amount) vs \(l.exact)")
    }
    #expect(s.reconciliation.residual.isZero)
  }
}
