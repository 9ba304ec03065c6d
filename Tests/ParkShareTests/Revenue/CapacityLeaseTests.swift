import Foundation
import Testing

@testable import ParkShare

/// Capacity leases (issue 17): `prorate(X, FROM, UNTIL)` spreads an amount a year over the days
/// of each month it runs (days/365), and `forfeit(A, CONDITION)` drops the months a condition
/// holds in (three forced outages).
@Suite struct CapacityLeaseTests {
  static let contract = """
    contract lease "capacity lease"
    currency CNY rounding half-up
    settle quarterly from 2026Q3 to 2028Q2
    party owner "storage owner" energy-service
    party op "park operator" operator
    input leased kW
    input outages monthly
    revenue capacity_lease = forfeit(prorate(leased x 280 CNY/kW, 2026-08-15, 2027-08-14), outages >= 3)
    pool p = capacity_lease
      split owner 90%, op 10%
    """

  /// A bundle of facts: 10,000 kW leased, the given outages for the quarter's three months.
  static func bundle(
    _ t: TestBundle, _ quarter: String, outages: [Int], folder: String? = nil
  ) throws -> String {
    let months = Period(quarter)!.firstMonth...Period(quarter)!.lastMonth
    var rows = "fact,value,month\nleased,\"10,000\",\n"
    for (m, n) in zip(months, outages) {
      rows += "outages,\(n),\(Period(containing: m, length: .month))\n"
    }
    return try t.bundle(folder ?? quarter, ["facts.csv": rows])
  }

  /// 10,000 kW x 280 CNY/kW a year = 2,800,000 CNY a year, from 2026-08-15. 2026Q3: July 0
  /// days, August 17 (15th-31st), September 30: 2,800,000 x 47 / 365 = 360,547.945... CNY,
  /// paid 360,547.95 (owner 324,493.15, op 36,054.80, half-up to the fen, remainder to the
  /// largest share). With three outages in September its 30 days are forfeited:
  /// 2,800,000 x 17 / 365 = 130,410.958... -> 130,410.96.
  @Test func aLeaseStartingMidQuarterIsPaidForItsDaysAndAForfeitedMonthDrops() throws {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    let dir = try Self.bundle(t, "2026Q3", outages: [0, 1, 2])
    let (r, messages) = t.revenue(dir, period: "2026Q3")
    let revenue = try #require(r, "\(messages)")
    let item = try #require(revenue.items.first { $0.id == "capacity_lease" })
    let lines = item.details.map { Wording.en.detail($0) }
    let call = "prorate(leased x 280, 2026-08-15, 2027-08-14)"
    for (month, days) in [("2026-07", 0), ("2026-08", 17), ("2026-09", 30)] {
      #expect(
        lines.contains { $0.what == "\(call) \(month)" && $0.value == "\(days) days of 365" },
        "\(lines)")
    }
    let (s, _) = t.settle(dir, period: "2026Q3")
    let paid = try #require(s).statements.reduce(Exact.zero) { try! $0 + $1.net }
    #expect(paid == Exact("360547.95"))

