import Foundation
import ParkShare

extension SampleYear {
  /// 苏银 (Yinchuan) 2026Q2-Q4 after the sample 2026Q1: PV peaks in May-July and falls to about
  /// 1.4 GWh in December; tenants take more direct supply in summer; the data centre (T006)
  /// uses more for cooling. Q1 closes with 166 kWh of certificates carried: April's
  /// 1,356,842.4 GEC-eligible kWh make 1,357 certificates with it, not 1,356. No CCER is issued
  /// in Q2, a batch in Q3 and a smaller one in Q4. The 3% storage reserve grows each quarter.
  static func suyin(_ root: String) throws {
    let quarters = ["2026Q2", "2026Q3", "2026Q4"]
    // GEC-eligible export (export - traded) and green-power trade, kWh a month, April-December.
    let eligible = milli([
      "1356842.4", "1498305.7", "1421880.9", "1405213.3", "1318467.8", "1142509.6",
      "1075333.2", "812946.5", "701428.1",
    ])
    let traded = milli([
      "320000", "380000", "360000", "340000", "330000", "300000", "280000", "240000", "220000",
    ])
    // Station use and losses between generation and the meters downstream.
    let own = milli([
      "55000", "60000", "60000", "60000", "60000", "55000", "50000", "50000", "50000",
    ])
    let tenants = ["T001", "T002", "T003", "T004", "T005", "T006"]
    let supplyBase = ["120000", "80000", "150000", "60000", "90000", "40000"].map(SampleData.milli)
    let useBase = ["200000", "160000", "260000", "90000", "150000", "300000"].map(SampleData.milli)
    // Per mille of the Q1 monthly figure: direct supply follows the sun, use the seasons.
    let supplyFactor: [Int64] = [1100, 1200, 1250, 1300, 1250, 1120, 1000, 850, 800]
    let useFactor: [Int64] = [1000, 1020, 1050, 1100, 1100, 1030, 1000, 1020, 1050]
    let dataCentreFactor: [Int64] = [1020, 1060, 1120, 1180, 1180, 1080, 1000, 980, 1000]
    let discharge = milli([
      "2200", "2400", "2600", "2800", "2800", "2400", "2200", "2000", "1900",
    ])
    let facts = [
      """
      fact,value,unit,member,vintage,month,note
      trade_price,0.3720,CNY/kWh,,,,spring: midday PV surplus lowers the green-power trade price
      gec_price,4.85,CNY/cert,,2026,,2026 certificates this quarter
      ccer_issued,0,tCO2e,,,,no CCER issued this quarter
      ccer_price,72.10,CNY/tCO2e,,,,
      reported_on_time,1,,T001,,,
      reported_on_time,1,,T002,,,
      reported_on_time,1,,T003,,,
      reported_on_time,1,,T004,,,
      reported_on_time,0,,T005,,,reported late
      reported_on_time,1,,T006,,,

      """,
      """
      fact,value,unit,member,vintage,month,note
      trade_price,0.3980,CNY/kWh,,,,summer peak demand
      gec_price,5.40,CNY/cert,,2026,,2026 certificates this quarter
      ccer_issued,1500,tCO2e,,,,second issuance of the PV project's CCER
      ccer_price,78.50,CNY/tCO2e,,,,
      reported_on_time,1,,T001,,,
      reported_on_time,1,,T002,,,
      reported_on_time,1,,T003,,,
      reported_on_time,1,,T004,,,
      reported_on_time,1,,T005,,,
      reported_on_time,1,,T006,,,

      """,
      """
      fact,value,unit,member,vintage,month,note
      trade_price,0.4015,CNY/kWh,,,,winter heating season
      gec_price,6.05,CNY/cert,,2026,,year-end demand for 2026 certificates
      ccer_issued,900,tCO2e,,,,issued this quarter
      ccer_price,84.30,CNY/tCO2e,,,,
      reported_on_time,1,,T001,,,
      reported_on_time,1,,T002,,,
      reported_on_time,1,,T003,,,
      reported_on_time,1,,T004,,,
      reported_on_time,1,,T005,,,
      reported_on_time,0,,T006,,,reported late

      """,
    ]
    for (q, name) in quarters.enumerated() {
      let months = (3 * q)..<(3 * q + 3)
      let supply = supplyBase.map { Array(scaled($0, Array(supplyFactor[months]))) }
      let use = useBase.enumerated().map { i, base in
        scaled(base, Array((i == 5 ? dataCentreFactor : useFactor)[months]))
      }
      let gen = months.map { m in
        eligible[m] + traded[m] + own[m] + supply.reduce(0) { $0 + $1[m - 3 * q] }
      }
      let out = Array(months.map { eligible[$0] + traded[$0] })
      let dis = Array(discharge[months])
      let sun = SampleData.sun
      var meters: [MeterProfile] = [
        MeterProfile(
          id: "PV-GEN-01", kind: "pv-generation", party: "", interval: 60, hours: sun,
          monthly: gen),
        MeterProfile(
          id: "PV-EXP-01", kind: "on-grid-export", party: "", interval: 60, hours: sun,
          monthly: out),
        MeterProfile(
          id: "GT-01", kind: "green-trade", party: "", interval: 60, hours: sun,
          monthly: Array(traded[months])),
        MeterProfile(
          id: "ST-CHG-01", kind: "storage-charge", party: "", interval: 60, hours: Array(0...5),
          monthly: charge(dis)),
        MeterProfile(
          id: "ST-DIS-01", kind: "storage-discharge", party: "", interval: 60,
          hours: Array(18...22), monthly: dis),
      ]
      for (i, t) in tenants.enumerated() {
        meters.append(
          MeterProfile(
            id: "SUP-\(t)", kind: "direct-supply", party: t, interval: 60, hours: sun,
            monthly: supply[i]))
        meters.append(
          MeterProfile(
            id: "USE-\(t)", kind: "consumption", party: t, interval: 60,
            hours: SampleData.allDay, monthly: use[i]))
      }
      try SampleData.write(
        root + "/suyin-microgrid/" + name, period: Period(name)!, meters: meters,
        facts: facts[q], byMonth: true)
    }
  }
}
