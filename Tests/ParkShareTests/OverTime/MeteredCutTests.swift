import Foundation
import Testing

@testable import ParkShare

/// A period cut on the first of a month divides what was metered by the months it was read in,
/// not by days: the readings say when each kWh happened.
@Suite struct MeteredCutTests {
  static func contract(until: String, from: String) -> String {
    """
    contract reitm "metered REIT transfer"
    currency CNY rounding half-up
    settle quarterly from 2029Q1 to 2029Q4
    gaps zero
    party om "O&M" operator
    party dev "developer" enterprise
    party reit "PV REIT" finance
    meter pv on-grid-export
    input price CNY/kWh
    input grant CNY
    revenue sales = pv x price
    subsidy support = grant
    pool p = sales + support
      pay om 0.02 CNY/kWh x pv
      split dev 100% until \(until)
      split reit 100% from \(from)

    """
  }

  /// January 100,000 kWh, February 200,000, March 300,000 at 0.40 CNY/kWh, and a grant of
  /// 9,000 CNY given for the quarter (90 days).
  static func settle(until: String, from: String) throws -> Settlement {
    let t = try TestBundle(contract: contract(until: until, from: from))
    defer { t.remove() }
    let rows = [("01", "100000"), ("02", "200000"), ("03", "300000")].map {
      "E,2029-\($0.0)-10T12:00:00+08:00,\($0.1)\n"
    }.joined()
    let dir = try t.bundle(
      "2029Q1",
      [
        "meters.csv": "meter,kind,interval\nE,on-grid-export,60\n",
        "readings.csv": "meter,timestamp,kwh\n" + rows,
        "facts.csv": "fact,value\nprice,0.40\ngrant,9000\n",
      ])
    let (s, messages) = t.settle(dir, period: "2029Q1")
    return try #require(s, "\(messages)")
  }

  static func lines(_ s: Settlement) -> [String] {
    s.pools[0].lines.map { l in
      "\(l.subPeriod.map { "\($0)" } ?? "-") \(l.kind.rawValue) \(Wording.en.recipient(l.recipient)) \(l.amount) | \(l.basis.record)"
    }
  }

  /// Cut on 2029-02-01. Sales are metered: January 40,000.00, February and March 200,000.00.
  /// The grant is a fact for the quarter: 9,000 x 31/90 = 3,100.00, the rest 5,900.00.
  /// Part 1 = 43,100.00: om 0.02 x 100,000 kWh = 2,000.00 (January's readings), dev 41,100.00.
  /// Part 2 = 205,900.00: om 0.02 x 500,000 = 10,000.00, reit 195,900.00.
  /// By days instead, dev would have had 249,000 x 31/90 = 85,766.67 less 4,133.33.
  @Test func aCutOnTheFirstOfAMonthFollowsTheReadings() throws {
    let s = try Self.settle(until: "2029-01-31", from: "2029-02-01")
    #expect(
      Self.lines(s) == [
        "2029-01-01..2029-01-31 pay om 2000.00 | pv 100,000 kWh; as metered 2029-01-01..2029-01-31",
        "2029-01-01..2029-01-31 split dev 41100.00 | remainder 41,100 CNY",
        "2029-02-01..2029-03-31 pay om 10000.00 | pv 500,000 kWh; as metered 2029-02-01..2029-03-31",
        "2029-02-01..2029-03-31 split reit 195900.00 | remainder 195,900 CNY",
      ])
    #expect(s.reconciliation.residual == .zero)
    #expect(try s.pools[0].total == Exact(parsing: "249000"))
  }

  /// Cut inside a month (2029-02-15): the readings are summed by month, so a part of February
  /// cannot be told from them: the whole pool is divided by days, as documented.
  /// 45 days before (31 + 14), 45 after: 249,000 / 2 = 124,500.00 each; om 0.02 x 600,000 =
  /// 12,000 x 45/90 = 6,000.00 in each.
  @Test func aCutInsideAMonthIsDividedByDays() throws {
    let s = try Self.settle(until: "2029-02-14", from: "2029-02-15")
    #expect(
      Self.lines(s) == [
        "2029-01-01..2029-02-14 pay om 6000.00 | pv 600,000 kWh; 45/90 days",
        "2029-01-01..2029-02-14 split dev 118500.00 | remainder 118,500 CNY",
        "2029-02-15..2029-03-31 pay om 6000.00 | pv 600,000 kWh; 45/90 days",
        "2029-02-15..2029-03-31 split reit 118500.00 | remainder 118,500 CNY",
      ])
  }
}
