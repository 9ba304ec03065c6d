import Foundation
import ParkShare

/// The reference park's quarter of 15-minute readings written in every layout an import profile
/// reads (issue 16), each settled by the release `parkshare revenue`: wall time per value and
/// peak memory against the plain long CSV, and the JSON results compared byte for byte.
enum LayoutsBench {
  struct Layout {
    var name: String
    var profile: String
  }

  static let layouts = [
    Layout(
      name: "local-wh",
      profile:
        "delimiter = ;\ndecimal = ,\nunit = Wh\nskip = 1\ntime-zone = +08:00\nmeter = 表号\ntimestamp = 时间\nvalue = 电量\n"
    ),
    Layout(
      name: "day-rows-gb18030",
      profile:
        "layout = day-rows\nencoding = gb18030\ntime-zone = +08:00\ndate = 日期\nmeter = 表号\nintervals = 3\n"
    ),
    Layout(name: "register", profile: "layout = register\nvalue = register\ndigits = 9\n"),
    Layout(
      name: "day-rows-xlsx",
      profile:
        "layout = day-rows\ntime-zone = +08:00\ndate = 日期\nmeter = 表号\nintervals = 3\n"
    ),
  ]

  static func run(_ root: String, repeats: Int) throws {
    let plain = try ReferencePark.generate(root, interval: 15)
    let binary =
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("parkshare").path
    var dirs = [("long", plain)]
    for l in layouts { dirs.append((l.name, try write(root, l, from: plain))) }
    let values = 1000 * 90 * 96
    var baseline: (wall: Double, rss: Int, json: Data)? = nil
    for (name, dir) in dirs {
      var walls: [Double] = []
      var peak = 0
      let out = root + "/revenue-\(name).json"
      // One run first, not counted: the files in the page cache, as for every later run.
      for run in 0...repeats {
        let (wall, rss, status) = try ReferencePark.measure(
          "/bin/sh",
          [
            "-c",
            "'\(binary)' revenue '\(root)/reference.contract' --data '\(dir)' --period 2026Q1 --json > '\(out)'",
          ])
        guard status == 0 else {
          print("parkshare revenue failed on \(name) with status \(status)")
          exit(1)
        }
        if run == 0 { continue }
        walls.append(wall)
        peak = max(peak, rss)
      }
      walls.sort()
      // The JSON names the bundle's files and digests: compare what was computed.
      let json = try Data(contentsOf: URL(fileURLWithPath: out))
      let computed = try items(json, dir)
      let same = try baseline.map { try items($0.json, plain) == computed } ?? true
      if baseline == nil { baseline = (walls[0], peak, json) }
      print(
        String(
          format:
            "readings %-17@ %8.1f MB: wall best %.3f s, median %.3f s (%d runs), %.0f ns a value (%.2fx long); peak RSS %.1f MB (%.2fx); results %@",
          name as NSString, Double(size(dir)) / 1e6, walls[0], walls[walls.count / 2], repeats,
          walls[0] / Double(values) * 1e9, walls[0] / baseline!.wall, Double(peak) / 1024,
          Double(peak) / Double(baseline!.rss), (same ? "identical" : "DIFFER") as NSString))
    }
  }

  /// What a `revenue --json` output computed, with the bundle's folder (which the output
  /// names) written as DIR and the reading files and row count (which differ by layout) left out.
  static func items(_ json: Data, _ dir: String) throws -> String {
    let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
    var revenue = object?["revenue"] as? [String: Any] ?? [:]
    revenue["data"] = nil
    let data = try JSONSerialization.data(withJSONObject: revenue, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self).replacingOccurrences(
      of: dir.replacingOccurrences(of: "/", with: "\\/"), with: "DIR")
  }

