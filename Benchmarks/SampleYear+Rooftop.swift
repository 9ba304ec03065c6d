import Foundation
import ParkShare

extension SampleYear {
  /// Rooftop PV in Suzhou, 2026Q2-Q4 after the sample 2026Q1: generation peaks in May and July,
  /// dips in the June plum rains (梅雨) and falls in winter. Direct supply to the buyers follows
  /// the sun, so the direct green supply ratio moves the owner's share across the KPI tiers:
  /// 57.7% in Q2 (10%), 62.1% in Q3 (12%), 43.8% in Q4 (8%). Export keeps fractions of a kWh,
  /// so the certificate remainder carries from month to month and quarter to quarter.
  static func rooftop(_ root: String) throws {
    let quarters = ["2026Q2", "2026Q3", "2026Q4"]
    let gen = milli([
      "820000", "905000", "760000", "930000", "895000", "770000", "690000", "560000", "505000",
    ])
    let own = milli([
      "20000.375", "21000.25", "19000.5", "22000.125", "21000.75", "19000.25", "18000.625",
      "16000.5", "15000.25",
    ])
    let buyers = ["B01", "B02", "B03"]
    let supplyBase = ["150000", "120000", "99999.5"].map(SampleData.milli)
    let useBase = ["260000", "180000", "240000"].map(SampleData.milli)
    let supplyFactor: [Int64] = [1100, 1180, 1020, 1280, 1250, 1120, 950, 780, 700]
    let useFactor: [Int64] = [1000, 1030, 1080, 1100, 1080, 1020, 1000, 1000, 1020]
    let gecPrice = ["4.85", "5.40", "6.05"]
    for (q, name) in quarters.enumerated() {
      let months = Array((3 * q)..<(3 * q + 3))
      let supply = supplyBase.map { scaled($0, months.map { supplyFactor[$0] }) }
      let use = useBase.map { scaled($0, months.map { useFactor[$0] }) }
      let export = months.enumerated().map { k, m in
        gen[m] - own[m] - supply.reduce(0) { $0 + $1[k] }
      }
      let sun = SampleData.sun
      var meters: [MeterProfile] = [
        MeterProfile(
          id: "RPV-GEN", kind: "pv-generation", party: "", interval: 60, hours: sun,
          monthly: months.map { gen[$0] }),
        MeterProfile(
          id: "RPV-EXP", kind: "on-grid-export", party: "", interval: 60, hours: sun,
          monthly: export),
      ]
      for (i, b) in buyers.enumerated() {
        meters.append(
          MeterProfile(
            id: "SUP-\(b)", kind: "direct-supply", party: b, interval: 60, hours: sun,
            monthly: supply[i]))
        meters.append(
          MeterProfile(
            id: "USE-\(b)", kind: "consumption", party: b, interval: 60,
            hours: SampleData.allDay, monthly: use[i]))
      }
      try SampleData.write(
        root + "/rooftop-pv/" + name, period: Period(name)!, meters: meters,
        facts: """
          fact,value,unit,member,vintage,month,note
          export_price,0.391,CNY/kWh,,,,Jiangsu coal benchmark price
          gec_price,\(gecPrice[q]),CNY/cert,,2026,,

          """, byMonth: false)
    }
  }
}
