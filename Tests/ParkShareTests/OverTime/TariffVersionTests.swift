import Foundation
import Testing

@testable import ParkShare

/// A tariff revised on a day prices each kWh by the version in force when it was metered: the
/// readings are summed apart on each side of the day, so the revision is exact to the interval
/// (docs/contract-language.md, "Tariff versions").
@Suite struct TariffVersionTests {
  static let contract = """
    contract tv "tariff revision"
    currency CNY rounding half-up
    settle quarterly from 2029Q1 to 2030Q4
    gaps zero
    party host "host" enterprise
    party esco "ESCO" energy-service
    meter supply direct-supply
    tariff grid CNY/kWh
      band peak 1.00 08:00-22:00
      band valley 0.30 22:00-08:00
    tariff grid CNY/kWh from 2029-02-15
      band peak 1.20 08:00-20:00
      band valley 0.25 20:00-08:00
    tariff direct = grid discount 10%
    revenue sales = tou(supply, direct)
    pool p = sales
      split host 30%, esco 70%

    """

  /// Hourly readings (stamped at the start of the hour) on each side of the revision.
  static let readings = [
    ("01-10T12:00", "1000"), ("01-10T23:00", "2000"), ("02-14T21:00", "500"),
    ("02-15T00:00", "100"), ("02-15T21:00", "400"), ("03-10T12:00", "3000"),
  ]

  static func bundle(_ t: TestBundle, _ readings: [(String, String)], year: Int = 2029) throws
    -> String
  {
    try t.bundle(
      "\(year)Q1",
      [
        "meters.csv": "meter,kind,interval\nE,direct-supply,60\n",
        "readings.csv": "meter,timestamp,kwh\n"
          + readings.map { "E,\(year)-\($0.0):00+08:00,\($0.1)\n" }.joined(),
        "facts.csv": "fact,value\n",
      ])
  }

