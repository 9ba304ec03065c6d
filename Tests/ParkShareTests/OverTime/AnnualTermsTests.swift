import Foundation
import Testing

@testable import ParkShare

/// Annual terms under quarterly settlement, applied to the year to date each quarter: a cap
/// per year, receipts over this year, and tiers on the year's running total.
@Suite struct AnnualTermsTests {
  static let quarters = ["2026Q1", "2026Q2", "2026Q3", "2026Q4", "2027Q1"]

  /// 1,000 a quarter split 60/40 with b capped at 1,000 a year: 600, then the 400 left of the
  /// year's cap (200 to a), then nothing (600 to a) until the cap starts again in 2027.
  @Test func aCapPerYearHoldsTheYearToDate() throws {
    let s = try RunningTotalsTests.settleInOrder(
      RunningTotalsTests.header + """

        pool p = income
          split a 40%, b 60%
          cap b 1,000 CNY per year
        """, Self.quarters
    ) { _ in [("amount", "1000"), ("delivered", "0")] }
    #expect(s.map { $0.net("b") } == ["600", "400", "0", "0", "600"].map(x))
    #expect(s.map { $0.net("a") } == ["400", "600", "1000", "1000", "400"].map(x))
  }

  /// `received(b, p, year)` reads this year's receipts before the period; `2 quarters` the two
  /// periods before this one.
  @Test func receiptsOverAWindow() throws {
    let s = try RunningTotalsTests.settleInOrder(
      RunningTotalsTests.header + """

        kpi b_year = received(b, p, year)
        kpi b_recent = received(b, 2 quarters)
        pool p = income
          split a 50%, b 50%
        """, Self.quarters
    ) { i in [("amount", "\(100 * (i + 1))"), ("delivered", "0")] }
    // b receives 50, 100, 150, 200, 250.
    #expect(
      try s.map { try #require($0.revenue.total("b_year")) }
        == ["0", "50", "150", "300", "0"].map(x))
    #expect(
      try s.map { try #require($0.revenue.total("b_recent")) }
        == ["0", "50", "150", "250", "350"].map(x))
  }

  /// Tiers on the year's running total of the pool: the first 1,500 of each year at 80/20, the
  /// rest at 50/50, crossing inside the second quarter; 2027 starts again at 80/20.
  @Test func tiersOnTheYearToDate() throws {
    let s = try RunningTotalsTests.settleInOrder(
      RunningTotalsTests.header + """

        kpi income_this_year = to-date(p, year)
        pool p = income
          split on income_this_year
            below 1,500 CNY: a 20%, b 80%
            from 1,500 CNY: a 50%, b 50%
        """, Self.quarters
    ) { _ in [("amount", "1000"), ("delivered", "0")] }
    // Q2: 500 at 80% + 500 at 50% = 650.
    #expect(s.map { $0.net("b") } == ["800", "650", "500", "500", "800"].map(x))
  }
}

/// A closing state with running totals is written by `--closing` and read back by `--opening`
/// exactly; a total the contract does not keep is refused at its key.
@Suite struct RunningTotalStateFileTests {
  @Test func aStateWithRunningTotalsReadsBackAsWritten() throws {
    let contract =
      RunningTotalsTests.header + """

        kpi so_far = to-date(delivered, 2 quarters)
        kpi b_year = received(b, p, year)
        pool p = income
          split a 50%, b 50%
        """
    let t = try TestBundle(contract: contract)
    defer { t.remove() }
    let s = try RunningTotalsTests.settleInOrder(contract, ["2026Q1", "2026Q2"]) { i in
      [("amount", "100"), ("delivered", "\(7 + i)")]
    }
    let closing = s[1].closing
    #expect(closing.totals["delivered"]?.term == x("15"))
    #expect(closing.totals["received(b, p)"]?.yearToDate == x("100"))
    let path = t.folder.appendingPathComponent("closing.json").path
    try JSONOutput.document(closing).write(to: URL(fileURLWithPath: path))
    let (read, problems) = CarryStateReader.read(path, contract: t.contract)
    #expect(problems.isEmpty, "\(problems)")
    #expect(read == closing)
    let forged = String(decoding: try JSONOutput.document(closing), as: UTF8.self)
      .replacingOccurrences(of: "\"delivered\"", with: "\"nothing\"")
    try Data(forged.utf8).write(to: URL(fileURLWithPath: path))
    let (refused, why) = CarryStateReader.read(path, contract: t.contract)
    #expect(refused == nil)
    #expect(why.map(\.message).contains { $0.contains("'totals' names 'nothing'") }, "\(why)")
  }
}

/// A cap per year is not prorated when a day date cuts a quarter: the year's cap holds over
/// the sub-periods together.
@Suite struct YearlyCapInACutPeriodTests {
  @Test func aCapPerYearIsNotProratedByDays() throws {
    let s = try RunningTotalsTests.settleInOrder(
      RunningTotalsTests.header + """

        party c "C" finance
        pool p = income
          split a 40%, b 60% until 2026-02-14
          split a 40%, c 60% from 2026-02-15
          cap b 900 CNY per year
        """, ["2026Q1", "2026Q2"]
    ) { _ in [("amount", "9000"), ("delivered", "0")] }
    // 2026Q1 has 90 days; 1 January to 14 February is 45 of them: b's 60% of 4,500 is 2,700,
    // held at the year's 900 (not 450, a per-period cap's 45/90 days); then nothing in Q2.
    #expect(s.map { $0.net("b") } == ["900", "0"].map(x))
  }
}

/// A hand-edited state file cannot change money in silence: a running total missing, for
/// another year, or below zero for a meter, and a deficit fund above zero, are refused.
@Suite struct ForgedStateTests {
  @Test func forgedRunningTotalsAndDeficitsAreRefused() throws {
    let contract =
      RunningTotalsTests.header + """

        meter flow on-grid-export
        kpi so_far = to-date(delivered)
        pool p = income
          split a 50%, b 50%
          loss carried to deficit
        """
    let t = try TestBundle(contract: contract)
    defer { t.remove() }
    let path = t.folder.appendingPathComponent("state.json").path
    func read(_ json: String) throws -> [String] {
      try Data(json.utf8).write(to: URL(fileURLWithPath: path))
      let (state, problems) = CarryStateReader.read(path, contract: t.contract)
      if problems.isEmpty { #expect(state != nil) }
      return problems.map(\.message)
    }
    let head = #"{"contract": "overtime", "period": "2026Q2", "funds": {"deficit": "-5"}, "#
    let good =
      #""totals": {"delivered": {"term": "9", "year": 2026, "yearToDate": "9", "recent": []}}}"#
    #expect(try read(head + good).isEmpty)
    #expect(
      try read(head + #""received": {}}"#).contains {
        $0.contains("keeps no running total of 'delivered'")
      })
    #expect(
      try read(head + good.replacingOccurrences(of: "2026", with: "2031")).contains {
        $0.contains("is for 2031, but the state closes 2026Q2")
      })
    #expect(
      try read(
        #"{"contract": "overtime", "period": "2026Q2", "funds": {"deficit": "500"}, "# + good
      ).contains { $0.contains("a deficit fund holds what a pool's losses left to recover") })
  }
}
