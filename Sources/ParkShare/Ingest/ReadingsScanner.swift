import Foundation

/// Reads the rows of a readings file (`meter,timestamp,kwh`) from raw bytes into a tally.
///
/// This is the hot loop of the whole engine (millions of rows a quarter), so it works on bytes:
/// no `String` per row, the previous row's meter and date are reused when they repeat, kWh are
/// parsed straight into integer micro-kWh. In the fast pass problems are only counted; the slow
/// pass (`reporting`) runs only when there are some, and describes each with its line.
struct ReadingsScanner {
  let layout: ReadingsLayout
  let meterIds: [String]
  let file: Int
  /// Field positions of meter, timestamp and kWh, from the file's header.
  let order: (meter: Int, time: Int, kwh: Int)
  let reporting: Bool
  var tally: ReadingsTally
  var problems: [RowProblem] = []
  /// Intervals (`meter << 32 | slot`) whose first reading is wanted, and where each was found.
  var watch: Set<Int> = []
  var firstSeen: [Int: (file: Int, line: Int)] = [:]
  /// The reading of each watched interval (the neighbours of a gap to estimate).
  var watchedValues: [Int: Int64] = [:]

  private var lastMeter = -1
  /// The meter that followed each meter last time: exports list meters in a repeating order
  /// (all meters for 00:00, then all for 00:15, ...), so the next id is usually predicted.
  private var follower: [Int32]
  private var cachedDate: (UInt64, UInt16) = (0, 0)
  private var cachedOffset: (UInt32, UInt16) = (0, 0)
  private var cachedBase = Int.min
  private var scratch: [UInt8] = []
  private var chunkHasQuotes = true

  /// The most decimal places a reading may have: sums are kept in micro-kWh.
  static let maxDecimals = 6

  init(
    layout: ReadingsLayout, meterIds: [String], file: Int,
    order: (meter: Int, time: Int, kwh: Int), reporting: Bool, tally: ReadingsTally
  ) {
    self.layout = layout
    self.meterIds = meterIds
    self.file = file
    self.order = order
    self.reporting = reporting
    self.tally = tally
    self.follower = Array(repeating: -1, count: layout.meterCount)
  }

