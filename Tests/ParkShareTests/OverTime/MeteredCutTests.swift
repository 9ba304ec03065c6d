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
  static func settle(
    until: String, from: String,
    readings: [(String, String)] = [
      ("01-10T12:00", "100000"), ("02-10T12:00", "200000"), ("03-10T12:00", "300000"),
    ],
    stamp: String = "start", text: String? = nil
  ) throws -> Settlement {
    let t = try TestBundle(contract: text ?? contract(until: until, from: from))
    defer { t.remove() }
    let rows = readings.map { "E,2029-\($0.0):00+08:00,\($0.1)\n" }.joined()
    let dir = try t.bundle(
      "2029Q1",
      [
        "meters.csv": "meter,kind,interval,stamp\nE,on-grid-export,60,\(stamp)\n",
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

  /// Cut inside a month (2029-02-15): the readings say which side of the cut each kWh fell
  /// on, to the interval. January 100,000 kWh; February 120,000 on the 10th, 30,000 in the last
  /// hour before the cut (2029-02-14 23:00) and 50,000 in the first after it (2029-02-15
  /// 00:00); March 300,000. 45 days each side of 90.
  /// Part 1: 250,000 kWh x 0.40 = 100,000.00 + grant 9,000 x 45/90 = 4,500.00 -> 104,500.00;
  /// om 0.02 x 250,000 = 5,000.00, dev 99,500.00.
  /// Part 2: 350,000 kWh -> 140,000.00 + 4,500.00 = 144,500.00; om 7,000.00, reit 137,500.00.
  static let february = [
    ("01-10T12:00", "100000"), ("02-10T12:00", "120000"), ("02-14T23:00", "30000"),
    ("02-15T00:00", "50000"), ("03-10T12:00", "300000"),
  ]

  @Test func aCutInsideAMonthFollowsTheReadingsToTheInterval() throws {
    let s = try Self.settle(until: "2029-02-14", from: "2029-02-15", readings: Self.february)
    #expect(
      Self.lines(s) == [
        "2029-01-01..2029-02-14 pay om 5000.00 | pv 250,000 kWh; as metered 2029-01-01..2029-02-14",
        "2029-01-01..2029-02-14 split dev 99500.00 | remainder 99,500 CNY",
        "2029-02-15..2029-03-31 pay om 7000.00 | pv 350,000 kWh; as metered 2029-02-15..2029-03-31",
        "2029-02-15..2029-03-31 split reit 137500.00 | remainder 137,500 CNY",
      ])
    #expect(s.reconciliation.residual == .zero)
    #expect(try s.pools[0].total == Exact(parsing: "249000"))
  }

  /// Stamped at the end of their interval, the reading stamped 2029-02-15 00:00 is the hour
  /// before midnight: it falls before the cut, with the one stamped 2029-02-14 23:00. Part 1:
  /// 300,000 kWh -> 120,000.00 + 4,500.00 = 124,500.00 (om 6,000.00, dev 118,500.00); part 2:
  /// 300,000 kWh, the same.
  @Test func aReadingStampedAtMidnightAtItsEndFallsBeforeTheCut() throws {
    let s = try Self.settle(
      until: "2029-02-14", from: "2029-02-15", readings: Self.february, stamp: "end")
    #expect(
      Self.lines(s) == [
        "2029-01-01..2029-02-14 pay om 6000.00 | pv 300,000 kWh; as metered 2029-01-01..2029-02-14",
        "2029-01-01..2029-02-14 split dev 118500.00 | remainder 118,500 CNY",
        "2029-02-15..2029-03-31 pay om 6000.00 | pv 300,000 kWh; as metered 2029-02-15..2029-03-31",
        "2029-02-15..2029-03-31 split reit 118500.00 | remainder 118,500 CNY",
      ])
  }

  /// Three sub-periods, two cuts in one month (the REIT from 2029-02-10, the developer back
  /// from 2029-02-20): the middle one is what was read from the 10th to the 19th. Readings:
  /// January 100,000; 2029-02-05 10,000; 02-12 20,000; 02-19 23:00 40,000; 02-20 00:00 80,000;
  /// March 300,000. Sub-periods of 40, 10 and 40 days: grant 4,000.00, 1,000.00, the rest
  /// 4,000.00. Part 1: 110,000 kWh -> 44,000.00 + 4,000.00; om 2,200.00, dev 45,800.00.
  /// Part 2: 60,000 kWh -> 24,000.00 + 1,000.00; om 1,200.00, reit 23,800.00.
  /// Part 3: the rest, 380,000 kWh -> 152,000.00 + 4,000.00; om 7,600.00, dev 148,400.00.
  @Test func twoCutsInOneMonthEachFollowTheReadings() throws {
    let text = Self.contract(until: "2029-02-09", from: "2029-02-10").replacingOccurrences(
      of: "  split dev 100% until 2029-02-09\n",
      with: "  split dev 100% until 2029-02-09\n  split dev 100% from 2029-02-20\n"
    ).replacingOccurrences(
      of: "split reit 100% from 2029-02-10",
      with: "split reit 100% from 2029-02-10 until 2029-02-19")
    let s = try Self.settle(
      until: "2029-02-09", from: "2029-02-10",
      readings: [
        ("01-10T12:00", "100000"), ("02-05T12:00", "10000"), ("02-12T12:00", "20000"),
        ("02-19T23:00", "40000"), ("02-20T00:00", "80000"), ("03-10T12:00", "300000"),
      ], text: text)
    #expect(
      Self.lines(s) == [
        "2029-01-01..2029-02-09 pay om 2200.00 | pv 110,000 kWh; as metered 2029-01-01..2029-02-09",
        "2029-01-01..2029-02-09 split dev 45800.00 | remainder 45,800 CNY",
        "2029-02-10..2029-02-19 pay om 1200.00 | pv 60,000 kWh; as metered 2029-02-10..2029-02-19",
        "2029-02-10..2029-02-19 split reit 23800.00 | remainder 23,800 CNY",
        "2029-02-20..2029-03-31 pay om 7600.00 | pv 380,000 kWh; as metered 2029-02-20..2029-03-31",
        "2029-02-20..2029-03-31 split dev 148400.00 | remainder 148,400 CNY",
      ])
    #expect(s.reconciliation.residual == .zero)
  }
}
