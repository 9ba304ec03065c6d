import Foundation
import Testing

@testable import ParkShare

@Suite struct TimestampTests {
  static func parse(_ s: String) -> Result<Int, TimestampError> {
    Array(s.utf8).withUnsafeBufferPointer { Timestamp.parse($0.baseAddress!, count: $0.count) }
  }

  static let noon = Timestamp.days(year: 2026, month: 1, day: 1) * 1440 + 12 * 60

  @Test(arguments: [
    ("2026-01-01T12:00:00+08:00", 0),
    ("2026-01-01T12:00+08:00", 0),
    ("2026-01-01 12:00:00+08:00", 0),
    ("2026-01-01T12:00:00.000+08:00", 0),
    ("2026-01-01T04:00:00Z", 0),
    ("2026-01-01T04:00:00+00:00", 0),
    ("2025-12-31T23:00:00-05:00", 0),
    ("2026-01-01T12:15:00+08:00", 15),
    ("2026-01-01T12:00:00+09:00", -60),
  ])
  func readsOffsetsOntoTheParkClock(text: String, minutesAfterNoon: Int) {
    #expect(Self.parse(text) == .success(Self.noon + minutesAfterNoon))
  }

  @Test(arguments: [
    ("2026-01-01T12:00:00", Timestamp.Problem.noOffset),
    ("2026-01-01", .malformed),
    ("2026/01/01T12:00:00+08:00", .malformed),
    ("2026-01-01T12:00:00+8:00", .malformed),
    ("2026-01-01T12:00:00+08:00 ", .malformed),
    ("2026-02-29T12:00:00+08:00", .invalidDate),
    ("2026-01-01T24:00:00+08:00", .invalidDate),
    ("2026-01-01T12:00:30+08:00", .notOnMinute),
    ("2026-01-01T12:00:00.5+08:00", .notOnMinute),
  ])
  func refusesWhatIsNotATimestamp(text: String, problem: Timestamp.Problem) {
    #expect(Self.parse(text) == .failure(TimestampError(problem)))
  }

  @Test func civilDatesRoundTrip() {
    for day in stride(from: -800_000, through: 800_000, by: 997) {
      let (y, m, d) = Timestamp.civil(days: day)
      #expect(Timestamp.days(year: y, month: m, day: d) == day)
    }
    #expect(Timestamp.text(parkMinutes: Self.noon + 15) == "2026-01-01T12:15+08:00")
  }
}

/// Readings files as meter systems write them, and the invariance of every revenue under how
/// rows are split into files, ordered, chunked and spread over threads.
@Suite struct ReadingsTests {
  static let contract = """
    contract r "readings"
    currency CNY
    settle monthly from 2026-01 to 2026-12
    party op "op" operator
    parties tenants from "tenants.csv" enterprise
    meter pv_export on-grid-export
    meter green_traded green-trade
    meter supply direct-supply per tenants
    meter charge storage-charge
    meter discharge storage-discharge
    input gec_price CNY/cert by vintage
    input trade_price CNY/kWh
    tariff tou CNY/kWh
      band peak 1.2 08:00-11:00, 18:00-23:00
      band flat 0.7 07:00-08:00, 11:00-18:00
      band valley 0.3 23:00-07:00
    revenue certificates = gec(pv_export - green_traded) x gec_price
    revenue trade = green_traded x trade_price
    revenue direct = sum(tou(supply, tou))
    revenue arbitrage = tou(discharge, tou) - tou(charge, tou)
    pool p = certificates + trade + direct + arbitrage
      split op 100%
    """

  static let meters: [(id: String, kind: String, party: String, interval: Int)] = [
    ("EXP", "on-grid-export", "", 15), ("GT", "green-trade", "", 60),
    ("S-A", "direct-supply", "A", 15), ("S-B", "direct-supply", "B", 30),
    ("CHG", "storage-charge", "", 60), ("DIS", "storage-discharge", "", 15),
  ]

