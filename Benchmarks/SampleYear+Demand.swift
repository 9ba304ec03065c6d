import Foundation
import ParkShare

extension SampleYear {
  /// User-side storage at a factory (contracts/storage-demand.contract), 2026Q3-2027Q2, every
  /// 15 minutes. The factory's load (kW): 600 at night; on weekdays 1,500 from 08:00 to 20:00,
  /// 2,400 from 10:00 to 11:00 and from 14:00 to 16:00, and above that on a few days (`spikes`);
  /// weekends 60% of a weekday. The battery charges 1,000 kW from 00:00 to 04:00 and discharges
  /// 1,000 kW from 10:00 to 11:00 and from 14:00 to 16:00 on weekdays: 4,000 kWh in, 3,000 kWh
  /// out (75% round trip). The import meter reads load + charge - discharge; every figure is a
  /// whole kWh. What it shows: July's peak is a hot evening the battery does not cover (no
  /// saving), August's a hot afternoon it shaves by 1,000 kW, September's moves to the night,
  /// where charging sets it (docs/sample-data.md).
  static func demand(_ root: String) throws {
    // Day, first minute, minutes and load (kW) of the days the factory peaks above its usual.
    let spikes: [(day: String, from: Int, minutes: Int, kW: Int)] = [
      ("2026-07-07", 19 * 60, 30, 2_600), ("2026-08-12", 14 * 60 + 30, 30, 2_900),
      ("2026-12-15", 18 * 60, 60, 2_500), ("2027-02-08", 10 * 60, 30, 2_800),
      ("2027-05-20", 15 * 60, 15, 2_700),
    ]
    for name in ["2026Q3", "2026Q4", "2027Q1", "2027Q2"] {
      let period = Period(name)!
      let dir = root + "/storage-demand/" + name
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      try
        "meter,kind,party,interval,asset\nFACTORY-IMP,grid-import,,15,\nBESS-CHG,storage-charge,,15,\nBESS-DIS,storage-discharge,,15,\n"
        .write(toFile: dir + "/meters.csv", atomically: true, encoding: .utf8)
      try "fact,value,unit,member,vintage,month,note\ndemand_price,40,CNY/kW,,,,浙江两部制电价需量电价\n"
        .write(toFile: dir + "/facts.csv", atomically: true, encoding: .utf8)
      var writer = try ReadingsWriter(path: dir + "/readings.csv")
      let start = Timestamp.parkMinutes(month: period.firstMonth)
      let end = Timestamp.parkMinutes(month: period.lastMonth + 1)
      let firstDay = CalendarDay.first(of: period)
      for t in stride(from: start, to: end, by: 15) {
        let day = (t - start) / 1440
        let minute = (t - start) % 1440
        let date = CalendarDay(number: firstDay.number + day)
        // 1970-01-01 was a Thursday: ISO weekdays 6 and 7 are Saturday and Sunday.
        let weekend = (date.number + 3) % 7 + 1 >= 6
        let shaving =
          (minute >= 10 * 60 && minute < 11 * 60) || (minute >= 14 * 60 && minute < 16 * 60)
        var load = minute >= 8 * 60 && minute < 20 * 60 ? (shaving ? 2_400 : 1_500) : 600
        for s in spikes where "\(date)" == s.day && minute >= s.from && minute < s.from + s.minutes
        {
          load = s.kW
        }
        if weekend && load > 600 { load = load * 6 / 10 }
        let charging = minute < 4 * 60 && !weekend ? 1_000 : 0
        let discharging = !weekend && shaving ? 1_000 : 0
        // A quarter-hour's kWh is kW / 4: every figure above is a multiple of 4.
        let stamp = ReadingsWriter.stamp(t)
        let kwh = { (kw: Int) in ReadingsWriter.kwh(Int64(kw / 4) * 1000) }
        writer.append("FACTORY-IMP,\(stamp),\(kwh(load + charging - discharging))\n")
        writer.append("BESS-CHG,\(stamp),\(kwh(charging))\n")
        writer.append("BESS-DIS,\(stamp),\(kwh(discharging))\n")
      }
      writer.close()
    }
  }
}
