import Foundation
import Testing

@testable import ParkShare

/// A value given once for the period beside values by month: an amount (kWh, money) is the
/// period's and is added to the months' total once; a rate or level (kW, a price) holds in each
/// month. Before this rule a quarter's `monthly_kwh + extra` counted `extra` three times.
@Suite struct PeriodAmountTests {
  static let contract = """
    contract q "quarter"
    currency CNY
    settle quarterly from 2026Q1 to 2026Q4
    party a "a" operator
    input monthly_kwh kWh monthly
    input extra kWh
    input monthly_peak kW monthly
    input capacity kW
    revenue energy = (monthly_kwh + extra) x 1 CNY/kWh
    revenue demand = (capacity + monthly_peak) x 10 CNY/kW
    pool p = energy + demand
      split a 100%
    """

  static let facts = """
    fact,value,month
    monthly_kwh,10,2026-01
    monthly_kwh,20,2026-02
    monthly_kwh,30,2026-03
    extra,100,
    monthly_peak,10,2026-01
    monthly_peak,20,2026-02
    monthly_peak,30,2026-03
    capacity,100,

    """

  @Test func anAmountForThePeriodCountsOnceAndARateInEachMonth() throws {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    let dir = try t.bundle("q1", ["facts.csv": Self.facts])
    let (r, messages) = t.revenue(dir, period: "2026Q1")
    let revenue = try #require(r, "\(messages)")
    // 10 + 20 + 30 kWh, and 100 kWh once: 160 CNY (not 360).
    #expect(try revenue.total("energy") == Exact(160))
    // 100 kW of capacity in each of three months plus the months' peaks: (300 + 60) x 10.
    #expect(try revenue.total("demand") == Exact(3600))
  }

  @Test func aMeterLessAConstantIsTheQuartersKWhLessItOnce() throws {
    let t = try TestBundle(
      contract: """
        contract m "meter less a constant"
        currency CNY
        settle quarterly from 2026Q1 to 2026Q4
        party a "a" operator
        meter pv pv-generation
        revenue r = (pv - 100 kWh) x 1 CNY/kWh
        pool p = r
          split a 100%
        """)
    defer { t.remove() }
    let start = Timestamp.parkMinutes(month: Period("2026Q1")!.firstMonth)
    let end = Timestamp.parkMinutes(month: Period("2026Q1")!.lastMonth + 1)
    var rows = "meter,timestamp,kwh\n"
    for minute in stride(from: start, to: end, by: 60) {
      rows += "PV1,\(Timestamp.text(parkMinutes: minute)),1\n"
    }
    let dir = try t.bundle(
      "q1", ["meters.csv": "meter,kind,interval\nPV1,pv-generation,60\n", "readings.csv": rows])
    let (r, messages) = t.revenue(dir, period: "2026Q1")
    // 2,160 hours of 1 kWh, less 100 kWh once: 2,060 CNY.
    #expect(try r?.total("r") == Exact(2060), "\(messages)")
  }
}
