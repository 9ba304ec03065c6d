import Foundation
import ParkShare

extension SampleYear {
  /// A park's demand-response aggregation (contracts/dr-aggregation.contract), 2026Q3-2027Q2,
  /// every 15 minutes. Each enterprise's load (kW) from 08:00 to 18:00 on working days is its
  /// usual (E1 3,000, E2 1,800, E3 5,200, E4 900) plus a fixed day-to-day swing of -80 to +80,
  /// 40% of it at night and 60% on days off; in an event's window each one sheds a fixed
  /// amount (E1 900, E2 300, E3 2,000, E4 448 kW). Events: 15 July, 6 and 20 August (14:00 to
  /// 16:00), 14 October (after the National Day holiday and its make-up Saturday, 10 October),
  /// 20 January 2027 (16:00 to 18:00, a winter afternoon) and 17 June 2027.
  /// docs/sample-data.md says what each quarter shows.
  static func demandResponse(_ root: String) throws {
    let usual = [3_000, 1_800, 5_200, 900]
    let shed = [900, 300, 2_000, 448]
    let quarters: [(name: String, budget: String, events: [(String, String, String, String)])] =
      [
        (
          "2026Q3", "120000",
          [
            ("DR-0715", "2026-07-15", "14:00", "16:00"),
            ("DR-0806", "2026-08-06", "14:00", "16:00"),
            ("DR-0820", "2026-08-20", "14:00", "16:00"),
          ]
        ),
        ("2026Q4", "100000", [("DR-1014", "2026-10-14", "14:00", "16:00")]),
        ("2027Q1", "100000", [("DR-0120", "2027-01-20", "16:00", "18:00")]),
        ("2027Q2", "100000", [("DR-0617", "2027-06-17", "14:00", "16:00")]),
      ]
    let calendar = [
      ("2026-10-01", "holiday", "国庆节"), ("2026-10-02", "holiday", ""),
      ("2026-10-03", "holiday", ""), ("2026-10-04", "holiday", ""), ("2026-10-05", "holiday", ""),
      ("2026-10-06", "holiday", ""), ("2026-10-07", "holiday", ""),
      ("2026-10-10", "workday", "调休上班"),
    ]
    for q in quarters {
      let period = Period(q.name)!
      let dir = root + "/dr-aggregation/" + q.name
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      try
        "meter,kind,party,interval\nE1-10KV,consumption,E1,15\nE2-10KV,consumption,E2,15\nE3-10KV,consumption,E3,15\nE4-10KV,consumption,E4,15\n"
        .write(toFile: dir + "/meters.csv", atomically: true, encoding: .utf8)
      try """
      fact,value,unit,member,vintage,month,note
      declared,1000,kW,E1,,,
      declared,800,kW,E2,,,
      declared,1500,kW,E3,,,
      declared,400,kW,E4,,,
      rate,15,CNY/kW,,,,江苏约定需求响应 每千瓦每次
      budget,\(q.budget),CNY,,,,本季度园区需求响应资金

      """.write(toFile: dir + "/facts.csv", atomically: true, encoding: .utf8)
      try
        ("event,day,from,to,note\n" + q.events.map { "\($0.0),\($0.1),\($0.2),\($0.3),\n" }.joined())
        .write(toFile: dir + "/events.csv", atomically: true, encoding: .utf8)
      let holidays = Dictionary(uniqueKeysWithValues: calendar.map { ($0.0, $0.1 == "workday") })
      if q.name == "2026Q4" {
        try ("day,kind,note\n" + calendar.map { "\($0.0),\($0.1),\($0.2)\n" }.joined())
          .write(toFile: dir + "/calendar.csv", atomically: true, encoding: .utf8)
      }
      var writer = try ReadingsWriter(path: dir + "/readings.csv")
      let start = Timestamp.parkMinutes(month: period.firstMonth)
      let end = Timestamp.parkMinutes(month: period.lastMonth + 1)
      let firstDay = CalendarDay.first(of: period)
      for t in stride(from: start, to: end, by: 15) {
        let date = CalendarDay(number: firstDay.number + (t - start) / 1440)
        let minute = (t - start) % 1440
        let working = holidays["\(date)"] ?? ((date.number + 3) % 7 + 1 <= 5)
        let event = q.events.first { e in
          e.1 == "\(date)" && minute >= DemandEvents.clock(e.2)!
            && minute < DemandEvents.clock(e.3)!
        }
        let stamp = ReadingsWriter.stamp(t)
        for (k, base) in usual.enumerated() {
          let swing = ((date.number * 13 + k * 7) % 9 - 4) * 20
          var kW = minute >= 8 * 60 && minute < 18 * 60 ? base + swing : base * 4 / 10
          if !working { kW = kW * 6 / 10 }
          if event != nil { kW -= shed[k] }
          // A quarter-hour's kWh is kW / 4 (every load above is a multiple of 4 kW).
          writer.append("E\(k + 1)-10KV,\(stamp),\(ReadingsWriter.kwh(Int64(kW / 4) * 1000))\n")
        }
      }
      writer.close()
    }
  }
}
