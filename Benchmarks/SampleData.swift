import Foundation
import ParkShare

/// The sample data bundles shipped in contracts/data/ (`parkshare-bench sample-data`). Monthly
/// totals are chosen so the bundles show the worked numbers of DOMAIN.md section 6: 3,035
/// certificates from 1,234,567 / 800,600 / 999,999 kWh, storage arbitrage of 6,900.00 CNY, the
/// storage subsidy at 75% in 2027, a CEA surplus of 3,118,000.00 CNY.
enum SampleData {
  static func milli(_ kwh: String) -> Int64 {
    let e = try! Exact(parsing: kwh)
    return Int64(try! (e * Exact(1000)).rounded(scale: 0, .down).significand)
  }

  static func write(
    _ dir: String, period: Period, meters: [MeterProfile], facts: String, byMonth: Bool
  ) throws {
    let fm = FileManager.default
    try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
    if !meters.isEmpty {
      var registry = "meter,kind,party,interval,asset\n"
      for m in meters { registry += "\(m.id),\(m.kind),\(m.party),\(m.interval),\n" }
      try registry.write(toFile: dir + "/meters.csv", atomically: true, encoding: .utf8)
      if byMonth {
        try fm.createDirectory(atPath: dir + "/readings", withIntermediateDirectories: true)
      }
      var writer: ReadingsWriter? = nil
      for k in 0..<period.length.months {
        let month = period.firstMonth + k
        if byMonth || writer == nil {
          writer?.close()
          let name =
            byMonth
            ? "/readings/\(Period(containing: month, length: .month)).csv" : "/readings.csv"
          writer = try ReadingsWriter(path: dir + name)
        }
        let start = Timestamp.parkMinutes(month: month)
        let end = Timestamp.parkMinutes(month: month + 1)
        for m in meters {
          for (t, v) in m.readings(monthStart: start, monthEnd: end, month: k) {
            writer!.append("\(m.id),\(ReadingsWriter.stamp(t)),\(ReadingsWriter.kwh(v))\n")
          }
        }
      }
      writer?.close()
    }
    try facts.write(toFile: dir + "/facts.csv", atomically: true, encoding: .utf8)
  }

  static let sun = Array(8...16)
  static let allDay = Array(0...23)

