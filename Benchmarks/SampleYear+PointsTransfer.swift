import Foundation
import ParkShare

/// Green points with expiry and a REIT transfer inside a quarter (issue 14), four quarters each
/// from the start of the term, with figures chosen so that each term acts within them: points
/// are redeemed from 2026Q2 within both caps, G01's unredeemed 2026Q1 points expire as 2026Q3
/// opens, and the transfer on 2026-12-01 cuts 2026Q4 into 61 and 31 days.
extension SampleYear {
  static func pointsAndTransfer(_ root: String) throws {
    try greenPoints(root)
    try pvReitTransfer(root)
  }

  /// Green power consumed by G01, G02 and G03 (MWh, one point each): 500, 120, 50; 300, 80, 75;
  /// 400, 110, 25; 200, 250, 75. Certificate and CCER income 67,000, 90,000, 72,000 and
  /// 74,000 CNY (5% of each divides evenly by the tenants' balances: 670, 1,125, 900, 925).
  static func greenPoints(_ root: String) throws {
    let quarters = [
      ("2026Q1", "67000", ["500000", "120000", "50000"]),
      ("2026Q2", "90000", ["300000", "80000", "75000"]),
      ("2026Q3", "72000", ["400000", "110000", "25000"]),
      ("2026Q4", "74000", ["200000", "250000", "75000"]),
    ]
    for (name, income, use) in quarters {
      let rows = zip(["G01", "G02", "G03"], use).map { "green_use,\($1),kWh,\($0),,," }
      try SampleData.write(
        root + "/green-points/" + name, period: Period(name)!, meters: [],
        facts: """
          fact,value,unit,member,vintage,month,note
          carbon_income,\(income),CNY,,,,green certificates and CCER sold
          \(rows.joined(separator: "\n"))

          """, byMonth: false)
    }
  }

  /// 12 MWp of rooftop PV: 7.8, 11.5, 10.9 and 9.2 GWh at 0.41, 0.39, 0.40 and 0.40 CNY/kWh.
  /// 2026Q4's 3,680,000 CNY is 40,000 a day over 92 days, so the transfer's sub-periods take
  /// 2,440,000 and 1,240,000 exactly.
  static func pvReitTransfer(_ root: String) throws {
    let quarters = [
      ("2026Q1", "7800000", "0.41"), ("2026Q2", "11500000", "0.39"),
      ("2026Q3", "10900000", "0.40"), ("2026Q4", "9200000", "0.40"),
    ]
    for (name, generation, price) in quarters {
      try SampleData.write(
        root + "/pv-reit-transfer/" + name, period: Period(name)!, meters: [],
        facts: """
          fact,value,unit,member,vintage,month,note
          generation,\(generation),kWh,,,,grid company settlement statements
          power_price,\(price),CNY/kWh,,,,average settled price

          """, byMonth: false)
    }
  }
}