  /// A complete month of readings (no gaps) with values from `seed`, one row per line.
  static func rows(seed: UInt64) -> [String] {
    var rng = SplitMix(seed: seed)
    let start = Timestamp.parkMinutes(month: Period("2026-01")!.firstMonth)
    var out: [String] = []
    for m in meters {
      for t in stride(from: start, to: start + 31 * 1440, by: m.interval) {
        let hour = (t - start) % 1440 / 60
        var milli = Int64(rng.next() % 400_000)
        if m.kind == "green-trade" { milli /= 4 }  // never more than exported
        if m.kind == "on-grid-export" { milli += 400_000 }
        if m.kind == "on-grid-export" || m.kind == "green-trade" {
          milli *= hour >= 8 && hour < 17 ? 1 : 0
        }
        let kwh = "\(milli / 1000).\(String(format: "%03d", Int(milli % 1000)))"
        out.append(
          "\(m.id),\(Timestamp.text(parkMinutes: t).replacingOccurrences(of: "+08:00", with: ":00+08:00")),\(kwh)"
        )
      }
    }
    return out
  }

  static func bundleFiles(_ readings: [String: String]) -> [String: String] {
    var files = readings
    files["meters.csv"] =
      "meter,kind,party,interval\n"
      + meters.map { "\($0.id),\($0.kind),\($0.party),\($0.interval)\n" }.joined()
    files["facts.csv"] = "fact,value,vintage\ngec_price,5.15,2026\ntrade_price,0.3865,\n"
    return files
  }

  /// Every revenue total and the closing state: what must not change.
  static func fingerprint(_ r: PeriodRevenue?) -> String {
    guard let r else { return "refused" }
    return r.items.map { "\($0.id)=\((try? $0.total).map { "\($0)" } ?? "overflow")" }.joined(
      separator: " ")
      + " carry=\(r.closing.gecRemainders.sorted { $0.key < $1.key })"
  }