  /// Scans every line of `buffer` (whole lines; the last may lack its line feed). Returns the
  /// number of lines read, so the caller can number the next chunk's lines.
  mutating func scan(_ buffer: UnsafeBufferPointer<UInt8>, firstLine: Int) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    tally.bytes += buffer.count
    chunkHasQuotes = memchr(base, 34, buffer.count) != nil
    return Self.eachLine(buffer, firstLine: firstLine) { p, e, line in row(p, e, line: line) }
  }

  /// Calls `body` with each non-empty line of `b` (without its LF or CR LF) and its number;
  /// returns the number of lines. Shared by every layout's scanner.
  @inline(__always)
  static func eachLine(
    _ b: UnsafeBufferPointer<UInt8>, firstLine: Int,
    _ body: (UnsafePointer<UInt8>, UnsafePointer<UInt8>, Int) -> Void
  ) -> Int {
    guard let base = b.baseAddress, b.count > 0 else { return 0 }
    let end = base + b.count
    var p = base
    var line = firstLine
    while p < end {
      let lineEnd =
        memchr(p, 10, end - p).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) }
        ?? end
      var e = lineEnd
      if e > p && e[-1] == 13 { e -= 1 }
      if e > p { body(p, e, line) }
      line += 1
      p = lineEnd + 1
    }
    return line - firstLine
  }

  private mutating func row(_ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>, line: Int) {
    tally.totalRows += 1
    // Rows with quotes (rare) are read as RFC 4180; the others split at two commas. The fast
    // pass skips the quote search in chunks without a quote, and the third-comma search: a
    // fourth field makes the kWh field fail, and the slow pass then names the real problem.
    if (reporting || chunkHasQuotes) && memchr(a, 34, e - a) != nil {
      quotedRow(a, e, line: line)
      return
    }
    func comma(_ from: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
      guard from < e, let p = memchr(from, 44, e - from) else { return nil }
      return UnsafePointer(p.assumingMemoryBound(to: UInt8.self))
    }
    guard let c1 = comma(a), let c2 = comma(c1 + 1), !reporting || comma(c2 + 1) == nil else {
      var fields = 1
      for q in a..<e where q.pointee == 44 { fields += 1 }
      fail(
        .badRow, "row has \(fields) field\(fields == 1 ? "" : "s"); readings have 3",
        hint: "each row is meter,timestamp,kwh", a, e, field: a..<e, line: line)
      return
    }
    @inline(__always) func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
      switch i {
      case 0: UnsafeBufferPointer(start: a, count: c1 - a)
      case 1: UnsafeBufferPointer(start: c1 + 1, count: c2 - c1 - 1)
      default: UnsafeBufferPointer(start: c2 + 1, count: e - c2 - 1)
      }
    }
    accept(
      meter: field(order.meter), time: field(order.time), kwh: field(order.kwh), a, e, line: line)
  }

  /// A row with quotes (rare): unquote per RFC 4180 into scratch, then read it as usual.
  private mutating func quotedRow(_ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>, line: Int) {
    scratch.removeAll(keepingCapacity: true)
    var bounds: [Range<Int>] = []
    var fieldStart = 0
    var q = a
    var quoted = false
    var wasQuoted = false
    while q < e {
      let b = q.pointee
      if quoted {
        if b == 34 {
          if q + 1 < e && q[1] == 34 {
            scratch.append(34)
            q += 1
          } else {
            quoted = false
          }
        } else {
          scratch.append(b)
        }
      } else if b == 34 {
        guard scratch.count == fieldStart, !wasQuoted else {
          fail(
            .badQuote, "a quote inside an unquoted field", hint: "quote the whole field: \"a,b\"",
            a, e, field: q..<q + 1, line: line)
          return
        }
        quoted = true
        wasQuoted = true
      } else if b == 44 {
        bounds.append(fieldStart..<scratch.count)
        fieldStart = scratch.count
        wasQuoted = false
      } else {
        guard !wasQuoted else {
          fail(
            .badQuote, "text after a closing quote", hint: "a quoted field ends at its quote",
            a, e, field: q..<q + 1, line: line)
          return
        }
        scratch.append(b)
      }
      q += 1
    }
    guard !quoted else {
      fail(
        .badQuote, "a quoted field is not closed on its line",
        hint: "readings files do not allow line breaks inside quotes", a, e, field: a..<e,
        line: line)
      return
    }
    bounds.append(fieldStart..<scratch.count)
    guard bounds.count == 3 else {
      fail(
        .badRow, "row has \(bounds.count) fields; readings have 3",
        hint: "each row is meter,timestamp,kwh", a, e, field: a..<e, line: line)
      return
    }
    let copy = scratch
    copy.withUnsafeBufferPointer { s in
      func part(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: s[bounds[i]])
      }
      accept(
        meter: part(order.meter), time: part(order.time), kwh: part(order.kwh), a, e, line: line)
    }
  }

  private mutating func accept(
    meter: UnsafeBufferPointer<UInt8>, time: UnsafeBufferPointer<UInt8>,
    kwh: UnsafeBufferPointer<UInt8>, _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>,
    line: Int
  ) {
    guard let m = lookUp(meter, a, e, line: line) else { return }
    guard let micro = parseKWh(kwh, a, e, line: line) else { return }
    guard let local = parseTime(time, a, e, line: line) else { return }
    let atEnd = layout.stampAtEnd[m]
    record(
      m, start: atEnd ? local - layout.interval[m] : local, micro: micro, stampAtEnd: atEnd,
      time, a, e, line: line)
  }

  /// The registry index of the meter named by `meter`, or nil (and a problem) for an unknown one.
  mutating func lookUp(
    _ meter: UnsafeBufferPointer<UInt8>, _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>,
    line: Int
  ) -> Int? {
    let predicted = lastMeter >= 0 ? Int(follower[lastMeter]) : -1
    if lastMeter >= 0 && layout.index.matches(lastMeter, meter) {
      return lastMeter
    } else if predicted >= 0 && layout.index.matches(predicted, meter) {
      lastMeter = predicted
      return predicted
    } else if let found = layout.index.find(meter) {
      if lastMeter >= 0 { follower[lastMeter] = Int32(found) }
      lastMeter = found
      return found
    }
    if reporting {
      let id = ReadingsScanner.clip(String(decoding: meter, as: UTF8.self))
      let near = Spelling.nearest(id, in: meterIds)
      fail(
        .unknownMeter, "unknown meter '\(id)'",
        hint: near.map { "did you mean '\($0)'?" } ?? "register it in meters.csv", a, e,
        field: locate(meter, a, e), line: line)
      problems[problems.count - 1].meter = id
    } else {
      tally.problems += 1
    }
    return nil
  }

  /// Adds `micro` micro-kWh of meter `m` for the interval starting `start` (park minutes), once:
  /// an interval outside the period, off the meter's grid or read before is a problem at `time`.
  @discardableResult
  mutating func record(
    _ m: Int, start: Int, micro: Int64, stampAtEnd: Bool, _ time: UnsafeBufferPointer<UInt8>,
    _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>, line: Int
  ) -> Bool {
    let step = layout.interval[m]
    let local = stampAtEnd ? start + step : start
    let rel = start - layout.start
    guard rel >= 0, rel < layout.minutes else {
      if reporting {
        fail(
          .outsidePeriod,
          "reading for the interval starting \(Timestamp.text(parkMinutes: start)) is outside the period",
          hint: stampAtEnd
            ? "meter '\(meterIds[m])' stamps the end of each interval; readings of another period belong in that period's bundle"
            : "readings of another period belong in that period's bundle", a, e,
          field: locate(time, a, e), line: line)
      } else {
        tally.problems += 1
      }
      return false
    }
    let (slot, onGrid) = layout.slot(m, rel)
    guard onGrid else {
      if reporting {
        fail(
          .misaligned,
          "reading at \(Timestamp.text(parkMinutes: local)) is not on meter '\(meterIds[m])''s \(step)-minute grid",
          hint: "a \(step)-minute meter reads at whole multiples of \(step) minutes past midnight",
          a, e, field: locate(time, a, e), line: line)
      } else {
        tally.problems += 1
      }
      return false
    }
    let word = layout.markOffset[m] + slot >> 6
    let bit = UInt64(1) << UInt64(slot & 63)
    if !watch.isEmpty, watch.contains(m << 32 | slot), firstSeen[m << 32 | slot] == nil {
      firstSeen[m << 32 | slot] = (file, line)
      watchedValues[m << 32 | slot] = micro
    }
    if tally.marks[word] & bit != 0 {
      tally.duplicates += 1
      if reporting {
        fail(
          .duplicateInterval,
          "a second reading for meter '\(meterIds[m])', interval starting \(Timestamp.text(parkMinutes: start))",
          hint: "keep one reading per interval", a, e, field: locate(time, a, e), line: line,
          counted: true)
        problems[problems.count - 1].interval = m << 32 | slot
      }
      return false
    }
    tally.marks[word] |= bit
    tally.rows[m] += 1
    if !tally.values.isEmpty { tally.values[layout.valueOffset[m] + slot] = micro }
    // The day's intervals start at slot day x perDay (an interval divides the day).
    let perDay = layout.perDay[m]
    let day = rel / 1440
    let index = layout.sumOffset[m] + Int(layout.segmentOfDay[day]) * perDay + slot - day * perDay
    let (sum, overflow) = tally.sums[index].addingReportingOverflow(micro)
    tally.sums[index] = sum
    let k = layout.seriesOf[m]
    if k >= 0 {
      // A `peak(...)` kind: its meters' readings added interval by interval.
      let i = layout.seriesOffset[k] + slot
      let (v, o) = tally.series[i].addingReportingOverflow(micro)
      tally.series[i] = v
      if o { tally.seriesOverflow.insert(k) }
    }
    if overflow { tally.overflowMeters.insert(m) }
    return true
  }

  /// kWh as micro-kWh; nil (and a problem) for anything but a plain non-negative decimal with
  /// at most six decimal places.
  private mutating func parseKWh(
    _ f: UnsafeBufferPointer<UInt8>, _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>,
    line: Int
  ) -> Int64? {
    var value: Int64 = 0
    var digits = 0
    var decimals = -1
    var negative = false
    var bad = f.isEmpty
    if let p = f.baseAddress {
      for i in 0..<f.count {
        let b = p[i]
        if b &- 48 < 10 {
          guard value < 100_000_000_000_000 else {
            bad = true
            break
          }
          value = value &* 10 &+ Int64(b &- 48)
          digits += 1
          if decimals >= 0 { decimals += 1 }
        } else if b == 46 && decimals < 0 {
          decimals = 0
        } else if b == 45 && i == 0 {
          negative = true
        } else {
          bad = true
          break
        }
      }
    }
    if digits == 0 { bad = true }
    let places = max(decimals, 0)
    if !bad && !negative && places <= ReadingsScanner.maxDecimals {
      var scale: Int64 = 1
      for _ in places..<ReadingsScanner.maxDecimals { scale *= 10 }
      let (v, o) = value.multipliedReportingOverflow(by: scale)
      if !o { return v }
      bad = true
    }
    guard reporting else {
      tally.problems += 1
      return nil
    }
    let text = ReadingsScanner.clip(String(decoding: f, as: UTF8.self))
    if bad {
      fail(
        .badKWh, f.isEmpty ? "the kWh field is empty" : "'\(text)' is not a number of kWh",
        hint: "a plain decimal such as 12.5: no unit, spaces, exponent or thousands separator",
        a, e, field: locate(f, a, e), line: line)
    } else if negative {
      fail(
        .negativeKWh, "negative reading \(text) kWh",
        hint:
          "each meter kind counts one direction; register a reverse flow as its own meter (storage-charge and storage-discharge)",
        a, e, field: locate(f, a, e), line: line)
    } else {
      fail(
        .badKWh,
        "'\(text)' has \(places) decimal places; at most \(ReadingsScanner.maxDecimals) are kept",
        hint: "round readings to 0.000001 kWh (1 mWh) at the meter system", a, e,
        field: locate(f, a, e), line: line)
    }
    return nil
  }

  /// The timestamp on the park clock, reusing the previous row's date and offset when the row
  /// has the common shape `YYYY-MM-DDTHH:MM:SS+HH:MM`.
  private mutating func parseTime(
    _ f: UnsafeBufferPointer<UInt8>, _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>,
    line: Int
  ) -> Int? {
    let p = f.baseAddress ?? a
    if f.count == 25, cachedBase != Int.min {
      let date = (
        UnsafeRawPointer(p).loadUnaligned(as: UInt64.self),
        UnsafeRawPointer(p + 8).loadUnaligned(as: UInt16.self)
      )
      let offset = (
        UnsafeRawPointer(p + 19).loadUnaligned(as: UInt32.self),
        UnsafeRawPointer(p + 23).loadUnaligned(as: UInt16.self)
      )
      if date == cachedDate, offset == cachedOffset, p[10] == 84, p[13] == 58, p[16] == 58,
        p[17] == 48, p[18] == 48
      {
        let h = Int(p[11] &- 48) * 10 + Int(p[12] &- 48)
        let m = Int(p[14] &- 48) * 10 + Int(p[15] &- 48)
        if p[11] &- 48 < 10, p[12] &- 48 < 10, p[14] &- 48 < 10, p[15] &- 48 < 10, h < 24, m < 60 {
          return cachedBase + h * 60 + m
        }
      }
    }
    switch Timestamp.parse(p, count: f.count) {
    case .success(let t):
      if f.count == 25, p[10] == 84, p[16] == 58 {
        cachedDate = (
          UnsafeRawPointer(p).loadUnaligned(as: UInt64.self),
          UnsafeRawPointer(p + 8).loadUnaligned(as: UInt16.self)
        )
        cachedOffset = (
          UnsafeRawPointer(p + 19).loadUnaligned(as: UInt32.self),
          UnsafeRawPointer(p + 23).loadUnaligned(as: UInt16.self)
        )
        let h = Int(p[11] &- 48) * 10 + Int(p[12] &- 48)
        let m = Int(p[14] &- 48) * 10 + Int(p[15] &- 48)
        cachedBase = t - h * 60 - m
      }
      return t
    case .failure(let error):
      guard reporting else {
        tally.problems += 1
        return nil
      }
      let text = ReadingsScanner.clip(String(decoding: f, as: UTF8.self))
      let field = locate(f, a, e)
      switch error.problem {
      case .malformed:
        fail(
          .badTimestamp, "'\(text)' is not an ISO 8601 timestamp",
          hint: "write 2026-01-01T00:15:00+08:00", a, e, field: field, line: line)
      case .noOffset:
        fail(
          .noOffset, "timestamp '\(text)' has no UTC offset",
          hint: "append the meter system's offset: +08:00 for China Standard Time, Z for UTC",
          a, e, field: field, line: line)
      case .invalidDate:
        fail(
          .badTimestamp, "'\(text)' is not a real date and time",
          hint: "check the month, day, hour (00-23) and minute", a, e, field: field, line: line)
      case .notOnMinute:
        fail(
          .misaligned, "timestamp '\(text)' is not on a whole minute",
          hint: "intervals start on whole minutes: seconds must be 00", a, e, field: field,
          line: line)
      }
      return nil
    }
  }

  /// Where `field` sits in the row `[a, e)`, as byte offsets (columns are counted when the
  /// problem is rendered).
  func locate(
    _ field: UnsafeBufferPointer<UInt8>, _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>
  ) -> Range<UnsafePointer<UInt8>> {
    guard let base = field.baseAddress, base >= a, base <= e else { return a..<e }
    return base..<base + field.count
  }

  /// Text shown in a message, cut to `limit` characters: a broken row can be very long.
  static func clip(_ text: String, to limit: Int = 40) -> String {
    text.count <= limit ? text : text.prefix(limit) + "..."
  }

  mutating func fail(
    _ id: DiagnosticID, _ message: String, hint: String?, _ a: UnsafePointer<UInt8>,
    _ e: UnsafePointer<UInt8>, field: Range<UnsafePointer<UInt8>>, line: Int, counted: Bool = false
  ) {
    if !counted { tally.problems += 1 }
    guard reporting else { return }
    let text = ReadingsScanner.clip(
      String(decoding: UnsafeBufferPointer(start: a, count: e - a), as: UTF8.self), to: 300)
    let before = String(
      decoding: UnsafeBufferPointer(start: a, count: field.lowerBound - a), as: UTF8.self)
    let inside = String(
      decoding: UnsafeBufferPointer(
        start: field.lowerBound, count: field.upperBound - field.lowerBound), as: UTF8.self)
    let start = before.count + 1
    problems.append(
      RowProblem(
        file: file, line: line, columns: start..<start + max(inside.count, 1), id: id,
        message: message, hint: hint, text: text))
  }
}