  static func size(_ dir: String) -> Int {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).reduce(0) {
      $0 + ((try? FileManager.default.attributesOfItem(atPath: dir + "/" + $1)[.size] as? Int) ?? 0)
    }
  }

  /// Writes `layout`'s bundle from the same generated values as the plain one.
  static func write(_ root: String, _ layout: Layout, from plain: String) throws -> String {
    let dir = root + "/data-15min-\(layout.name)"
    let fm = FileManager.default
    let xlsx = layout.name.hasSuffix("xlsx")
    if fm.fileExists(atPath: dir + (xlsx ? "/readings.xlsx" : "/readings.csv")) { return dir }
    try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for f in ["meters.csv", "facts.csv"] {
      try? fm.removeItem(atPath: dir + "/" + f)
      try fm.copyItem(atPath: plain + "/" + f, toPath: dir + "/" + f)
    }
    try layout.profile.write(toFile: dir + "/import.profile", atomically: true, encoding: .utf8)
    let meters = ReferencePark.meters()
    let start = Timestamp.parkMinutes(month: Period("2026Q1")!.firstMonth)
    let end = Timestamp.parkMinutes(month: Period("2026Q1")!.lastMonth + 1)
    _ = fm.createFile(atPath: dir + "/readings.csv.part", contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/readings.csv.part"))
    var buffer: [UInt8] = []
    func flush(_ force: Bool = false) {
      if force || buffer.count >= 4 << 20 {
        out.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
      }
    }
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    var rng: UInt64 = 0x9E37_79B9_7F4A_7C15
    switch layout.name {
    case "local-wh":
      buffer += Array("光伏园区 2026Q1 导出\r\n表号;时间;电量\r\n".utf8)
      for t in stride(from: start, to: end, by: 15) {
        let (y, mo, d) = Timestamp.civil(days: t / 1440)
        let stamp = Array(";\(y)/\(mo)/\(d) \((t % 1440) / 60):\(two(t % 60));".utf8)
        let hour = (t % 1440) / 60
        for m in meters {
          buffer += m.id.utf8
          buffer += stamp
          buffer += "\(ReferencePark.value(m.kind, hour: hour, &rng))\r\n".utf8
          flush()
        }
      }
    case "register":
      buffer += Array("meter,timestamp,register\n".utf8)
      var registers = [Int64](repeating: 1_000_000, count: meters.count)
      func reads(_ t: Int) {
        let stamp = Array(",\(ReadingsWriter.stamp(t)),".utf8)
        for (i, m) in meters.enumerated() {
          buffer += m.id.utf8
          buffer += stamp
          buffer += ReadingsWriter.kwh(registers[i]).utf8
          buffer.append(10)
          flush()
        }
      }
      reads(start)
      for t in stride(from: start, to: end, by: 15) {
        let hour = (t % 1440) / 60
        for (i, m) in meters.enumerated() {
          registers[i] += ReferencePark.value(m.kind, hour: hour, &rng)
        }
        reads(t + 15)
      }
    default:
      // Day rows: a day's values are held (1,000 meters x 96), then written a meter a row, as
      // CSV or as a worksheet's XML (inline text, numbers as numbers, as Workbook writes them).
      let labels = (1...96).map { "\(two($0 / 4)):\(two($0 % 4 * 15))" }
      var row = 1
      if xlsx {
        buffer += Array(
          ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + "<row r=\"1\">"
            + (["日期", "表号"] + labels).enumerated().map {
              "<c r=\"\(column($0.offset))1\" t=\"inlineStr\"><is><t>\($0.element)</t></is></c>"
            }.joined() + "</row>").utf8)
      } else {
        buffer += Array(("日期,表号," + labels.joined(separator: ",") + "\r\n").utf8)
      }
      let columns = (0..<98).map { Array(column($0).utf8) }
      var day = [[Int64]](repeating: [Int64](repeating: 0, count: 96), count: meters.count)
      for t in stride(from: start, to: end, by: 15) {
        let slot = (t % 1440) / 15
        let hour = (t % 1440) / 60
        for (i, m) in meters.enumerated() {
          day[i][slot] = ReferencePark.value(m.kind, hour: hour, &rng)
        }
        guard slot == 95 else { continue }
        let (y, mo, d) = Timestamp.civil(days: t / 1440)
        for (i, m) in meters.enumerated() {
          row += 1
          if xlsx {
            let r = Array(String(row).utf8)
            buffer +=
              "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"inlineStr\"><is><t>\(y)-\(two(mo))-\(two(d))</t></is></c><c r=\"B\(row)\" t=\"inlineStr\"><is><t>\(m.id)</t></is></c>"
              .utf8
            for k in 0..<96 {
              buffer += "<c r=\"".utf8
              buffer += columns[k + 2]
              buffer += r
              buffer += "\"><v>".utf8
              buffer += ReadingsWriter.kwh(day[i][k]).utf8
              buffer += "</v></c>".utf8
            }
            buffer += "</row>".utf8
          } else {
            buffer += "\(y)-\(two(mo))-\(two(d)),\(m.id),".utf8
            for k in 0..<96 {
              if k > 0 { buffer.append(44) }
              buffer += ReadingsWriter.kwh(day[i][k]).utf8
            }
            buffer += [13, 10]
          }
          flush()
        }
      }
      if xlsx { buffer += "</sheetData></worksheet>".utf8 }
    }
    flush(true)
    try out.close()
    if xlsx {
      try zipWorkbook(dir, sheet: dir + "/readings.csv.part")
    } else if layout.name.hasSuffix("gb18030") {
      // The header is the only non-ASCII text: convert the file with iconv.
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
      p.arguments = [
        "-f", "UTF-8", "-t", "GB18030", "-o", dir + "/readings.csv", dir + "/readings.csv.part",
      ]
      try p.run()
      p.waitUntilExit()
      try fm.removeItem(atPath: dir + "/readings.csv.part")
    } else {
      try fm.moveItem(atPath: dir + "/readings.csv.part", toPath: dir + "/readings.csv")
    }
    return dir
  }

  /// `A`, `B`, ..., `Z`, `AA`: a worksheet's column letters.
  static func column(_ i: Int) -> String {
    i < 26 ? String(UnicodeScalar(UInt8(65 + i))) : column(i / 26 - 1) + column(i % 26)
  }

  /// Packs `sheet` (a worksheet's XML, moved) into `dir`/readings.xlsx with the other parts of
  /// a workbook parkshare writes, deflated (a stored archive would leave the inflater out of
  /// the measure).
  static func zipWorkbook(_ dir: String, sheet: String) throws {
    var book = Workbook()
    book.add("readings", header: ["-"], rows: [])
    try Deflated.write(
      book.bytes(), to: dir + "/readings.xlsx", replacing: ["xl/worksheets/sheet1.xml": sheet])
  }
}
