import Foundation
import Testing

@testable import ParkShare

/// `to-date(X)`, its windows and `received(P)`, settled period after period with each period's
/// closing state as the next one's opening state (as the ledger and `simulate` carry it).
@Suite struct RunningTotalsTests {
  /// Settles `periods` in order, each from facts `rows(i)`; every settlement.
  static func settleInOrder(
    _ contract: String, _ periods: [String], files: [String: String] = [:],
    _ rows: (Int) -> [(String, String)]
  ) throws -> [Settlement] {
    let t = try TestBundle(contract: contract, files: files)
    defer { t.remove() }
    var state: CarryState? = nil
    var out: [Settlement] = []
    for (i, period) in periods.enumerated() {
      let dir = try t.facts(period, rows(i))
      let (s, messages) = t.settle(dir, period: period, opening: state)
      let settled = try #require(s, "\(period): \(messages)")
      out.append(settled)
      state = settled.closing
    }
    return out
  }

  static let header = """
    contract overtime "running totals"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2028Q4
    party a "A" operator
    party b "B" energy-service
    input amount CNY
    input delivered kWh
    revenue income = amount
    """

  static func value(_ s: Settlement, _ id: String) throws -> Exact {
    try #require(s.revenue.total(id), "no value \(id)")
  }

  /// 100, 200, 300, 400 kWh in 2026 and 500 in 2027Q1: the term's running total, the year's
  /// (which starts again in 2027) and the last two quarters'.
  @Test func windowsOverTheTermTheYearAndTheLastPeriods() throws {
    let settled = try Self.settleInOrder(
      Self.header + """

        kpi cum = to-date(delivered)
        kpi ytd = to-date(delivered, year)
        kpi last2 = to-date(delivered, 2 quarters)
        pool p = income
          split a 50%, b 50%
        """, ["2026Q1", "2026Q2", "2026Q3", "2026Q4", "2027Q1"]
    ) { i in [("amount", "1000"), ("delivered", "\((i + 1) * 100)")] }
    #expect(
      try settled.map { try Self.value($0, "cum") } == ["100", "300", "600", "1000", "1500"].map(x))
    #expect(
      try settled.map { try Self.value($0, "ytd") } == ["100", "300", "600", "1000", "500"].map(x))
    #expect(
      try settled.map { try Self.value($0, "last2") } == ["100", "300", "500", "700", "900"].map(x))
    // The state keeps what the windows need: the term, the year, one earlier quarter.
    let closing = try #require(settled.last?.closing.totals["delivered"])
    #expect(
      closing == RunningTotal(term: x("1500"), year: 2027, yearToDate: x("500"), recent: [x("500")])
    )
  }

  /// A bonus unlocked once 600 kWh have been delivered over the term: from the third quarter
  /// on. The split's base shrinks only by what the bonus takes.
  @Test func aConditionOnARunningTotalUnlocksABonus() throws {
    let settled = try Self.settleInOrder(
      Self.header + """

        pool p = income
          pay b 100 CNY if to-date(delivered) >= 600 kWh
          split a 50%, b 50%
        """, ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]
    ) { i in [("amount", "1000"), ("delivered", "\((i + 1) * 100)")] }
    #expect(settled.map { $0.net("b") } == ["500", "500", "550", "550"].map(x))
    #expect(settled.map { $0.net("a") } == ["500", "500", "450", "450"].map(x))
    let outcome = try #require(settled[2].pools[0].conditions?.first)
    #expect(outcome.left == x("600") && outcome.right == x("600") && outcome.taken)
    #expect(settled[1].pools[0].conditions?.first?.taken == false)
  }

  /// The payback switch read from receipts: b takes 80% until it has received 1,000 CNY before
  /// the period, then the 50/50 split alone applies. 800, 800 (1,600 received), then nothing.
  @Test func receivedReadsWhatWasPaidInEarlierPeriods() throws {
    let settled = try Self.settleInOrder(
      Self.header + """

        pool p = income
          pay b 80% of pool if received(b, p) < 1,000 CNY
          split a 50%, b 50%
        """, ["2026Q1", "2026Q2", "2026Q3"]
    ) { _ in [("amount", "1000"), ("delivered", "1")] }
    #expect(settled.map { $0.net("b") } == ["900", "900", "500"].map(x))
  }

  /// A condition that holds in every period (`if` it, `unless` its opposite) changes nothing.
  @Test func aConditionThatAlwaysHoldsEqualsTheUnconditionedContract() throws {
    func nets(_ step: String) throws -> [[Exact?]] {
      try Self.settleInOrder(
        Self.header + "\npool p = income\n  \(step)\n  split a 30%, b 70%\n",
        ["2026Q1", "2026Q2", "2026Q3"]
      ) { i in [("amount", "\(1000 + 37 * i)"), ("delivered", "\(i)")] }
      .map { s in ["a", "b"].map { s.net($0) } }
    }
    let plain = try nets("pay a 12.5% of pool")
    #expect(try nets("pay a 12.5% of pool if to-date(delivered) >= 0 kWh") == plain)
    #expect(try nets("pay a 12.5% of pool unless to-date(delivered) < 0 kWh") == plain)
  }

  /// Two splits on `if C` / `unless C` cover every period together: the term's first quarters
  /// by the first, the rest by the second, once 1,000 kWh have been delivered.
  @Test func conditionalSplitsOnOneConditionTakeTurns() throws {
    let settled = try Self.settleInOrder(
      Self.header + """

        pool p = income
          split a 80%, b 20% if to-date(delivered) < 1,000 kWh
          split a 20%, b 80% unless to-date(delivered) < 1,000 kWh
        """, ["2026Q1", "2026Q2", "2026Q3"]
    ) { _ in [("amount", "1000"), ("delivered", "400")] }
    #expect(settled.map { $0.net("a") } == ["800", "800", "200"].map(x))
  }
}
