import Foundation
import Testing

@testable import ParkShare

/// Thresholds crossed inside a period, marginally: a subsidy reduction on a running total and a
/// step table on a running total or on a party's receipts (the payback switch).
@Suite struct CrossingTests {
  static let header = """
    contract crossing "thresholds crossed inside a period"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2028Q4
    party gov "government" government
    party esco "ESCO" energy-service
    party host "host" operator
    input amount CNY
    input discharge kWh
    revenue income = amount
    """

  static func subsidies(_ rules: String, _ discharged: [String]) throws -> [Exact] {
    let periods = ["2026Q1", "2026Q2", "2026Q3", "2026Q4", "2027Q1"].prefix(discharged.count)
    return try RunningTotalsTests.settleInOrder(
      header + """

        subsidy storage = 0.20 CNY/kWh x discharge paid by gov
        \(rules)
        pool p = income + storage
          split esco 50%, host 50%
        """, Array(periods)
    ) { i in [("amount", "0"), ("discharge", discharged[i])] }
    .map { try #require($0.revenue.total("storage")) }
  }

  /// The worked example: 0.20 CNY/kWh until 500,000 kWh over the term, then 0.10.
  /// 180,000 kWh a quarter: 36,000, 36,000, then 140,000 x 0.20 + 40,000 x 0.10 = 32,000,
  /// then 18,000.
  @Test func aSubsidyHalvesAtACumulativeThresholdInsideAQuarter() throws {
    let paid = try Self.subsidies(
      "  reduce to 50% when to-date(discharge) >= 500,000 kWh",
      ["180000", "180000", "180000", "180000"])
    #expect(paid == ["36000", "36000", "32000", "18000"].map(x))
  }

  /// A quarter that ends exactly on the threshold pays in full; the next is reduced in full.
  @Test func aCrossingThatLandsExactlyOnTheThreshold() throws {
    let paid = try Self.subsidies(
      "  reduce to 50% when to-date(discharge) >= 500,000 kWh", ["300000", "200000", "100000"])
    #expect(paid == ["60000", "40000", "10000"].map(x))
  }

  /// Two thresholds crossed in one quarter stack piece by piece: 0-100,000 at 0.20,
  /// 100,000-150,000 at 0.10, 150,000-200,000 at 0.05: 20,000 + 5,000 + 2,500.
  @Test func twoThresholdsCrossedInOnePeriod() throws {
    let paid = try Self.subsidies(
      """
        reduce to 50% when to-date(discharge) >= 100,000 kWh
        reduce to 50% when to-date(discharge) >= 150,000 kWh
      """, ["200000"])
    #expect(paid == [x("27500")])
  }

  /// A yearly window starts again each year, so the reduction lifts in January.
  @Test func aYearlyWindowLiftsTheReductionInTheNewYear() throws {
    let paid = try Self.subsidies(
      "  reduce to 50% when to-date(discharge, year) >= 500,000 kWh",
      ["200000", "200000", "200000", "200000", "200000"])
    // 2026: 40,000, 40,000, then 100,000 full + 100,000 half = 30,000, then 20,000; 2027Q1 full.
    #expect(paid == ["40000", "40000", "30000", "20000", "40000"].map(x))
  }

  /// The payback switch: the ESCO takes 80% until it has received 1,000,000 CNY from the pool,
  /// then 20%. 600,000 a quarter pays it 480,000 twice (960,000 received); then 1,300,000: the
  /// first 50,000 at 80% (40,000 completes the 1,000,000), the other 1,250,000 at 20%.
  @Test func thePaybackSwitchSolvesForThePartThatCompletesTheAmount() throws {
    let settled = try RunningTotalsTests.settleInOrder(
      Self.header + """

        kpi esco_paid = received(esco, savings)
        pool savings = income
          split on esco_paid
            below 1,000,000 CNY: esco 80%, host 20%
            from 1,000,000 CNY: esco 20%, host 80%
        """, ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]
    ) { i in [("amount", ["600000", "600000", "1300000", "100000"][i]), ("discharge", "0")] }
    #expect(settled.map { $0.net("esco") } == ["480000", "480000", "290000", "20000"].map(x))
    #expect(settled.map { $0.net("host") } == ["120000", "120000", "1010000", "80000"].map(x))
    let lines = settled[2].pools[0].lines.filter { $0.recipient == .party("esco") }
    #expect(lines.map(\.amount) == ["40000", "250000"].map(x))
    // The explanation says where the receipts went from and to in each part.
    let words = Wording.en.basis(lines[0].basis)
    #expect(
      words.hasPrefix(
        "50,000 CNY of remainder 1,300,000 CNY; esco_paid from 960,000 to 1,000,000 CNY: below 1,000,000 ("
      ), "\(words)")
    #expect(words.hasSuffix("test.contract:13)"), "\(words)")
  }

  /// A step table on a running total of kWh divides the remainder in proportion to the kWh on
  /// each side of the threshold: 180 kWh a quarter, the row changes at 500 kWh.
  @Test func aStepTableOnARunningTotalDividesTheRemainderByTheTotalsMovement() throws {
    let settled = try RunningTotalsTests.settleInOrder(
      Self.header + """

        kpi discharged = to-date(discharge)
        pool p = income
          split on discharged
            below 500 kWh: esco 100%
            from 500 kWh: host 100%
        """, ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]
    ) { _ in [("amount", "900"), ("discharge", "180")] }
    #expect(settled.map { $0.net("esco") } == ["900", "900", "700", "0"].map(x))
    #expect(settled.map { $0.net("host") } == ["0", "0", "200", "900"].map(x))
  }

  /// A metered running total crossed by the first reading of a quarter, or by its last: the
  /// subsidy is marginal on the kWh either side, wherever in the quarter they were read. 2026Q1
  /// discharges 995 kWh; 2026Q2 100 kWh, crossing 1,000 kWh after its first 5: 5 x 0.20 + 95 x
  /// 0.10 = 10.50, whether the first hour reads 10 kWh (the crossing in the first interval) or
  /// the last hour 96 kWh (in the last: 999 before it).
  @Test(arguments: [
    ["04-01T00:00": "10", "05-15T12:00": "90"],
    ["04-01T00:00": "4", "06-30T23:00": "96"],
  ])
  func aCrossingInTheFirstOrTheLastIntervalOfAQuarter(_ q2: [String: String]) throws {
    let t = try TestBundle(
      contract: Self.header + """

        meter battery storage-discharge
        subsidy storage = 0.20 CNY/kWh x battery paid by gov
          reduce to 50% when to-date(battery) >= 1,000 kWh
        pool p = income + storage
          split esco 50%, host 50%
        gaps zero

        """)
    defer { t.remove() }
    var state: CarryState? = nil
    var paid: [Exact] = []
    for (period, rows) in [("2026Q1", ["01-10T12:00": "995"]), ("2026Q2", q2)] {
      let dir = try t.bundle(
        period,
        [
          "meters.csv": "meter,kind,interval\nB,storage-discharge,60\n",
          "readings.csv": "meter,timestamp,kwh\n"
            + rows.sorted { $0.key < $1.key }.map { "B,2026-\($0.key):00+08:00,\($0.value)\n" }
            .joined(),
          "facts.csv": "fact,value\namount,0\ndischarge,0\n",
        ])
      let (s, messages) = t.settle(dir, period: period, opening: state)
      let settled = try #require(s, "\(period): \(messages)")
      paid.append(try #require(settled.revenue.total("storage")))
      state = settled.closing
    }
    #expect(paid == ["199", "10.5"].map(x))
  }
}