  static func run(_ root: String) throws {
    // 苏银: GEC-eligible export = export - traded = 1,234,567 / 800,600 / 999,999 kWh.
    let traded = ["300000", "200000", "250000"].map(milli)
    let eligible = ["1234567", "800600", "999999"].map(milli)
    let tenants = ["T001", "T002", "T003", "T004", "T005", "T006"]
    let supply = ["120000", "80000", "150000", "60000", "90000", "40000"].map(milli)
    let use = ["200000", "160000", "260000", "90000", "150000", "300000"].map(milli)
    var suyin: [MeterProfile] = [
      MeterProfile(
        id: "PV-GEN-01", kind: "pv-generation", party: "", interval: 60, hours: sun,
        monthly: (0..<3).map { eligible[$0] + traded[$0] + supply.reduce(0, +) + milli("50000") }),
      MeterProfile(
        id: "PV-EXP-01", kind: "on-grid-export", party: "", interval: 60, hours: sun,
        monthly: (0..<3).map { eligible[$0] + traded[$0] }),
      MeterProfile(
        id: "GT-01", kind: "green-trade", party: "", interval: 60, hours: sun, monthly: traded),
      MeterProfile(
        id: "ST-CHG-01", kind: "storage-charge", party: "", interval: 60, hours: Array(0...5),
        monthly: ["2352.94", "2352.94", "2352.94"].map(milli)),
      MeterProfile(
        id: "ST-DIS-01", kind: "storage-discharge", party: "", interval: 60, hours: Array(18...22),
        monthly: ["2000", "2000", "2000"].map(milli)),
    ]
    for (i, t) in tenants.enumerated() {
      suyin.append(
        MeterProfile(
          id: "SUP-\(t)", kind: "direct-supply", party: t, interval: 60, hours: sun,
          monthly: Array(repeating: supply[i], count: 3)))
      suyin.append(
        MeterProfile(
          id: "USE-\(t)", kind: "consumption", party: t, interval: 60, hours: allDay,
          monthly: Array(repeating: use[i], count: 3)))
    }
    try write(
      root + "/suyin-microgrid/2026Q1", period: Period("2026Q1")!, meters: suyin,
      facts: """
        fact,value,unit,member,vintage,month,note
        trade_price,0.3865,CNY/kWh,,,,green-power trade price (绿电交易)
        gec_price,5.15,CNY/cert,,2026,,certificates produced in 2026
        gec_price,5.15,CNY/cert,,2025,,December 2025 average for 2025 certificates
        gec_price,1.12,CNY/cert,,2024,,December 2025 average for 2024 certificates
        ccer_issued,1200,tCO2e,,,,issued this quarter
        ccer_price,70.76,CNY/tCO2e,,,,2025 average
        reported_on_time,1,,T001,,,
        reported_on_time,1,,T002,,,
        reported_on_time,0,,T003,,,reported late
        reported_on_time,1,,T004,,,
        reported_on_time,1,,T005,,,
        reported_on_time,1,,T006,,,

        """, byMonth: true)

    let buyers = ["B01", "B02", "B03"]
    var rooftop: [MeterProfile] = [
      MeterProfile(
        id: "RPV-GEN", kind: "pv-generation", party: "", interval: 60, hours: sun,
        monthly: ["620000", "580000", "700000"].map(milli)),
      MeterProfile(
        id: "RPV-EXP", kind: "on-grid-export", party: "", interval: 60, hours: sun,
        monthly: ["250000.5", "230000.25", "300000.125"].map(milli)),
    ]
    let buyerSupply = ["150000", "120000", "99999.5"].map(milli)
    let buyerUse = ["260000", "180000", "240000"].map(milli)
    for (i, b) in buyers.enumerated() {
      rooftop.append(
        MeterProfile(
          id: "SUP-\(b)", kind: "direct-supply", party: b, interval: 60, hours: sun,
          monthly: Array(repeating: buyerSupply[i], count: 3)))
      rooftop.append(
        MeterProfile(
          id: "USE-\(b)", kind: "consumption", party: b, interval: 60, hours: allDay,
          monthly: Array(repeating: buyerUse[i], count: 3)))
    }
    try write(
      root + "/rooftop-pv/2026Q1", period: Period("2026Q1")!, meters: rooftop,
      facts: """
        fact,value,unit,member,vintage,month,note
        export_price,0.391,CNY/kWh,,,,Jiangsu coal benchmark price
        gec_price,5.15,CNY/cert,,2026,,

        """, byMonth: false)

    // 2027Q2: the operation subsidy is at 75%; 100,000 kWh discharged -> 22,500.00 CNY.
    try write(
      root + "/storage-subsidy/2027Q2", period: Period("2027Q2")!,
      meters: [
        MeterProfile(
          id: "BESS-CHG", kind: "storage-charge", party: "", interval: 15, hours: Array(0...5),
          monthly: ["39215.69", "39215.69", "39215.68"].map(milli)),
        MeterProfile(
          id: "BESS-DIS", kind: "storage-discharge", party: "", interval: 15,
          hours: [8, 9, 10, 17, 18, 19, 20, 21],
          monthly: ["33333.33", "33333.33", "33333.34"].map(milli)),
      ],
      facts: """
        fact,value,unit,member,vintage,month,note
        investment,8000000,CNY,,,,approved investment

        """, byMonth: false)

    try write(
      root + "/park-carbon-assets/2026Q1", period: Period("2026Q1")!, meters: [],
      facts: """
        fact,value,unit,member,vintage,month,note
        ccer_issued,5000,tCO2e,,,,CCER issued this quarter
        ccer_price,70.76,CNY/tCO2e,,,,2025 average
        allowance,1000000,tCO2e,,,,the smelter's allowance
        verified,950000,tCO2e,,,,verified emissions
        cea_price,62.36,CNY/tCO2e,,,,2025 average CEA price
        green_kwh,1200000,kWh,E001,,,
        green_kwh,300,MWh,E002,,,
        green_kwh,450000,kWh,E003,,,
        green_kwh,0,kWh,E004,,,
        green_kwh,80000,kWh,E005,,,
        total_kwh,4000000,kWh,E001,,,
        total_kwh,1500000,kWh,E002,,,
        total_kwh,500000,kWh,E003,,,
        total_kwh,900000,kWh,E004,,,
        total_kwh,320000,kWh,E005,,,
        reduction,35,tCO2e,E001,,,
        reduction,12.5,tCO2e,E002,,,
        reduction,40,tCO2e,E003,,,
        reduction,0,tCO2e,E004,,,
        reduction,3,tCO2e,E005,,,
        reported_on_time,1,,E001,,,
        reported_on_time,1,,E002,,,
        reported_on_time,1,,E003,,,
        reported_on_time,0,,E004,,,
        reported_on_time,1,,E005,,,

        """, byMonth: false)

    try write(
      root + "/emc-shared-savings/2026", period: Period("2026")!, meters: [],
      facts: """
        fact,value,unit,member,vintage,month,note
        base_use,12000000,kWh,,,,baseline year 2025
        base_hdd,2800,dd,,,,
        base_output,50000,t,,,,
        hdd,2950,dd,,,,a colder year
        output,52000,t,,,,
        actual_use,10500000,kWh,,,,
        energy_price,0.65,CNY/kWh,,,,

        """, byMonth: false)

    try write(
      root + "/emc-guaranteed-savings/2026", period: Period("2026")!, meters: [],
      facts: """
        fact,value,unit,member,vintage,month,note
        base_use,12000000,kWh,,,,baseline year 2025
        actual_use,10400000,kWh,,,,
        base_output_value,600000000,CNY,,,,
        output_value,640000000,CNY,,,,
        energy_price,0.65,CNY/kWh,,,,

        """, byMonth: false)

    try SampleYear.run(root)
  }
}
