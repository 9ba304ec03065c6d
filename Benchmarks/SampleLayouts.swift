import Foundation
import ParkShare

/// The 苏银 sample's 2026Q1 written in each layout an import profile reads (issue 16), from its
/// plain readings: day rows saved as GB18030 by Excel, register reads, and local times labelling
/// the end of each interval. Each settles to exactly the plain bundle's amounts (a test holds
/// it: SampleLayoutsTests).
enum SampleLayouts {
  static func run(_ root: String) throws {
    let plain = root + "/suyin-microgrid/2026Q1"
    let out = root + "/suyin-microgrid-layouts"
    let fm = FileManager.default
    // Every reading of the quarter: meter -> park minute -> kWh text.
    var values: [String: [Int: String]] = [:]
    var order: [String] = []
    let files = try fm.contentsOfDirectory(atPath: plain + "/readings").sorted()
    for f in files {
      let text = try String(contentsOfFile: plain + "/readings/" + f, encoding: .utf8)
      for line in text.split(separator: "\n").dropFirst() {
        let parts = line.split(separator: ",", omittingEmptySubsequences: false)
        let stamp = Array(parts[1].utf8)
        guard
          case .success(let t) = stamp.withUnsafeBufferPointer({
            Timestamp.parse($0.baseAddress!, count: $0.count)
          })
        else { fatalError("bad sample timestamp \(parts[1])") }
        let id = String(parts[0])
        if values[id] == nil { order.append(id) }
        values[id, default: [:]][t] = String(parts[2])
      }
    }
    let start = Timestamp.parkMinutes(month: Period("2026Q1")!.firstMonth)
    let end = Timestamp.parkMinutes(month: Period("2026Q1")!.lastMonth + 1)
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    func bundle(_ name: String, profile: String) throws -> String {
      let dir = out + "/" + name
      try? fm.removeItem(atPath: dir)
      try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
      for f in ["meters.csv", "facts.csv"] {
        try fm.copyItem(atPath: plain + "/" + f, toPath: dir + "/" + f)
      }
      try profile.write(toFile: dir + "/import.profile", atomically: false, encoding: .utf8)
      return dir
    }
    func date(_ t: Int) -> (Int, Int, Int) { Timestamp.civil(days: t / 1440) }

    // Day rows, as a platform's 负荷曲线 export opened and saved by Excel on a Chinese PC.
    var rows =
      "苏银产业园 负荷曲线 2026年第一季度\r\n日期,表号," + (1...24).map { "\(two($0)):00" }.joined(separator: ",")
      + ",合计\r\n"
    for day in stride(from: start, to: end, by: 1440) {
      let (y, m, d) = date(day)
      for id in order {
        let hours = (0..<24).map { values[id]![day + $0 * 60] ?? "" }
        rows += "\(y)/\(m)/\(d),\(id)," + hours.joined(separator: ",") + ",\r\n"
      }
    }
    let dayDir = try bundle(
      "2026Q1-day-rows-gb18030",
      profile: """
        # 负荷曲线: one row per meter and day, 24 hourly columns, saved by Excel as GB18030
        layout    = day-rows
        encoding  = gb18030
        time-zone = +08:00
        skip      = 1
        date      = 日期
        meter     = 表号
        intervals = 3

        """)
    try gb18030(rows).write(to: URL(fileURLWithPath: dayDir + "/readings.csv"))

    // The same day rows as the workbook itself (负荷曲线.xlsx as the platform exports it): text
    // dates, numbers as numbers, on a sheet named 负荷曲线.
    var book = Workbook()
    var sheetRows: [[Workbook.Cell]] = []
    for day in stride(from: start, to: end, by: 1440) {
      let (y, m, d) = date(day)
      for id in order {
        let hours = (0..<24).map { h -> Workbook.Cell in
          .number(Exact(values[id]![day + h * 60]!) ?? .zero)
        }
        sheetRows.append([.text("\(y)-\(two(m))-\(two(d))"), .text(id)] + hours)
      }
    }
    book.add(
      "负荷曲线", header: ["日期", "表号"] + (1...24).map { "\(two($0)):00" }, rows: sheetRows)
    let xlsxDir = try bundle(
      "2026Q1-day-rows-xlsx",
      profile: """
        # 负荷曲线.xlsx: one row per meter and day, 24 hourly columns, the workbook itself
        layout    = day-rows
        sheet     = 负荷曲线
        time-zone = +08:00
        date      = 日期
        meter     = 表号
        intervals = 3

        """)
    // Deflated, as Excel saves it: the sample exercises the reader's inflater.
    try Deflated.write(book.bytes(), to: xlsxDir + "/readings.xlsx")

    // Register reads: each meter's cumulative register (电表示数) at every hour, from an
    // arbitrary reading at the start of the quarter.
    var reads = "meter,time,reading\n"
    var register: [String: Int64] = [:]
    for (i, id) in order.enumerated() { register[id] = Int64(10_000 + 7_919 * i) * 1000 }
    func readsAt(_ t: Int) {
      for id in order {
        let v = register[id]!
        let (y, m, d) = date(t)
        reads +=
          "\(id),\(y)-\(two(m))-\(two(d)) \(two((t % 1440) / 60)):00,\(v / 1000).\(String(v % 1000).padded)\n"
      }
    }
    // PV-EXP-01's meter is replaced on 2026-02-10 at 10:20: the old register counted a third of
    // the 10:00-11:00 hour up to then, the new one starts at 0 and counts the rest.
    let swapped = order[1]
    let swapHour = start + 40 * 1440 + 10 * 60
    var replacement = "meter,time,old_final,new_initial,note\n"
    readsAt(start)
    for t in stride(from: start, to: end, by: 60) {
      for id in order {
        let e = milli(values[id]![t]!)
        if id == swapped && t == swapHour {
          let old = register[id]! + e / 3
          replacement +=
            "\(id),2026-02-10 10:20,\(old / 1000).\(String(old % 1000).padded),0,旧表拆除 新表安装\n"
          register[id] = e - e / 3
        } else {
          register[id]! += e
        }
      }
      readsAt(t + 60)
    }
    let regDir = try bundle(
      "2026Q1-register",
      profile: """
        # 电表示数: hourly cumulative register reads, local time; a meter replaced in
        # February is in replacements.csv
        layout    = register
        time-zone = +08:00
        timestamp = time
        value     = reading

        """)
    try reads.write(toFile: regDir + "/readings.csv", atomically: false, encoding: .utf8)
    try replacement.write(
      toFile: regDir + "/replacements.csv", atomically: false, encoding: .utf8)

    // Local times labelling the end of each interval (the 01:00 ... 24:00 convention), in MWh.
    var ends = "计量点;结束时间;电量(MWh)\r\n"
    for t in stride(from: start, to: end, by: 60) {
      let label = t + 60
      let (y, m, d) = label % 1440 == 0 ? date(label - 1440) : date(label)
      let hour = label % 1440 == 0 ? 24 : (label % 1440) / 60
      for id in order {
        let v = milli(values[id]![t]!)
        let mwh = "\(v / 1_000_000),\(String(v % 1_000_000).padded6)"
        ends += "\(id);\(y)-\(m)-\(d) \(hour):00;\(mwh)\r\n"
      }
    }
    let endDir = try bundle(
      "2026Q1-local-end-mwh",
      profile: """
        # end-labelled local times (01:00 ... 24:00), MWh with a decimal comma, semicolons
        delimiter = ;
        decimal   = ,
        unit      = MWh
        stamp     = end
        time-zone = +08:00
        meter     = 计量点
        timestamp = 结束时间
        value     = 电量(MWh)

        """)
    try ends.write(toFile: endDir + "/readings.csv", atomically: false, encoding: .utf8)
    print(
      "wrote \(out): 2026Q1 as day rows (GB18030 and xlsx), register reads, end-labelled MWh")
  }

  /// `12.345` kWh as 12345 milli-kWh (the samples have at most three decimals).
  static func milli(_ text: String) -> Int64 {
    let parts = text.split(separator: ".")
    var frac = parts.count > 1 ? String(parts[1]) : ""
    precondition(frac.count <= 3, "sample readings have at most three decimals")
    while frac.count < 3 { frac += "0" }
    return Int64(parts[0])! * 1000 + Int64(frac)!
  }

  static func gb18030(_ text: String) throws -> Data {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
    p.arguments = ["-f", "UTF-8", "-t", "GB18030"]
    let input = Pipe()
    let output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    try p.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return data
  }
}

extension String {
  fileprivate var padded: String { String(repeating: "0", count: max(0, 3 - count)) + self }
  fileprivate var padded6: String { String(repeating: "0", count: max(0, 6 - count)) + self }
}