    let forfeited = try Self.bundle(t, "2026Q3", outages: [0, 1, 3], folder: "outages")
    let (r2, m2) = t.revenue(forfeited, period: "2026Q3")
    let item2 = try #require(r2?.items.first { $0.id == "capacity_lease" }, "\(m2)")
    let lines2 = item2.details.map { Wording.en.detail($0) }
    #expect(
      lines2.contains {
        $0.what == "forfeit(\(call), outages >= 3) 2026-09"
          && $0.value == "230,136.9863013698630136986301369863 forfeited"
      }, "\(lines2)")
    let (s2, _) = t.settle(forfeited, period: "2026Q3")
    let paid2 = try #require(s2).statements.reduce(Exact.zero) { try! $0 + $1.net }
    #expect(paid2 == Exact("130410.96"))
  }

  /// 2027Q3: July's 31 days and August 1-14 (the lease ends on the 14th, included): 45 days,
  /// 2,800,000 x 45 / 365 = 345,205.479... -> 345,205.48. A full quarter (2026Q4, 92 days):
  /// 705,753.42. After the lease (2027Q4): nothing.
  @Test func aLeaseEndingMidQuarterStopsAfterItsLastDay() throws {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    for (quarter, expected) in [
      ("2027Q3", "345205.48"), ("2026Q4", "705753.42"), ("2027Q4", "0"),
    ] {
      let dir = try Self.bundle(t, quarter, outages: [0, 0, 0])
      let (s, messages) = t.settle(dir, period: quarter)
      let settlement = try #require(s, "\(messages)")
      let paid = settlement.statements.reduce(Exact.zero) { try! $0 + $1.net }
      #expect(paid == Exact(expected), "\(quarter)")
    }
  }

  @Test func daysBoundAProrateOnlyAndRunForwards() throws {
    func error(_ line: String) throws -> Diagnostic {
      try PeakDemandTests.firstError(
        Self.contract.replacingOccurrences(
          of: "prorate(leased x 280 CNY/kW, 2026-08-15, 2027-08-14)", with: line))
    }
    let backwards = try error("prorate(leased x 280 CNY/kW, 2027-08-15, 2026-08-14)")
    #expect(backwards.id == .badCall)
    #expect(backwards.message.contains("the end is before the start"))
    let notADay = try error("prorate(leased x 280 CNY/kW, leased)")
    #expect(notADay.id == .badCall)
    #expect(notADay.message == "prorate() is bounded by days such as 2026-08-15")
    let dayAsValue = try error("leased x 280 CNY/kW x 2026-08-15")
    #expect(dayAsValue.id == .badCall)
    #expect(dayAsValue.message.hasPrefix("a day (2026-08-15) is not a value"))
    let noComparison = try PeakDemandTests.firstError(
      Self.contract.replacingOccurrences(
        of: ", outages >= 3)", with: ", outages)"))
    #expect(noComparison.id == .badCall)
    #expect(noComparison.message.contains("takes a comparison"))
  }

  @Test func anAmountWithoutMonthsCannotBeForfeitedMonthByMonth() throws {
    let t = try TestBundle(
      contract: Self.contract.replacingOccurrences(
        of: "prorate(leased x 280 CNY/kW, 2026-08-15, 2027-08-14)", with: "leased x 70 CNY/kW"))
    defer { t.remove() }
    let dir = try Self.bundle(t, "2026Q3", outages: [0, 0, 3])
    let (r, messages) = t.revenue(dir, period: "2026Q3")
    #expect(r == nil)
    #expect(messages.contains("has no value per month to forfeit cell by cell"), "\(messages)")
  }

  /// A financial-lease EMC (融资租赁型, GB/T 24915): the host repays the ESCO's 6,000,000 CNY
  /// of equipment over 20 quarters at 1.5% a quarter, whatever the savings:
  /// 6,000,000 x 0.015 / (1 - 1.015^-20) = 349,474.4152467977... CNY a quarter, paid 349,474.42
  /// (Python's fractions agree to 28 decimals). At 0%: 300,000 a quarter.
  @Test func aLeaseAnnuityIsTheLevelPaymentExactly() throws {
    func contract(_ rate: String, _ periods: String) -> String {
      """
      contract fl "financial lease"
      currency CNY rounding half-up
      settle quarterly from 2026Q1 to 2030Q4
      party host "host" enterprise
      party esco "esco" energy-service
      input savings CNY
      revenue repayment = annuity(6,000,000 CNY, \(rate), \(periods)) + 0 x savings
      pool lease = repayment
        split esco 100%
      """
    }
    let t = try TestBundle(contract: contract("1.5%", "20"))
    defer { t.remove() }
    let dir = try t.facts("q1", [("savings", "410000")])
    let (r, messages) = t.revenue(dir, period: "2026Q1")
    let item = try #require(r?.items.first { $0.id == "repayment" }, "\(messages)")
    #expect(try item.total == Exact("349474.4152467977679717141540226823")!)
    let lines = item.details.map { Wording.en.detail($0) }
    #expect(
      lines.contains {
        $0.what == "annuity(6000000, 0.015, 20)"
          && $0.value
            == "6,000,000 x 0.015 / (1 - (1 + 0.015)^-20) = 349,474.4152467977679717141540226823 a period"
      }, "\(lines)")
    let (s, _) = t.settle(dir, period: "2026Q1")
    #expect(
      try #require(s).statements.first { $0.party == "esco" }.map { "\($0.net)" } == "349474.42")

    let zero = try TestBundle(contract: contract("0%", "20"))
    defer { zero.remove() }
    let (r0, m0) = zero.revenue(try zero.facts("q1", [("savings", "1")]), period: "2026Q1")
    #expect(try r0?.total("repayment") == Exact(300_000), "\(m0)")

    // Twenty years of months at 5% a year: the power of 1 + 5%/12 (a rate of 28 decimals) to
    // the 240th has 6,720 digits; the payment agrees with Python's fractions (the same rate,
    // rounded half-even to 28 decimals).
    let monthly = try TestBundle(contract: contract("5% / 12", "240"))
    defer { monthly.remove() }
    let (rm, mm) = monthly.revenue(try monthly.facts("q1", [("savings", "1")]), period: "2026Q1")
    #expect(try rm?.total("repayment") == Exact("39597.3443529994407798402847051341")!, "\(mm)")

    // Numbers out of range are refused by the checker; a rate or a term from the data when
    // the period is computed.
    let half = try PeakDemandTests.firstError(contract("1.5%", "20.5"))
    #expect(half.message == "annuity() over 20.5 periods: a whole number from 1 to 600")
    let whole = try PeakDemandTests.firstError(contract("100%", "20"))
    #expect(
      whole.message == "annuity() at 100% a period: the rate runs from 0 to below 100%")
    let data = try TestBundle(contract: contract("1.5%", "savings / 1 CNY"))
    defer { data.remove() }
    let (rh, mh) = data.revenue(try data.facts("q1", [("savings", "20.5")]), period: "2026Q1")
    #expect(rh == nil)
    #expect(mh.contains("20.5 is not a whole number of periods from 1 to 600"), "\(mh)")
  }
}
