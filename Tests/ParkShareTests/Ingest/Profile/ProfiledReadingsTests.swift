import Foundation
import Testing

@testable import ParkShare

/// The same month of readings written in each layout an import profile reads settles to exactly
/// what its plain long-CSV twin settles to.
@Suite struct ProfiledReadingsTests {
  static let contract = """
    contract prof "profile twin"
    currency CNY rounding half-up
    settle monthly from 2026-01 to 2026-12
    party op "operator" operator
    party t1 "tenant" enterprise
    meter pv on-grid-export
    tariff grid_tou CNY/kWh
      band peak 1.49 08:00-11:00, 18:00-23:00
      band flat 0.78 07:00-08:00, 11:00-18:00
      band valley 0.289 23:00-07:00
    revenue sales = tou(pv, grid_tou)
    pool p = sales
      split op 60%, t1 40%

    """

  /// kWh of meter `meter` in the quarter-hour `slot` (0...95) of January day `day`: distinct in
  /// every interval, with three decimals, so a value put in the wrong interval or band shows.
  static func kwh(_ meter: Int, _ day: Int, _ slot: Int) -> String {
    let milli = (meter * 7 + day * 13 + slot * 29) % 5000 + 1
    return "\(milli / 1000).\(String(milli % 1000).leftPadded(3))"
  }

  static let meters = "meter,kind,interval\nPV1,on-grid-export,15\nPV2,on-grid-export,15\n"

  static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

  /// The plain twin: `meter,timestamp,kwh` with offsets.
  static var long: String {
    var out = "meter,timestamp,kwh\n"
    for day in 1...31 {
      for slot in 0..<96 {
        for m in 1...2 {
          out +=
            "PV\(m),2026-01-\(two(day))T\(two(slot / 4)):\(two(slot % 4 * 15)):00+08:00,\(kwh(m, day, slot))\n"
        }
      }
    }
    return out
  }

  static func lines(_ s: Settlement) -> [String] {
    s.pools.flatMap(\.lines).map { "\(Wording.en.recipient($0.recipient)) \($0.amount)" }
  }

  /// Settles the twin and the profiled bundle; both must settle, to the same lines and sales.
  static func twin(_ files: [String: String]) throws {
    let t = try TestBundle(contract: contract)
    defer { t.remove() }
    let plain = try t.bundle("plain", ["meters.csv": meters, "readings.csv": long])
    let other = try t.bundle("other", files.merging(["meters.csv": meters]) { a, _ in a })
    let (a, am) = t.settle(plain, period: "2026-01")
    let (b, bm) = t.settle(other, period: "2026-01")
    let sa = try #require(a, "\(am)")
    let sb = try #require(b, "\(bm)")
    #expect(lines(sa) == lines(sb))
    #expect(sa.revenue.total("sales") == sb.revenue.total("sales"))
    #expect(sa.revenue.total("sales") != nil)
    // Read in small chunks by two threads: rows and register reads across chunk boundaries.
    let (small, sm) = t.revenue(other, period: "2026-01", threads: 2, chunkSize: 4099)
    #expect(small?.total("sales") == sa.revenue.total("sales"), "\(sm)")
  }

  @Test func localTimeInWhWithADecimalCommaAndATitleRow() throws {
    var body = "苏银产业园 光伏出口 2026年1月\n表号;时间;电量(Wh)\n"
    for day in 1...31 {
      for slot in 0..<96 {
        for m in 1...2 {
          // Wh: kWh x 1000, written with a decimal comma and no leading zeros in the date.
          let wh = Self.wh(Self.kwh(m, day, slot))
          body += "PV\(m);2026/1/\(day) \(slot / 4):\(Self.two(slot % 4 * 15));\(wh)\n"
        }
      }
    }
    try Self.twin([
      "readings.csv": body,
      "import.profile": """
      # 能碳管理平台 export
      delimiter = ;
      decimal = ,
      unit = Wh
      skip = 1
      time-zone = Asia/Shanghai
      meter = 表号
      timestamp = 时间
      value = 电量(Wh)

      """,
    ])
  }

  /// `1.234` kWh as `1234` Wh, `0.5` as `500`, with a decimal comma where there are decimals.
  static func wh(_ kwh: String) -> String {
    let parts = kwh.split(separator: ".")
    let v = Int(parts[0])! * 1000 + Int(parts[1])!
    return v % 7 == 0 ? "\(v),0" : "\(v)"
  }

