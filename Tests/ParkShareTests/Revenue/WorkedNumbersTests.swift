import Foundation
import Testing

@testable import ParkShare

/// The revenue numbers of DOMAIN.md section 6, each reproduced through a contract and a data
/// bundle (not by calling the arithmetic directly).
@Suite struct WorkedNumbersTests {
  static let header = """
    currency CNY rounding half-up
    gaps zero
    party op "园区运营公司" operator
    """

  static func reading(_ meter: String, _ time: String, _ kwh: String) -> String {
    "\(meter),\(time),\(kwh)\n"
  }

  @Test func greenCertificatesCarryTheirRemainderFromMonthToMonth() throws {
    let t = try TestBundle(
      contract: """
        contract gec "GEC carry-forward"
        settle quarterly from 2026Q1 to 2027Q4
        \(Self.header)
        meter pv_export on-grid-export
        input gec_price CNY/cert by vintage
        revenue certificates = gec(pv_export) x gec_price
        pool p = certificates
          split op 100%
        """)
    defer { t.remove() }
    let dir = try t.bundle(
      "2026Q1",
      [
        "meters.csv": "meter,kind,interval\nEXP,on-grid-export,60\n",
        "readings.csv": "meter,timestamp,kwh\n"
          + Self.reading("EXP", "2026-01-15T12:00:00+08:00", "1234567")
          + Self.reading("EXP", "2026-02-15T12:00:00+08:00", "800600")
          + Self.reading("EXP", "2026-03-15T12:00:00+08:00", "999999"),
        "facts.csv": "fact,value,unit,vintage\ngec_price,5.15,CNY/cert,2026\n",
      ])
    let (r, messages) = t.revenue(dir, period: "2026Q1")
    let revenue = try #require(r, "\(messages)")
    // 1,234 + 801 + 1,000 = 3,035 certificates at 5.15.
    #expect(revenue.total("certificates") == x("15630.25"))
    #expect(revenue.closing.gecRemainders["pv_export"] == x("166"))
    // Each month as recorded: carried in, exported, eligible, issued (vintage), carried on.
    let months = revenue.item("certificates")!.details.compactMap { d -> [String]? in
      guard
        case .certificates(_, let month, let carried, let kWh, let eligible, let issued, let rest) =
          d
      else { return nil }
      return ["\(month)"] + [carried, kWh, eligible, issued, rest].map(\.description)
    }
    #expect(
      months == [
        ["2026-01", "0", "1234567", "1234567", "1234", "567"],
        ["2026-02", "567", "800600", "801167", "801", "167"],
        ["2026-03", "167", "999999", "1000166", "1000", "166"],
      ])
    #expect(
      revenue.item("certificates")!.details.map { Wording.en.detail($0).value }.contains(
        "carried 0 + 1,234,567 kWh = 1,234,567 kWh -> 1,234 certificates (vintage 2026), 567 kWh carried"
      ))
  }

  @Test func certificatesCarryAcrossPeriodsThroughTheState() throws {
    let t = try TestBundle(
      contract: """
        contract gec-monthly "GEC settled monthly"
        settle monthly from 2026-01 to 2026-12
        \(Self.header)
        meter pv_export on-grid-export
        input gec_price CNY/cert by vintage
        revenue certificates = gec(pv_export) x gec_price
        pool p = certificates
          split op 100%
        """)
    defer { t.remove() }
    var state: CarryState? = nil
    var certificates: [Exact] = []
    var cumulative = Exact.zero
    for (month, kwh) in [("01", "1234567"), ("02", "800600"), ("03", "999999")] {
      let dir = try t.bundle(
        "2026-\(month)",
        [
          "meters.csv": "meter,kind,interval\nEXP,on-grid-export,60\n",
          "readings.csv": "meter,timestamp,kwh\n"
            + Self.reading("EXP", "2026-\(month)-15T12:00:00+08:00", kwh),
          "facts.csv": "fact,value,unit,vintage\ngec_price,1,CNY/cert,2026\n",
        ])
      let (r, messages) = t.revenue(dir, period: "2026-\(month)", opening: state)
      let revenue = try #require(r, "\(messages)")
      certificates.append(revenue.total("certificates")!)
      state = revenue.closing
      // The invariant: certificates so far = floor(cumulative eligible kWh / 1000).
      cumulative = try cumulative + x(kwh)
      let issued = try certificates.reduce(Exact.zero) { try $0 + $1 }
      #expect(issued == (try (cumulative / Exact(1000)).rounded(scale: 0, .down)))
    }
    #expect(certificates == [x("1234"), x("801"), x("1000")])
    #expect(state?.gecRemainders["pv_export"] == x("166"))
  }

  /// Traded kWh carry their certificates to the buyer; self-consumed kWh earn none.
  @Test(arguments: [("2025Q4", "1030"), ("2024Q4", "224")])
  func tradedPowerIsNotSoldTwice(period: String, expected: String) throws {
    let t = try TestBundle(
      contract: """
        contract no-double "no double counting"
        settle quarterly from 2024Q1 to 2026Q4
        \(Self.header)
        meter pv_export on-grid-export
        meter green_traded green-trade
        meter self_use consumption
        input gec_price CNY/cert by vintage
        input trade_price CNY/kWh
        revenue trade = green_traded x trade_price
        revenue certificates = gec(pv_export - green_traded) x gec_price
        kpi self_share = self_use / (self_use + pv_export)
        pool p = trade + certificates
          split op 100%
        """)
    defer { t.remove() }
    let year = String(period.prefix(4))
    let dir = try t.bundle(
      period,
      [
        "meters.csv":
          "meter,kind,interval\nEXP,on-grid-export,60\nGT,green-trade,60\nSELF,consumption,60\n",
        "readings.csv": "meter,timestamp,kwh\n"
          + Self.reading("EXP", "\(year)-11-03T12:00:00+08:00", "500000")
          + Self.reading("GT", "\(year)-11-03T12:00:00+08:00", "300000")
          + Self.reading("SELF", "\(year)-11-03T12:00:00+08:00", "400000"),
        "facts.csv": "fact,value,unit,vintage\ngec_price,5.15,CNY/cert,2025\n"
          + "gec_price,1.12,CNY/cert,2024\ntrade_price,0.40,CNY/kWh,\n",
      ])
    let (r, messages) = t.revenue(dir, period: period)
    let revenue = try #require(r, "\(messages)")
    #expect(revenue.total("certificates") == x(expected))  // 200 certificates
    #expect(revenue.total("trade") == x("120000"))
  }

  @Test func storageArbitrageValuesEachIntervalAtItsBand() throws {
    let t = try TestBundle(
      contract: """
        contract storage "arbitrage"
        settle quarterly from 2026Q1 to 2026Q4
        \(Self.header)
        meter charge storage-charge
        meter discharge storage-discharge
        tariff grid_tou CNY/kWh
          band peak 1.49 08:00-11:00, 18:00-23:00
          band flat 0.78 07:00-08:00, 11:00-18:00
          band valley 0.289 23:00-07:00
        revenue arbitrage = tou(discharge, grid_tou) - tou(charge, grid_tou)
        pool p = arbitrage
          split op 100%
        """)
    defer { t.remove() }
    let dir = try t.bundle(
      "q1",
      [
        "meters.csv": "meter,kind,interval\nCHG,storage-charge,15\nDIS,storage-discharge,15\n",
        // 02:00 is valley; 19:00 (and 10:45 UTC+0 = 18:45 park time) are peak.
        "readings.csv": "meter,timestamp,kwh\n"
          + Self.reading("CHG", "2026-02-03T02:00:00+08:00", "7058.82")
          + Self.reading("DIS", "2026-02-03T19:00:00+08:00", "4000")
          + Self.reading("DIS", "2026-02-03T10:45:00Z", "2000"),
        "facts.csv": "fact,value\n",
      ])
    let (r, messages) = t.revenue(dir, period: "2026Q1")
    let revenue = try #require(r, "\(messages)")
    let arbitrage = try #require(revenue.total("arbitrage"))
    // 6,000 x 1.49 = 8,940.00 less 7,058.82 x 0.289 = 2,039.99898: exact, unrounded.
    #expect(arbitrage == x("6900.00102"))
    #expect(try arbitrage.rounded(scale: 2, .halfUp) == x("6900.00"))
  }

  static let subsidyContract = """
    contract subsidies "phase-out"
    settle quarterly from 2026Q1 to 2030Q4
    \(header)
    party city "市发改委" government
    meter discharge storage-discharge
    input investment CNY
    input allowance tCO2e
    input verified tCO2e
    input cea_price CNY/tCO2e
    revenue cea_surplus = max(allowance - verified, 0 tCO2e) x cea_price
    subsidy operation = 0.30 CNY/kWh x discharge paid by city
      phase-out 2026 100%, 2027 75%, 2028 50%, 2029 0%
    subsidy capex = min(30% x investment, 2,000,000 CNY) paid by city in 2026Q2
    subsidy top_up = 0.10 CNY/kWh x discharge paid by city
      degression 1% per half-year from 2027H1
    pool p = cea_surplus + operation + capex + top_up
      split op 100%
    """

  static func subsidyBundle(
    _ t: TestBundle, _ period: String, investment: String = "5000000",
    verified: String = "950000"
  ) throws -> PeriodRevenue {
    let p = Period(period)!
    let month = Period(containing: p.firstMonth + 1, length: .month)
    let dir = try t.bundle(
      period + "-" + investment + "-" + verified,
      [
        "meters.csv": "meter,kind,interval\nDIS,storage-discharge,60\n",
        "readings.csv": "meter,timestamp,kwh\n"
          + reading("DIS", "\(month)-10T19:00:00+08:00", "100000"),
        "facts.csv": """
        fact,value,unit
        investment,\(investment),CNY
        allowance,1000000,tCO2e
        verified,\(verified),tCO2e
        cea_price,62.36,CNY/tCO2e

        """,
      ])
    let (r, messages) = t.revenue(dir, period: period)
    return try #require(r, "\(messages)")
  }

  @Test func subsidyPhasesOutByItsStepTable() throws {
    let t = try TestBundle(contract: Self.subsidyContract)
    defer { t.remove() }
    #expect(try Self.subsidyBundle(t, "2026Q4").total("operation") == x("30000"))
    // 0.30 CNY/kWh x 100,000 kWh x 75% in 2027.
    #expect(try Self.subsidyBundle(t, "2027Q2").total("operation") == x("22500"))
    #expect(try Self.subsidyBundle(t, "2029Q1").total("operation") == x("0"))
  }

  @Test func capitalSubsidyIsCappedAndPaidOnce() throws {
    let t = try TestBundle(contract: Self.subsidyContract)
    defer { t.remove() }
    #expect(try Self.subsidyBundle(t, "2026Q2").total("capex") == x("1500000"))
    #expect(
      try Self.subsidyBundle(t, "2026Q2", investment: "10000000").total("capex") == x("2000000"))
    #expect(try Self.subsidyBundle(t, "2026Q3").total("capex") == x("0"))
  }

  @Test func degressionCompoundsOnTheUnroundedRate() throws {
    let t = try TestBundle(contract: Self.subsidyContract)
    defer { t.remove() }
    #expect(try Self.subsidyBundle(t, "2026Q4").total("top_up") == x("10000"))
    #expect(try Self.subsidyBundle(t, "2027Q2").total("top_up") == x("9900"))
    // Three half-years in: 0.99^3 = 0.970299, never rounded between steps.
    #expect(try Self.subsidyBundle(t, "2028Q1").total("top_up") == x("9702.99"))
    // Fourteen half-years: the factor keeps every digit (0.99^8 x 10,000 kWh x 0.10 ...).
    #expect(
      try Self.subsidyBundle(t, "2030Q4").total("top_up")
        == (try x("10000") * x("0.99").power(8)))
  }

  @Test func allowanceSurplusIsRevenueAndADeficitIsNot() throws {
    let t = try TestBundle(contract: Self.subsidyContract)
    defer { t.remove() }
    #expect(try Self.subsidyBundle(t, "2026Q1").total("cea_surplus") == x("3118000"))
    #expect(
      try Self.subsidyBundle(t, "2026Q1", verified: "1050000").total("cea_surplus") == x("0"))
  }
}

extension Exact {
  func power(_ n: Int) throws -> Exact {
    var out = Exact.one
    for _ in 0..<n { out = try out * self }
    return out
  }
}
