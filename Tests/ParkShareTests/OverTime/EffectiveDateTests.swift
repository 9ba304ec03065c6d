import Foundation
import Testing

@testable import ParkShare

/// Effective dates inside a period: a step's `from DAY` / `until DAY` cuts its period into
/// sub-periods; the pool is divided between them by days and each runs its own waterfall.
@Suite struct EffectiveDateTests {
  static func contract(until: String, from: String, pay: String = "9,000 CNY") -> String {
    """
    contract reit "PV assets sold into a REIT"
    currency CNY rounding half-up
    settle quarterly from 2029Q1 to 2029Q4
    party op "operator" operator
    party dev "developer" enterprise
    party reit "PV REIT" finance
    input amount CNY
    revenue pv = amount
    pool p = pv
      pay op \(pay)
      split dev 80%, op 20% until \(until)
      split reit 80%, op 20% from \(from)

    """
  }

  static func settle(_ text: String, _ period: String, amount: String) throws -> Settlement {
    try #require(
      RunningTotalsTests.settleInOrder(text, [period]) { _ in [("amount", amount)] }.first)
  }

  static func lines(_ s: Settlement) -> [String] {
    s.pools[0].lines.map { l in
      "\(l.subPeriod.map { "\($0)" } ?? "-") \(l.kind.rawValue) \(Wording.en.recipient(l.recipient)) \(l.amount)"
    }
  }

  /// 2029Q1 has 31 + 28 + 31 = 90 days; the REIT takes the assets on 2029-02-01: 31 days
  /// before, 59 after. Pool 100,000.00:
  ///   part 1 = 100,000 x 31/90 = 34,444.444... -> 34,444.44; part 2 = the rest, 65,555.56.
  ///   pay op 9,000 a quarter: 9,000 x 31/90 = 3,100.00 and 9,000 x 59/90 = 5,900.00.
  ///   part 1 left 31,344.44: dev 80% = 25,075.552, op 20% = 6,268.888.
  ///   part 2 left 59,655.56: reit 80% = 47,724.448, op 20% = 11,931.112.
  /// Rounded once for the pool: op 27,200.000 exactly, dev 25,075.552 -> 25,075.55, reit
  /// 47,724.448 -> 47,724.45 (the larger remainder takes the fen the total needs); op's lines to
  /// its 27,200.00: 3,100.00, 6,268.89, 5,900.00, 11,931.11.
  @Test func aREITTransferOnTheFirstOfFebruarySplitsTheQuarter() throws {
    let s = try Self.settle(
      Self.contract(until: "2029-01-31", from: "2029-02-01"), "2029Q1", amount: "100000")
    #expect(
      Self.lines(s) == [
        "2029-01-01..2029-01-31 pay op 3100.00",
        "2029-01-01..2029-01-31 split dev 25075.55",
        "2029-01-01..2029-01-31 split op 6268.89",
        "2029-02-01..2029-03-31 pay op 5900.00",
        "2029-02-01..2029-03-31 split op 11931.11",
        "2029-02-01..2029-03-31 split reit 47724.45",
      ])
    let subs = s.pools[0].lines.compactMap(\.subPeriod)
    #expect(subs.map(\.days) == [31, 31, 31, 59, 59, 59])
    #expect(subs.allSatisfy { $0.periodDays == 90 })
    // The fixed payment says it is the quarter's amount for the sub-period's days.
    #expect(s.pools[0].lines[0].basis.record == "fixed; 31/90 days")
    // The statement shows both sub-periods, in text and in JSON.
    let text = StatementText.render(s)
    #expect(text.contains("pay 2029-01-01..2029-01-31"))
    #expect(text.contains("split 2029-02-01..2029-03-31"))
    let json = try JSONOutput.text(s)
    #expect(json.contains("\"subPeriod\""))
    // The next quarter is the REIT's whole: no cut, no sub-period.
    let q2 = try Self.settle(
      Self.contract(until: "2029-01-31", from: "2029-02-01"), "2029Q2", amount: "100000")
    #expect(
      Self.lines(q2) == ["- pay op 9000.00", "- split op 18200.00", "- split reit 72800.00"])
  }

  /// Splitting a period at any day conserves the pool: the lines of the sub-periods sum to the
  /// pool's rounded total exactly, whatever the day and the amount (including a pool smaller
  /// than the fixed payment, where arrears carry from one sub-period to the next).
  @Test func splittingAtAnyDayConservesThePool() throws {
    var seed: UInt64 = 14
    func next() -> UInt64 {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return seed >> 33
    }
    for _ in 0..<12 {
      let cut = Int(next() % 89) + 1  // 2029-01-02 ... 2029-03-31
      let from = CalendarDay(number: CalendarDay(year: 2029, month: 1, day: 1).number + cut)
      let until = CalendarDay(number: from.number - 1)
      let amount = "\(next() % 20_000_000).\(next() % 100)"
      let s = try Self.settle(
        Self.contract(until: "\(until)", from: "\(from)", pay: "9,000.01 CNY"), "2029Q1",
        amount: amount)
      let pool = s.pools[0]
      let sum = try pool.lines.map(\.amount).reduce(pool.unallocated) { try $0 + $1 }
      #expect(sum == pool.total, "cut \(from), amount \(amount)")
      #expect(pool.total == x(amount))
      let exact = try (pool.lines.map(\.exact) + [pool.unallocatedExact]).sum()
      #expect(exact == Fraction(x(amount)))
      let days = Set(pool.lines.compactMap(\.subPeriod).map(\.days))
      #expect(days == [cut, 90 - cut], "cut \(from)")
    }
  }

  /// A pool short of the fixed payment carries arrears from one sub-period to the next. Pool
  /// 5,000.00: part 1 = 5,000 x 31/90 = 1,722.22 pays op 1,722.22 of its 3,100.00 (1,377.78
  /// owed); part 2 = 3,277.78 pays 3,277.78 of 5,900.00 + 1,377.78 (4,000.00 owed, the
  /// quarter's 9,000 less 5,000).
  @Test func arrearsCarryFromOneSubPeriodToTheNext() throws {
    let s = try Self.settle(
      Self.contract(until: "2029-01-31", from: "2029-02-01"), "2029Q1", amount: "5000")
    #expect(
      Self.lines(s) == [
        "2029-01-01..2029-01-31 pay op 1722.22", "2029-01-01..2029-01-31 split dev 0.00",
        "2029-01-01..2029-01-31 split op 0.00", "2029-02-01..2029-03-31 pay op 3277.78",
        "2029-02-01..2029-03-31 split op 0.00", "2029-02-01..2029-03-31 split reit 0.00",
      ])
    let arrears = s.pools[0].arrears.map { "\($0.opening) \($0.due) \($0.paid) \($0.closing)" }
    #expect(arrears == ["0 3100 1722.22 1377.78", "1377.78 5900 3277.78 4000"])
    #expect(s.closing.arrears.values.map { $0 } == [x("4000")])
  }

  /// A cap over the term counts what the earlier sub-periods of the period paid: `cap op 20,000
  /// CNY over term` after the REIT transfer. Before 2029-02-01 op takes 3,100 + 6,268.888 =
  /// 9,368.888 (under the cap); after it may take 20,000 - 9,368.888 = 10,631.112 of its
  /// 5,900 + 11,931.112 = 17,831.112, and the 7,200 cut goes to the REIT, the split's free party:
  /// 47,724.448 + 7,200 = 54,924.448. So op 20,000.00, dev 25,075.55, reit 54,924.45 (the fen
  /// the pool needs to the larger remainder, reit's 0.8 fen).
  @Test func aCapOverTheTermHoldsAcrossTheSubPeriods() throws {
    let text =
      Self.contract(until: "2029-01-31", from: "2029-02-01") + "  cap op 20,000 CNY over term\n"
    let s = try Self.settle(text, "2029Q1", amount: "100000")
    var by: [String: Exact] = [:]
    for l in s.pools[0].lines {
      let who = Wording.en.recipient(l.recipient)
      by[who] = try (by[who] ?? .zero) + l.amount
    }
    #expect(by == ["op": x("20000.00"), "dev": x("25075.55"), "reit": x("54924.45")])
  }

  /// Loss rules dated apart by a day bear each sub-period's part of a negative pool: -9,000.00
  /// in 2029Q1 is -9,000 x 31/90 = -3,100.00 before the sale (the developer's) and the rest,
  /// -5,900.00, after (the REIT's).
  @Test func lossRulesDatedApartByADayBearTheirSubPeriods() throws {
    let text =
      Self.contract(until: "2029-01-31", from: "2029-02-01").replacingOccurrences(
        of: "  pay op 9,000 CNY\n", with: "")
      + "  loss to dev until 2029-01-31\n  loss to reit from 2029-02-01\n"
    #expect(Self.errors(text).isEmpty)
    let s = try Self.settle(text, "2029Q1", amount: "-9000")
    #expect(
      Self.lines(s).filter { $0.contains(" loss ") } == [
        "2029-01-01..2029-01-31 loss dev -3100.00", "2029-02-01..2029-03-31 loss reit -5900.00",
      ])
  }

  /// A day on a period boundary is the period form exactly: the same contract, the same lines.
  @Test func aDayOnAPeriodBoundaryIsThePeriodForm() throws {
    let days = try TestBundle(contract: Self.contract(until: "2029-03-31", from: "2029-04-01"))
    let periods = try TestBundle(contract: Self.contract(until: "2029Q1", from: "2029Q2"))
    defer { (days.remove(), periods.remove()) }
    // Each bundle lives in its own folder: clauses cite it, and nothing else may differ.
    func same(_ a: String, _ b: String) -> Bool {
      func strip(_ s: String) -> String {
        s.replacing(/parkshare-test-[0-9A-F-]+/, with: "FOLDER")
      }
      return strip(a) == strip(b)
    }
    #expect(days.contract.pools.map(\.steps.count) == [3])
    for (a, b) in zip(days.contract.pools[0].steps, periods.contract.pools[0].steps) {
      #expect((a.from, a.until, a.fromDay, a.untilDay) == (b.from, b.until, nil, nil))
    }
    #expect(same(try JSONOutput.text(days.contract), try JSONOutput.text(periods.contract)))
    for period in ["2029Q1", "2029Q2"] {
      let a = try Self.settle(
        Self.contract(until: "2029-03-31", from: "2029-04-01"), period, amount: "100000")
      let b = try Self.settle(
        Self.contract(until: "2029Q1", from: "2029Q2"), period, amount: "100000")
      #expect(same(StatementText.render(a), StatementText.render(b)))
      #expect(same(try JSONOutput.text(a), try JSONOutput.text(b)))
    }
  }

  static func errors(_ text: String) -> [String] {
    let r = Checker.check(SourceFile(path: "t.contract", text: text)) { _ in
      throw Limits.ReadProblem.unreadable
    }
    return r.diagnostics.filter { $0.severity == .error }.map { "\($0.id.rawValue): \($0.message)" }
  }

  @Test func aDayOutsideTheTermIsRefused() {
    #expect(
      Self.errors(Self.contract(until: "2029-01-31", from: "2030-02-01")) == [
        "outside-term: 'from' 2030-02-01 is outside the term (2029Q1 to 2029Q4)"
      ])
    #expect(
      Self.errors(Self.contract(until: "2028-12-31", from: "2029-01-01")).first
        == "outside-term: 'until' 2028-12-31 is outside the term (2029Q1 to 2029Q4)")
  }

  @Test func aDayTheMonthDoesNotHaveIsRefused() {
    #expect(
      Self.errors(Self.contract(until: "2029-02-29", from: "2029-03-01")).first
        == "bad-period: '2029-02-29' is not a valid day")
  }

  /// The split coverage is judged per day in a cut period: a gap of days has no owner, and two
  /// splits on the same days overlap.
  @Test func splitCoverageIsJudgedPerDayAtACut() {
    #expect(
      Self.errors(Self.contract(until: "2029-01-31", from: "2029-02-15")) == [
        "no-split: pool 'p' has no split for 2029-02-01 to 2029-02-14: its remainder would have no owner"
      ])
    #expect(
      Self.errors(Self.contract(until: "2029-02-10", from: "2029-02-01")) == [
        "overlapping-splits: two splits of pool 'p' apply in 2029-02-01..2029-02-10"
      ])
    #expect(Self.errors(Self.contract(until: "2029-02-10", from: "2029-02-11")).isEmpty)
  }

  @Test func aStepThatEndsBeforeItStartsIsRefused() {
    let text = Self.contract(until: "2029-01-31", from: "2029-02-01").replacingOccurrences(
      of: "pay op 9,000 CNY", with: "pay op 9,000 CNY from 2029-03-10 until 2029-03-09")
    #expect(
      Self.errors(text) == [
        "bad-term: this step starts (2029-03-10) after it ends (2029-03-09)"
      ])
  }
}