  @Test func endLabelledIntervalsWith2400() throws {
    var body = "meter,time,kwh\n"
    for day in 1...31 {
      for slot in 0..<96 {
        for m in 1...2 {
          let end = slot + 1
          let stamp = "2026-01-\(Self.two(day)) \(Self.two(end / 4)):\(Self.two(end % 4 * 15))"
          body += "PV\(m),\(stamp),\(Self.kwh(m, day, slot))\r\n"
        }
      }
    }
    try Self.twin([
      "readings.csv": body,
      "import.profile": "stamp = end\ntime-zone = +08:00\ntimestamp = time\n",
    ])
  }

  @Test func dayRowsInGB18030() throws {
    var body = "日期,表号," + (0..<96).map { "P\($0 + 1)" }.joined(separator: ",") + "\r\n"
    for day in 1...31 {
      for m in 1...2 {
        body +=
          "2026-1-\(day),PV\(m),"
          + (0..<96).map { Self.kwh(m, day, $0) }.joined(separator: ",") + "\r\n"
      }
    }
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    let plain = try t.bundle("plain", ["meters.csv": Self.meters, "readings.csv": Self.long])
    let other = try t.bundle(
      "other",
      [
        "meters.csv": Self.meters,
        "import.profile":
          "layout = day-rows\nencoding = gb18030\ntime-zone = +08:00\ndate = 日期\nmeter = 表号\nintervals = 3\n",
      ])
    try Self.gb18030(body).write(to: URL(fileURLWithPath: other + "/readings.csv"))
    let (a, am) = t.settle(plain, period: "2026-01")
    let (b, bm) = t.settle(other, period: "2026-01")
    let sa = try #require(a, "\(am)")
    let sb = try #require(b, "\(bm)")
    #expect(Self.lines(sa) == Self.lines(sb))
    #expect(sa.revenue.total("sales") == sb.revenue.total("sales"))
  }

  /// Hourly values in a quarter-hour meter's day row (24 filled columns of 96, none after) would
  /// land in the first six hours' quarter-hours: refused at the row, the meter's interval named.
  /// A full row, and a row with its last column empty (a gap, not hourly values), are read.
  @Test func hourlyValuesInAQuarterHourRowAreRefused() throws {
    let header = "date,meter," + (0..<96).map { "P\($0 + 1)" }.joined(separator: ",") + "\n"
    let full = (0..<96).map { Self.kwh(1, 1, $0) }
    let hourly = Array(full.prefix(24)) + Array(repeating: "", count: 72)
    let gap = Array(full.prefix(95)) + [""]
    let profile =
      "layout = day-rows\ntime-zone = +08:00\ndate = date\nmeter = meter\nintervals = 3\n"
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    for (values, refused) in [(full, false), (gap, false), (hourly, true)] {
      let dir = try t.bundle(
        refused ? "hourly" : "read\(values.last!.isEmpty)",
        [
          "meters.csv": Self.meters, "import.profile": profile,
          "readings.csv": header + "2026-01-01,PV1," + values.joined(separator: ",") + "\n",
        ])
      let (_, messages) = t.revenue(dir, period: "2026-01")
      let problem =
        "readings.csv:2:1: error[bad-row]: day row of 15-minute meter 'PV1' has values in its first 24 interval columns only, none after"
      #expect(messages.contains(problem) == refused, "\(messages)")
      if refused { #expect(messages.contains("60-minute values in a 15-minute meter's row")) }
    }
  }

  static func gb18030(_ text: String) throws -> Data {
    let cd = iconv_open("GB18030", "UTF-8")
    defer { iconv_close(cd) }
    var input = Array(text.utf8).map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: input.count * 2 + 16)
    var inLeft = input.count
    var outLeft = output.count
    let r = input.withUnsafeMutableBufferPointer { i in
      output.withUnsafeMutableBufferPointer { o in
        var ip = i.baseAddress
        var op = o.baseAddress
        return iconv(cd, &ip, &inLeft, &op, &outLeft)
      }
    }
    try #require(r != -1)
    return Data(output.prefix(output.count - outLeft).map { UInt8(bitPattern: $0) })
  }