  @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
  func splittingAndReorderingNeverChangesARevenue(seed: UInt64) throws {
    let t = try TestBundle(contract: Self.contract, files: ["tenants.csv": "id,name\nA,甲\nB,乙\n"])
    defer { t.remove() }
    let rows = Self.rows(seed: seed)
    let header = "meter,timestamp,kwh\n"
    let whole = try t.bundle(
      "whole", Self.bundleFiles(["readings.csv": header + rows.joined(separator: "\n") + "\n"]))
    let (reference, messages) = t.revenue(whole, period: "2026-01", threads: 1)
    #expect(reference != nil, "\(messages)")
    var rng = SplitMix(seed: seed &* 7919)
    for trial in 0..<3 {
      // Shuffle the rows, deal them into 1...5 files (some in readings/), pick a chunk size
      // that cuts lines anywhere and a thread count.
      var shuffled = rows
      for i in stride(from: shuffled.count - 1, to: 0, by: -1) {
        shuffled.swapAt(i, Int(rng.next() % UInt64(i + 1)))
      }
      let parts = Int(rng.next() % 5) + 1
      var files: [String: String] = [:]
      for p in 0..<parts {
        let name = p % 2 == 0 ? "readings-\(p).csv" : "readings/part-\(p).csv"
        let slice = shuffled.enumerated().filter { $0.offset % parts == p }.map(\.element)
        files[name] = header + slice.joined(separator: "\n") + (p == 0 ? "" : "\n")
      }
      let dir = try t.bundle("split-\(seed)-\(trial)", Self.bundleFiles(files))
      let chunk = Int(rng.next() % 4000) + 1
      let threads = Int(rng.next() % 3) + 1
      let (r, _) = t.revenue(dir, period: "2026-01", threads: threads, chunkSize: chunk)
      #expect(
        Self.fingerprint(r) == Self.fingerprint(reference),
        "seed \(seed) trial \(trial): \(parts) files, chunk \(chunk), \(threads) threads")
    }
  }

  /// Two readings of 5 trillion kWh in the same interval of the day pass Int64 micro-kWh: the
  /// meter is named whether one thread adds them (one chunk) or the merge does (many chunks).
  @Test(arguments: [(1, 1 << 20), (2, 40), (2, 1 << 20)])
  func anOverflowingSumNamesItsMeter(threads: Int, chunkSize: Int) throws {
    let t = try TestBundle(contract: Self.contract, files: ["tenants.csv": "id,name\nA,甲\nB,乙\n"])
    defer { t.remove() }
    var rows = Self.rows(seed: 3)
    let huge = "5000000000000"
    for day in ["10", "20"] {
      let i = try #require(rows.firstIndex { $0.hasPrefix("S-B,2026-01-\(day)T12:00") })
      rows[i] = rows[i].split(separator: ",").dropLast().joined(separator: ",") + "," + huge
    }
    // The two rows far apart, so that small chunks put them in different threads' tallies.
    let dir = try t.bundle(
      "overflow-\(threads)-\(chunkSize)",
      Self.bundleFiles(["readings.csv": "meter,timestamp,kwh\n" + rows.joined(separator: "\n")]))
    let (r, messages) = t.revenue(dir, period: "2026-01", threads: threads, chunkSize: chunkSize)
    #expect(r == nil)
    #expect(messages.contains("error[kwh-overflow]: meter 'S-B': its readings"), "\(messages)")
    #expect(messages.components(separatedBy: "kwh-overflow").count == 2, "\(messages)")
  }

  @Test func acceptsBOMCRLFQuotesAndUTCStamps() throws {
    let t = try TestBundle(contract: Self.contract, files: ["tenants.csv": "id,name\nA,甲\nB,乙\n"])
    defer { t.remove() }
    let rows = Self.rows(seed: 9)
    let plain = try t.bundle(
      "plain",
      Self.bundleFiles(["readings.csv": "meter,timestamp,kwh\n" + rows.joined(separator: "\n")]))
    // The same rows with a BOM, CRLF line ends, quoted fields and UTC timestamps.
    let utc = rows.map { row -> String in
      let f = row.split(separator: ",").map(String.init)
      let local = Array(f[1].utf8).withUnsafeBufferPointer {
        try! Timestamp.parse($0.baseAddress!, count: $0.count).get()
      }
      let z = Timestamp.text(parkMinutes: local - 480).replacingOccurrences(
        of: "+08:00", with: ":00Z")
      return "\"\(f[0])\",\(z),\"\(f[2])\""
    }
    let fancy = try t.bundle(
      "fancy",
      Self.bundleFiles([
        "readings.csv": "\u{FEFF}\"meter\",timestamp,kwh\r\n" + utc.joined(separator: "\r\n")
          + "\r\n"
      ]))
    let a = t.revenue(plain, period: "2026-01")
    let b = t.revenue(fancy, period: "2026-01", chunkSize: 333)
    #expect(a.revenue != nil, "\(a.messages)")
    #expect(Self.fingerprint(b.revenue) == Self.fingerprint(a.revenue), "\(b.messages)")
  }

  @Test func endStampedMetersReadTheIntervalBeforeTheirStamp() throws {
    let t = try TestBundle(
      contract: """
        contract e "end stamps"
        currency CNY
        settle quarterly from 2026Q1 to 2026Q4
        party op "op" operator
        meter discharge storage-discharge
        tariff tou CNY/kWh
          band peak 1.00 08:00-20:00
          band valley 0.25 20:00-08:00
        revenue storage = tou(discharge, tou)
        pool p = storage
          split op 100%
        """)
    defer { t.remove() }
    // The 96-point convention: 00:15 ... 24:00 (the next day's 00:00) name the interval ending
    // there. The last reading of the quarter is stamped 2026-04-01T00:00.
    let start = Timestamp.parkMinutes(month: Period("2026Q1")!.firstMonth)
    let end = Timestamp.parkMinutes(month: Period("2026Q1")!.lastMonth + 1)
    var rows = ""
    for t in stride(from: start + 15, through: end, by: 15) {
      let hour = (t - 15 - start) % 1440 / 60
      let kwh = hour == 8 ? "1" : "0"  // 08:00-09:00 is peak; stamps 08:15 ... 09:00
      rows += "D,\(Timestamp.text(parkMinutes: t)),\(kwh)\n"
    }
    let dir = try t.bundle(
      "q1",
      [
        "meters.csv": "meter,kind,interval,stamp\nD,storage-discharge,15,end\n",
        "readings.csv": "meter,timestamp,kwh\n" + rows, "facts.csv": "fact,value\n",
      ])
    let (r, messages) = t.revenue(dir, period: "2026Q1")
    let revenue = try #require(r, "\(messages)")
    #expect(revenue.total("storage") == x("360"))  // 90 days x 4 kWh x 1.00
  }
}
