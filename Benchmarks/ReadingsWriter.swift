import Foundation
import ParkShare

/// Writes `meter,timestamp,kwh` files for generated data, streaming through a small buffer so
/// the generator's own memory stays flat.
struct ReadingsWriter {
  let handle: FileHandle
  var buffer: [UInt8] = []

  init(path: String) throws {
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    buffer.reserveCapacity(1 << 20)
    append("meter,timestamp,kwh\n")
  }

  mutating func append(_ s: String) {
    buffer += s.utf8
    if buffer.count >= 1 << 20 { flush() }
  }

  mutating func flush() {
    handle.write(Data(buffer))
    buffer.removeAll(keepingCapacity: true)
  }

  mutating func close() {
    flush()
    try? handle.close()
  }

  /// `2026-01-01T00:15:00+08:00` for minute `t` of the park clock.
  static func stamp(_ t: Int) -> String {
    let text = Timestamp.text(parkMinutes: t)  // 2026-01-01T00:15+08:00
    return String(text.prefix(16)) + ":00" + text.suffix(6)
  }

  /// Milli-kWh as `12.345`.
  static func kwh(_ milli: Int64) -> String {
    let whole = milli / 1000
    let frac = milli % 1000
    if frac == 0 { return "\(whole)" }
    var f = String(frac)
    while f.count < 3 { f = "0" + f }
    while f.hasSuffix("0") { f.removeLast() }
    return "\(whole).\(f)"
  }
}

/// One generated meter: when it flows and how much each month, spread exactly.
struct MeterProfile {
  var id: String
  var kind: String
  var party: String
  var interval: Int
  /// Hours of the day the meter records energy (0...23); other intervals read 0.
  var hours: [Int]
  /// Milli-kWh per month of the period, spread evenly over the active intervals with the
  /// remainder on the first ones, so each month sums exactly.
  var monthly: [Int64]

  /// Readings of one month: `(minute, milli-kWh)` for every interval.
  func readings(monthStart: Int, monthEnd: Int, month: Int) -> [(Int, Int64)] {
    let all = Array(stride(from: monthStart, to: monthEnd, by: interval))
    let active = all.filter { hours.contains((($0 - monthStart) % 1440) / 60) }
    let total = monthly[month]
    let base = active.isEmpty ? 0 : total / Int64(active.count)
    var extra = active.isEmpty ? 0 : total % Int64(active.count)
    var values: [Int: Int64] = [:]
    for t in active {
      values[t] = base + (extra > 0 ? 1 : 0)
      if extra > 0 { extra -= 1 }
    }
    return all.map { ($0, values[$0] ?? 0) }
  }
}