  /// The first version (0.90 and 0.27 after the 10% discount) prices 1,000 + 500 peak kWh
  /// (1,350.00) and 2,000 valley kWh (540.00). From 2029-02-15 the second (1.08 and 0.225):
  /// 3,000 peak kWh (3,240.00), and 100 + 400 valley kWh (112.50): 21:00 is valley under it,
  /// peak under the first. In all 5,242.50 (by the first version alone, 4,977.00): host 30%
  /// 1,572.75, ESCO 70% 3,669.75.
  @Test func eachKWhIsPricedByTheVersionInForceWhenItWasMetered() throws {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    let dir = try Self.bundle(t, Self.readings)
    let (revenue, messages) = t.revenue(dir, period: "2029Q1")
    let r = try #require(revenue, "\(messages)")
    let sales = try #require(r.item("sales"))
    #expect(try sales.total == Exact(parsing: "5242.5"))
    let bands = sales.details.map { Wording.en.detail($0) }.filter { $0.what.hasPrefix("tou") }
    #expect(
      bands.map { "\($0.what): \($0.value) [\($0.source?.split(separator: "/").last ?? "")]" } == [
        "tou(supply, direct) peak 2029-01-01..2029-02-14: 1,500 kWh x 0.9 CNY/kWh = 1,350 CNY [test.contract:14]",
        "tou(supply, direct) valley 2029-01-01..2029-02-14: 2,000 kWh x 0.27 CNY/kWh = 540 CNY [test.contract:14]",
        "tou(supply, direct) peak 2029-02-15..2029-03-31: 3,000 kWh x 1.08 CNY/kWh = 3,240 CNY [test.contract:14]",
        "tou(supply, direct) valley 2029-02-15..2029-03-31: 500 kWh x 0.225 CNY/kWh = 112.5 CNY [test.contract:14]",
      ])
    let (s, more) = t.settle(dir, period: "2029Q1")
    let settled = try #require(s, "\(more)")
    #expect(
      settled.pools[0].lines.map { "\(Wording.en.recipient($0.recipient)) \($0.amount)" }.sorted()
        == ["esco 3669.75", "host 1572.75"])
  }

  /// The reading of the revision's first hour and of the first version's last are on either
  /// side: moving 100 kWh from 2029-02-15 00:00 to 2029-02-14 23:00 prices it at the first
  /// version's valley (0.27, not 0.225): 4.50 CNY more.
  @Test func theRevisionDayIsExactToTheInterval() throws {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    var moved = Self.readings
    moved[3] = ("02-14T23:00", "100")
    let dir = try Self.bundle(t, moved)
    let r = try #require(t.revenue(dir, period: "2029Q1").revenue)
    #expect(r.total("sales") == (try Exact(parsing: "5247")))
  }

  /// A revision on the first of a quarter leaves the quarters before it whole: 2029Q1 is priced
  /// by the first version only, its band lines without a span (as before versions existed).
  @Test func aPeriodUnderOneVersionIsPricedAsBefore() throws {
    let t = try TestBundle(
      contract: Self.contract.replacingOccurrences(of: "from 2029-02-15", with: "from 2029Q2"))
    defer { t.remove() }
    let dir = try Self.bundle(t, Self.readings)
    let r = try #require(t.revenue(dir, period: "2029Q1").revenue)
    let sales = try #require(r.item("sales"))
    // Peak 1,000 + 500 + 400 + 3,000 at 0.90; valley 2,000 + 100 at 0.27.
    #expect(try sales.total == Exact(parsing: "4977"))
    #expect(
      sales.details.map { Wording.en.detail($0).what }.filter { $0.hasPrefix("tou") } == [
        "tou(supply, direct) peak", "tou(supply, direct) valley",
      ])
  }

  /// A projection replays readings read for another period, so they cannot say which side of a
  /// revision inside a month each kWh fell on: the month's kWh are shared by days. 2029Q1's
  /// 2,800 peak kWh of February projected to 2030Q1 under a revision on 2030-02-15 (14 of 28
  /// days each side): 2,800 x (14/28 x 1.00 + 14/28 x 1.20) = 3,080.00; January 1,000 x 1.00;
  /// March 3,000 x 1.20.
  @Test func aProjectionSharesARevisedMonthByDays() throws {
    let text = Self.contract
      .replacingOccurrences(of: "from 2029-02-15", with: "from 2030-02-15")
      .replacingOccurrences(of: "tou(supply, direct)", with: "tou(supply, grid)")
    let t = try TestBundle(contract: text)
    defer { t.remove() }
    let dir = try Self.bundle(
      t, [("01-10T12:00", "1000"), ("02-10T12:00", "2800"), ("03-10T12:00", "3000")])
    let loaded = DataBundle.load(directory: dir, contract: t.contract, period: Period("2029Q1")!)
    let base = try #require(loaded.bundle, "\(loaded.diagnostics)")
    let projected = base.projected(to: Period("2030Q1")!, scale: [:], facts: base.facts)
    let o = Evaluator.run(contract: t.contract, bundle: projected, opening: nil)
    let sales = try #require(o.revenue?.item("sales"), "\(o.diagnostics)")
    // 1,000 + 3,080 + 3,600; by the first version alone it would be 6,800.
    #expect(try sales.total == Exact(parsing: "7680"))
  }

  /// Only the versions in force in a period must fit the meters' intervals: a later version
  /// whose band changes at 20:30 does not stop 2029Q1 (hourly readings), priced by the first.
  @Test func aVersionNotInForceDoesNotStopThePeriod() throws {
    let text = Self.contract.replacingOccurrences(
      of: """
        tariff grid CNY/kWh from 2029-02-15
          band peak 1.20 08:00-20:00
          band valley 0.25 20:00-08:00
        """,
      with: """
        tariff grid CNY/kWh from 2029-05-15
          band peak 1.20 08:00-20:30
          band valley 0.25 20:30-08:00
        """)
    let t = try TestBundle(contract: text)
    defer { t.remove() }
    let dir = try Self.bundle(t, Self.readings)
    let (r, messages) = t.revenue(dir, period: "2029Q1")
    #expect(try #require(r, "\(messages)").total("sales") == (try Exact(parsing: "4977")))
  }

  /// A contract that reads meters only needs no facts.csv; its ledger is verified, and its
  /// periods explained, from the bundle's meters.csv (they once looked for facts.csv alone).
  @Test func aMetersOnlyLedgerVerifies() throws {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    let dir = try Self.bundle(t, Self.readings)
    try FileManager.default.removeItem(atPath: dir + "/facts.csv")
    let ledger = t.folder.appendingPathComponent("ledger").path
    let contract = t.folder.appendingPathComponent("test.contract").path
    let settled = try runParkshare([
      "settle", contract, "--data", dir, "--period", "2029Q1", "--ledger", ledger, "--issued",
      "2029-04-15",
    ])
    #expect(settled.status == 0, "\(settled.err)")
    let verified = try runParkshare(["ledger", "verify", ledger])
    #expect(verified.status == 0, "\(verified.out)\(verified.err)")
    let explained = try runParkshare([
      "explain", "--ledger", ledger, "--period", "2029Q1", "--party", "host",
    ])
    #expect(explained.status == 0, "\(explained.err)")
    #expect(explained.out.contains("1,572.75"))
  }
}