  /// Register reads in Wh: each meter's register at every quarter-hour from 2026-01-01 00:00 to
  /// 2026-02-01 00:00; PV2's nine-digit register (999,999,999 Wh) rolls over to 0 on the way.
  @Test func registerReadsWithARollover() throws {
    var body = "meter,timestamp,register\n"
    var register = [1: Int64(123_456_000), 2: Int64(999_950_000)]  // in Wh (kWh x 1000)
    func read(_ m: Int, _ day: Int, _ slot: Int) -> String {
      // The instant that closes interval `slot` of `day` (or opens the month).
      let minutes = (day - 1) * 1440 + slot * 15
      let d = minutes / 1440 + 1
      let mm = minutes % 1440
      let date = d == 32 ? "2026-02-01" : "2026-01-\(Self.two(d))"
      let v = register[m]! % 1_000_000_000
      return
        "PV\(m),\(date)T\(Self.two(mm / 60)):\(Self.two(mm % 60)):00+08:00,\(v)\n"
    }
    for m in 1...2 { body += read(m, 1, 0) }
    for day in 1...31 {
      for slot in 0..<96 {
        for m in 1...2 {
          let parts = Self.kwh(m, day, slot).split(separator: ".")
          register[m]! += Int64(parts[0])! * 1000 + Int64(parts[1])!
          body += read(m, day, slot + 1)
        }
      }
    }
    try Self.twin([
      "readings.csv": body,
      "import.profile": "layout = register\nvalue = register\nunit = Wh\ndigits = 9\n",
    ])
  }

  /// Day rows with a quality flag per interval: `E` (estimated by the meter system) is read and
  /// counted, `N` (no reading) is a gap whatever value stands beside it, an unknown flag is an
  /// error at its column. The twin lacks PV2's reading of 2026-01-06 05:00 (slot 20).
  @Test func dayRowsWithQualityFlags() throws {
    let contract = Self.contract.replacingOccurrences(
      of: "settle monthly from 2026-01 to 2026-12\n",
      with: "settle monthly from 2026-01 to 2026-12\ngaps zero\n")
    let t = try TestBundle(contract: contract)
    defer { t.remove() }
    let long =
      Self.long.split(separator: "\n").filter {
        $0 != "PV2,2026-01-06T05:00:00+08:00,\(Self.kwh(2, 6, 20))"
      }.joined(separator: "\n") + "\n"
    func rows(bad: Bool) -> String {
      var body =
        "date,meter," + (0..<96).map { "P\($0 + 1)" }.joined(separator: ",") + ","
        + (0..<96).map { "Q\($0 + 1)" }.joined(separator: ",") + "\n"
      for day in 1...31 {
        for m in 1...2 {
          let values = (0..<96).map {
            m == 2 && day == 6 && $0 == 20 ? "999" : Self.kwh(m, day, $0)
          }
          let flags = (0..<96).map { k -> String in
            if m == 1 && day == 5 && k == 10 { return "E" }
            if m == 2 && day == 6 && k == 20 { return "N" }
            if bad && m == 1 && day == 7 && k == 3 { return "X" }
            return k % 2 == 0 ? "A" : ""
          }
          body +=
            "2026-01-\(day),PV\(m)," + values.joined(separator: ",") + ","
            + flags.joined(separator: ",") + "\n"
        }
      }
      return body
    }
    let profile = "layout = day-rows\ntime-zone = +08:00\nintervals = 3\nquality = Q1\n"
    let plain = try t.bundle("plain", ["meters.csv": Self.meters, "readings.csv": long])
    let flagged = try t.bundle(
      "flagged",
      ["meters.csv": Self.meters, "readings.csv": rows(bad: false), "import.profile": profile])
    let bad = try t.bundle(
      "bad",
      ["meters.csv": Self.meters, "readings.csv": rows(bad: true), "import.profile": profile])
    let (a, am) = t.revenue(plain, period: "2026-01")
    let (b, bm) = t.revenue(flagged, period: "2026-01")
    let ra = try #require(a, "\(am)")
    let rb = try #require(b, "\(bm)")
    #expect(ra.total("sales") == rb.total("sales"))
    #expect(rb.data.flaggedIntervals == ["PV1": 1])
    #expect(rb.data.missingIntervals == ["PV2": 1])
    #expect(RevenueText.render(rb).contains("flagged estimated or substituted:\n  PV1: 1\n"))
    let (c, cm) = t.revenue(bad, period: "2026-01")
    #expect(c == nil)
    #expect(cm.contains("readings.csv:14:"), "\(cm)")
    #expect(cm.contains("error[bad-row]: quality flag 'X' is not A, E, S, F or N"), "\(cm)")
  }
}

extension String {
  fileprivate func leftPadded(_ n: Int) -> String {
    String(repeating: "0", count: max(0, n - count)) + self
  }
}
