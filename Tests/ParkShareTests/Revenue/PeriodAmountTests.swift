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

  /// Green power traded settled as energy price plus environmental value on each month's
  /// minimum of contract, generation and consumption (issue 17, item 7): January min(100, 80,
  /// 90) = 80, February min(100, 150, 70) = 70, March min(100, 120, 130) = 100: 250 kWh at
  /// 0.35 + 0.02 = 92.50 CNY. The minimum of the quarter's totals (min(300, 350, 290) = 290)
  /// would pay 107.30.
  @Test func monthlyMinTakesEachMonthsSmallestAndRefusesAQuarterAmountBesideMonths() throws {
    let contract = """
      contract g "green trade"
      currency CNY
      settle quarterly from 2026Q1 to 2026Q4
      party a "a" operator
      input contract_kwh kWh monthly
      input generation kWh monthly
      input consumption kWh monthly
      input energy_price CNY/kWh
      input env_value CNY/kWh
      revenue trade = monthly-min(contract_kwh, generation, consumption) x (energy_price + env_value)
      pool p = trade
        split a 100%
      """
    let t = try TestBundle(contract: contract)
    defer { t.remove() }
    var rows = "fact,value,month\nenergy_price,0.35,\nenv_value,0.02,\n"
    for (m, c, g, u) in [("01", 100, 80, 90), ("02", 100, 150, 70), ("03", 100, 120, 130)] {
      rows += "contract_kwh,\(c),2026-\(m)\ngeneration,\(g),2026-\(m)\nconsumption,\(u),2026-\(m)\n"
    }
    let dir = try t.bundle("q1", ["facts.csv": rows])
    let (r, messages) = t.revenue(dir, period: "2026Q1")
    #expect(try r?.total("trade") == Exact("92.5")!, "\(messages)")
    #expect(
      t.contract.definitions.first { $0.id == "trade" }.map { "\($0.formula)" }
        == "monthly-min(contract_kwh, generation, consumption) x (energy_price + env_value)")

    // The contract quantity given once for the quarter: which month's minimum would it be?
    let q = try TestBundle(
      contract: contract.replacingOccurrences(
        of: "input contract_kwh kWh monthly", with: "input contract_kwh kWh"))
    defer { q.remove() }
    let quarter = try q.bundle(
      "q1",
      [
        "facts.csv": rows.replacingOccurrences(
          of: "contract_kwh,100,2026-01\n", with: "contract_kwh,300,\n"
        )
        .replacingOccurrences(of: "contract_kwh,100,2026-02\n", with: "")
        .replacingOccurrences(of: "contract_kwh,100,2026-03\n", with: "")
      ])
    let (r2, m2) = q.revenue(quarter, period: "2026Q1")
    #expect(r2 == nil)
    #expect(m2.contains("'contract_kwh' is one amount for the period"), "\(m2)")
  }
}
