import Foundation
import Testing

@testable import ParkShare

/// How values combine: months, members and vintages; triggers and their state; units of data.
@Suite struct EvaluatorTests {
  @Test func aTriggeredReductionStaysThroughTheState() throws {
    let t = try TestBundle(
      contract: """
        contract trigger "sticky trigger"
        currency CNY
        settle quarterly from 2026Q1 to 2027Q4
        gaps zero
        party op "op" operator
        meter charge storage-charge
        meter discharge storage-discharge
        tariff tou CNY/kWh
          band peak 1.00 08:00-20:00
          band valley 0.25 20:00-08:00
        revenue arbitrage = tou(discharge, tou) - tou(charge, tou)
        subsidy top_up = 0.10 CNY/kWh x discharge
          reduce to 50% when arbitrage >= 1,000 CNY
        pool p = arbitrage + top_up
          split op 100%
        """)
    defer { t.remove() }
    func bundle(_ period: String, month: String, discharge: String) throws -> String {
      try t.bundle(
        period,
        [
          "meters.csv": "meter,kind,interval\nC,storage-charge,60\nD,storage-discharge,60\n",
          "readings.csv": "meter,timestamp,kwh\nC,\(month)-02T02:00:00+08:00,100\n"
            + "D,\(month)-02T12:00:00+08:00,\(discharge)\n",
          "facts.csv": "fact,value\n",
        ])
    }
    // Q1: arbitrage 2,000 - 25 >= 1,000: fired, the top-up is halved.
    let q1dir = try bundle("2026Q1", month: "2026-01", discharge: "2000")
    let q1 = try #require(t.revenue(q1dir, period: "2026Q1").revenue)
    #expect(q1.total("top_up") == x("100"))
    #expect(q1.closing.triggered["top_up: arbitrage >= 1000"] == Period("2026Q1"))
    // Q2: arbitrage is small, but the reduction has fired already.
    let q2dir = try bundle("2026Q2", month: "2026-04", discharge: "500")
    let q2 = try #require(t.revenue(q2dir, period: "2026Q2", opening: q1.closing).revenue)
    #expect(q2.total("top_up") == x("25"))
    // Without the state the engine cannot know, and says so.
    let fresh = t.revenue(q2dir, period: "2026Q2")
    #expect(fresh.revenue?.total("top_up") == x("50"))
    #expect(fresh.messages.contains("warning[no-opening-state]: no opening state"))
    #expect(fresh.messages.contains("subsidy reductions count as not yet triggered"))
  }

