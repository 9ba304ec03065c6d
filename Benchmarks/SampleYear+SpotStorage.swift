import Foundation
import ParkShare

extension SampleYear {
  /// A park's shared storage on the spot market (contracts/park-storage-spot.contract),
  /// 2026Q3-2027Q2, every 15 minutes. The park's load (kW) on weekdays: 8,000 until 08:00,
  /// 12,000 to 17:00, 14,000 to 21:00, 9,000 to midnight, above that on a few days (`spikes`);
  /// weekends 60% of it. Rooftop PV behind the meter covers 6,000 kW from 11:00 to 14:00 in
  /// summer quarters, 4,000 in winter ones. The battery charges 5,000 kW from 11:00 to 13:00
  /// and discharges 2,000 kW from 17:00 to 21:00 every day (10,000 kWh in, 8,000 out). The
  /// import meter reads load - PV + charge - discharge. Spot prices (CNY/MWh) follow the
  /// province's shape: a midday solar trough (60, and -50 at weekends in April, May, October
  /// and November), an evening peak (980), with a fixed jitter of up to 15 a quarter-hour.
  /// docs/sample-data.md says what each month shows.
  static func spotStorage(_ root: String) throws {
    // Day, first minute, minutes and load (kW) of the days the park peaks above its usual.
    let spikes: [(day: String, from: Int, minutes: Int, kW: Int)] = [
      ("2026-07-21", 17 * 60, 60, 16_000), ("2026-08-05", 21 * 60, 60, 15_600),
      ("2026-09-16", 18 * 60, 30, 17_200), ("2026-12-22", 17 * 60 + 30, 30, 16_400),
      ("2027-03-10", 20 * 60, 15, 15_200), ("2027-06-18", 18 * 60, 45, 16_800),
    ]
    let outages: [String: Int] = ["2026-09": 3, "2026-11": 1, "2027-05": 2]
    for name in ["2026Q3", "2026Q4", "2027Q1", "2027Q2"] {
      let period = Period(name)!
      let dir = root + "/park-storage-spot/" + name
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      try
        "meter,kind,party,interval,asset\nPARK-110KV,grid-import,,15,\nBESS-CHG,storage-charge,,15,\nBESS-DIS,storage-discharge,,15,\n"
        .write(toFile: dir + "/meters.csv", atomically: true, encoding: .utf8)
      var facts = "fact,value,unit,member,vintage,month,note\n"
      facts += "demand_price,38,CNY/kW,,,,山东两部制电价需量电价\n"
      facts += "leased,2000,kW,,,,配储容量租赁合同\n"
      for m in period.firstMonth...period.lastMonth {
        let month = Period(containing: m, length: .month).description
        facts += "outages,\(outages[month] ?? 0),,,,\(month),调度中心非计划停运记录\n"
      }
      try facts.write(toFile: dir + "/facts.csv", atomically: true, encoding: .utf8)
      var writer = try ReadingsWriter(path: dir + "/readings.csv")
      var prices = "input,timestamp,value,note\n"
      let start = Timestamp.parkMinutes(month: period.firstMonth)
      let end = Timestamp.parkMinutes(month: period.lastMonth + 1)
      let firstDay = CalendarDay.first(of: period)
      let summer = name.hasSuffix("Q2") || name.hasSuffix("Q3")
      for t in stride(from: start, to: end, by: 15) {
        let day = (t - start) / 1440
        let minute = (t - start) % 1440
        let date = CalendarDay(number: firstDay.number + day)
        // 1970-01-01 was a Thursday: ISO weekdays 6 and 7 are Saturday and Sunday.
        let weekend = (date.number + 3) % 7 + 1 >= 6
        let hour = minute / 60
        var load =
          hour < 8 ? 8_000 : hour < 17 ? 12_000 : hour < 21 ? 14_000 : 9_000
        for s in spikes where "\(date)" == s.day && minute >= s.from && minute < s.from + s.minutes
        {
          load = s.kW
        }
        if weekend { load = load * 6 / 10 }
        let pv = hour >= 11 && hour < 14 ? (summer ? 6_000 : 4_000) : 0
        let charging = hour >= 11 && hour < 13 ? 5_000 : 0
        let discharging = hour >= 17 && hour < 21 ? 2_000 : 0
        // A quarter-hour's kWh is kW / 4: every figure above is a multiple of 4.
        let stamp = ReadingsWriter.stamp(t)
        let kwh = { (kw: Int) in ReadingsWriter.kwh(Int64(kw / 4) * 1000) }
        writer.append("PARK-110KV,\(stamp),\(kwh(load - pv + charging - discharging))\n")
        writer.append("BESS-CHG,\(stamp),\(kwh(charging))\n")
        writer.append("BESS-DIS,\(stamp),\(kwh(discharging))\n")
        // Prices in tenths of a CNY/MWh: the hour's level and a fixed jitter of -15..+15.
        let negative = weekend && [4, 5, 10, 11].contains(date.month)
        let level =
          hour < 6
          ? 2_800
          : hour < 8
            ? 3_800
            : hour < 11
              ? 4_500
              : hour < 14
                ? (negative ? -500 : 600) : hour < 17 ? 4_200 : hour < 21 ? 9_800 : 3_500
        let jitter = ((date.number * 37 + minute / 15 * 11) % 21 - 10) * 15
        let tenths = level + jitter
        let sign = tenths < 0 ? "-" : ""
        let price = "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
        prices += "spot_price,\(Timestamp.text(parkMinutes: t)),\(price),\n"
      }
      writer.close()
      try prices.write(toFile: dir + "/prices.csv", atomically: true, encoding: .utf8)
    }
  }
}