  @Test func anOpeningStateMustCloseThePreviousPeriod() throws {
    let t = try TestBundle(
      contract: """
        contract s "state"
        currency CNY
        settle quarterly from 2026Q1 to 2027Q4
        gaps zero
        party op "op" operator
        meter pv_export on-grid-export
        input gec_price CNY/cert by vintage
        revenue certificates = gec(pv_export) x gec_price
        pool p = certificates
          split op 100%
        """)
    defer { t.remove() }
    let dir = try t.bundle(
      "q3",
      [
        "meters.csv": "meter,kind,interval\nE,on-grid-export,60\n",
        "readings.csv": "meter,timestamp,kwh\nE,2026-07-02T12:00:00+08:00,1500\n",
        "facts.csv": "fact,value,vintage\ngec_price,2,2026\n",
      ])
    let stale = CarryState(
      contract: "s", period: Period("2026Q1"), gecRemainders: ["pv_export": x("900")])
    let r = t.revenue(dir, period: "2026Q3", opening: stale)
    #expect(r.revenue == nil)
    #expect(
      r.messages.contains(
        "the opening state closes 2026Q1; 2026Q3 needs the state that closes the period before it"))
    let other = CarryState(contract: "other", period: Period("2026Q2"))
    #expect(
      t.revenue(dir, period: "2026Q3", opening: other).messages.contains("is for contract 'other'"))
    // The right state: 900 carried + 1,500 = 2 certificates, 400 carried on.
    let good = CarryState(
      contract: "s", period: Period("2026Q2"), gecRemainders: ["pv_export": x("900")])
    let ok = try #require(t.revenue(dir, period: "2026Q3", opening: good).revenue)
    #expect(ok.total("certificates") == x("4"))
    #expect(ok.closing.gecRemainders["pv_export"] == x("400"))
  }

  @Test func monthlyPricesApplyMonthByMonthAndDataUnitsConvert() throws {
    let t = try TestBundle(
      contract: """
        contract m "monthly"
        currency CNY
        settle quarterly from 2026Q1 to 2026Q4
        gaps zero
        party op "op" operator
        meter pv_export on-grid-export
        input export_price CNY/kWh monthly
        input baseline MWh
        revenue export = pv_export x export_price
        kpi export_vs_baseline = pv_export / baseline
        pool p = export
          split op 100%
        """)
    defer { t.remove() }
    let dir = try t.bundle(
      "q1",
      [
        "meters.csv": "meter,kind,interval\nE,on-grid-export,30\n",
        "readings.csv": "meter,timestamp,kwh\nE,2026-01-02T12:00:00+08:00,1000\n"
          + "E,2026-02-02T12:30:00+08:00,2000\nE,2026-03-02T12:00:00+08:00,500\n",
        // Prices per month; the baseline is given in kWh though the contract says MWh.
        "facts.csv": """
        fact,value,unit,month
        export_price,0.40,CNY/kWh,2026-01
        export_price,0.38,CNY/kWh,2026-02
        export_price,400,CNY/MWh,2026-03
        baseline,7000,kWh,

        """,
      ])
    let (r, messages) = t.revenue(dir, period: "2026Q1")
    let revenue = try #require(r, "\(messages)")
    // 1,000 x 0.40 + 2,000 x 0.38 + 500 x 0.40 = 1,360, not 3,500 x an average price.
    #expect(revenue.total("export") == x("1360"))
    // A ratio of period totals: 3,500 / 7,000.
    #expect(revenue.total("export_vs_baseline") == x("0.5"))
  }

  @Test func perMemberValuesStayPerMemberUntilSummed() throws {
    let t = try TestBundle(
      contract: """
        contract g "groups"
        currency CNY
        settle quarterly from 2026Q1 to 2026Q4
        gaps zero
        party op "op" operator
        parties tenants from "tenants.csv" enterprise
        meter supply direct-supply per tenants
        meter use consumption per tenants
        input reported per tenants
        tariff tou CNY/kWh
          band peak 1.00 08:00-20:00
          band valley 0.25 20:00-08:00
        let share = supply / use
        kpi ratio = sum(supply) / sum(use)
        revenue direct = sum(tou(supply, tou))
        points green for tenants cap 50
          1 per % share
          5 if reported >= 1
        pool p = direct
          rebate 10% to tenants by green
          split op 100%
        """, files: ["tenants.csv": "id,name\nA,甲\nB,乙\nC,丙\n"])
    defer { t.remove() }
    let dir = try t.bundle(
      "q1",
      [
        "meters.csv": "meter,kind,party,interval\nSA,direct-supply,A,60\nSB,direct-supply,B,60\n"
          + "UA,consumption,A,60\nUB,consumption,B,60\nUC,consumption,C,60\n",
        "readings.csv": "meter,timestamp,kwh\nSA,2026-01-02T12:00:00+08:00,300\n"
          + "SB,2026-01-02T22:00:00+08:00,100\nUA,2026-01-02T12:00:00+08:00,1000\n"
          + "UB,2026-01-02T12:00:00+08:00,200\nUC,2026-01-02T12:00:00+08:00,800\n",
        "facts.csv": "fact,value,member\nreported,1,A\nreported,0,B\nreported,1,C\n",
      ])
    let (r, messages) = t.revenue(dir, period: "2026Q1")
    let revenue = try #require(r, "\(messages)")
    // C has no supply meter: 0 kWh, so its share is 0 (not an error: its use is not 0).
    let share = try #require(revenue.item("share")).value
    #expect(share.cells[Facet(member: "A")] == x("0.3"))
    #expect(share.cells[Facet(member: "B")] == x("0.5"))
    #expect(share.cells[Facet(member: "C")] == x("0"))
    #expect(revenue.total("ratio") == x("0.2"))  // 400 / 2,000, not the mean of the shares
    #expect(revenue.total("direct") == x("325"))  // 300 at peak + 100 at valley
    let points = try #require(revenue.item("green")).value
    #expect(points.cells[Facet(member: "A")] == x("35"))  // 30 + 5
    #expect(points.cells[Facet(member: "B")] == x("50"))  // 50 + 0, at the cap
    #expect(points.cells[Facet(member: "C")] == x("5"))
  }
}

@Suite struct FactsNumberTests {
  @Test(arguments: [
    ("1200", "1200"), ("1,200", "1200"), ("1,200,000.25", "1200000.25"), ("-1,000", "-1000"),
    ("0.4", "0.4"),
  ])
  func readsThousandsSeparators(text: String, value: String) {
    #expect(Facts.number(text) == x(value))
  }

  @Test(arguments: ["0,4", "1,20", "12,0000", ",100", "1,,000", "", "abc", "1.2.3"])
  func refusesAmbiguousNumbers(text: String) {
    #expect(Facts.number(text) == nil)
  }
}
