import Foundation

/// Reads the rows of a readings file laid out as its bundle's import profile says (long rows
/// with local times or other units, day rows, register reads) into the same tally as the plain
/// format, through `ReadingsScanner`'s meter look-up and interval bookkeeping: each value is
/// placed in its meter's interval exactly as a plain row would be, and every problem is named
/// at its file, line and column on the slow pass.
struct ProfiledScanner {
  let profile: ImportProfile
  let columns: ProfileColumns
  /// Register reads: the latest read of each meter (park minutes, micro-kWh).
  var carry: Carry
  typealias Registers = [(at: Int, value: Int64)?]

  /// Register reads carried between chunks: the latest read of each meter, and the first read
  /// of each meter in the chunk when none came before it there (the fast pass reads chunks
  /// apart and joins them after, in order: `ReadingsReader.joinRegisters`).
  struct Carry: Sendable {
    var registers: Registers
    var firsts: Registers

    init(meters: Int) {
      registers = Array(repeating: nil, count: meters)
      firsts = registers
    }
  }
  var fields = FieldRanges()
  private var unquoted: [UInt8] = []
  private var utf8: [UInt8] = []
  /// The last timestamp text read and its park minute (`time`).
  var lastTime: [UInt8] = []
  var lastMinute = 0
  /// Whether the last timestamp text read is written with the hour 24 (`endsDay`).
  var lastEndsDay = false
  /// Day rows: what is wrong with the header's interval labels, by interval length (checked
  /// once).
  var labelProblems: [Int: String?] = [:]

  /// Register meters replaced in the period, by meter index.
  var replacements: [Int: [MeterReplacement]] = [:]
  /// The register's span (10^digits units of the profile's unit) in micro-kWh, when its width
  /// is declared: computed once, as every read is checked against it.
  let registerSpan: Int64?

  init(
    profile: ImportProfile, columns: ProfileColumns, carry: Carry,
    replacements: [Int: [MeterReplacement]] = [:]
  ) {
    self.profile = profile
    self.columns = columns
    self.carry = carry
    self.replacements = replacements
    self.registerSpan = profile.digits.map { digits in
      var units: Int64 = 1_000_000
      for _ in 0..<digits {
        let (v, o) = units.multipliedReportingOverflow(by: 10)
        if o { return .max }
        units = v
      }
      return ProfiledScanner.kWh(units, profile.unit) ?? .max
    }
  }

  /// Scans every line of `raw` (whole lines, in the profile's encoding) into `s`'s tally.
  /// Returns the number of lines read.
  mutating func scan(
    _ raw: UnsafeBufferPointer<UInt8>, firstLine: Int, into s: inout ReadingsScanner
  ) -> Int {
    s.tally.bytes += raw.count
    guard profile.encoding == .gb18030 else { return lines(raw, firstLine: firstLine, &s) }
    // Converted a slice of about a megabyte at a time (cut at a line feed), so the UTF-8 copy
    // stays small whatever the chunk.
    var line = firstLine
    var from = 0
    while from < raw.count {
      var to = min(raw.count, from + (1 << 20))
      if to < raw.count {
        to = (raw[to...].firstIndex(of: 10) ?? raw.count - 1) + 1
      }
      line += converted(UnsafeBufferPointer(rebasing: raw[from..<to]), firstLine: line, &s)
      from = to
    }
    return line - firstLine
  }

  /// GB18030 lines converted to UTF-8 and scanned; a line that is not GB18030 is named.
  private mutating func converted(
    _ raw: UnsafeBufferPointer<UInt8>, firstLine: Int, _ s: inout ReadingsScanner
  ) -> Int {
    if TextEncoding.utf8(fromGB18030: raw, into: &utf8) == nil {
      let text = utf8
      return text.withUnsafeBufferPointer { lines($0, firstLine: firstLine, &s) }
    }
    // A byte that is not GB18030: convert line by line, to name the line.
    var line = firstLine
    var start = 0
    while start < raw.count {
      let end = raw[start...].firstIndex(of: 10) ?? raw.count
      let one = UnsafeBufferPointer(rebasing: raw[start..<end])
      if let bad = TextEncoding.utf8(fromGB18030: one, into: &utf8) {
        // Shown as far as it is text, then U+FFFD where the bad byte is.
        var shown: [UInt8] = []
        _ = TextEncoding.utf8(fromGB18030: UnsafeBufferPointer(rebasing: one[..<bad]), into: &shown)
        shown += [0xEF, 0xBF, 0xBD]
        shown.withUnsafeBufferPointer { b in
          let a = b.baseAddress!
          s.fail(
            .badEncoding,
            "byte \(String(one[bad], radix: 16, uppercase: true)) (hex) is not GB18030 text",
            hint: "the profile says encoding = gb18030; save the file as GB18030 (or say utf-8)",
            a, a + b.count, field: a + b.count - 3..<a + b.count, line: line)
        }
      } else {
        let text = utf8
        _ = text.withUnsafeBufferPointer { lines($0, firstLine: line, &s) }
      }
      line += 1
      start = end + 1
    }
    return line - firstLine
  }

  private mutating func lines(
    _ b: UnsafeBufferPointer<UInt8>, firstLine: Int, _ s: inout ReadingsScanner
  ) -> Int {
    ReadingsScanner.eachLine(b, firstLine: firstLine) { p, e, line in
      // A line of delimiters only (Excel's trailing empty rows) is blank.
      guard !(p..<e).allSatisfy({ $0.pointee == profile.delimiter || $0.pointee == 32 }) else {
        return
      }
      s.tally.totalRows += 1
      row(p, e, line: line, &s)
    }
  }

  /// One line `[a, e)` (without its line end) read into `s`'s tally.
  mutating func row(
    _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>, line: Int, _ s: inout ReadingsScanner
  ) {
    guard profile.quotes, memchr(a, 34, e - a) != nil else {
      split(a, e)
      fieldsRead(a, a, e, line: line, &s)
      return
    }
    guard let copy = unquote(a, e, line: line, &s) else { return }
    copy.withUnsafeBufferPointer { fieldsRead($0.baseAddress!, a, e, line: line, &s) }
  }

  /// The fields of `[a, e)` at the delimiter, without the spaces around them.
  private mutating func split(_ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>) {
    fields.split(a, e - a, at: profile.delimiter)
  }

  /// A row with quotes: its fields unquoted (RFC 4180) into a copy; nil (and a problem) when a
  /// quote is misplaced.
  private mutating func unquote(
    _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>, line: Int, _ s: inout ReadingsScanner
  ) -> [UInt8]? {
    fields.reset()
    var out: [UInt8] = []
    var start = 0
    var quoted = false
    var q = a
    while q < e {
      let b = q.pointee
      if quoted {
        if b == 34, q + 1 < e, q[1] == 34 {
          out.append(34)
          q += 1
        } else if b == 34 {
          quoted = false
        } else {
          out.append(b)
        }
      } else if b == 34 {
        quoted = true
      } else if b == profile.delimiter {
        fields.append(start..<out.count)
        start = out.count
      } else {
        out.append(b)
      }
      q += 1
    }
    guard !quoted else {
      s.fail(
        .badQuote, "a quoted field is not closed on its line",
        hint: "readings files do not allow line breaks inside quotes", a, e, field: a..<e,
        line: line)
      return nil
    }
    fields.append(start..<out.count)
    out.withUnsafeBufferPointer { b in
      for i in fields.indices { fields[i] = FieldRanges.trim(b.baseAddress!, fields[i]) }
    }
    return out
  }

  func field(_ base: UnsafePointer<UInt8>, _ i: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: base + fields[i].lowerBound, count: fields[i].count)
  }

  private mutating func fieldsRead(
    _ base: UnsafePointer<UInt8>, _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>,
    line: Int, _ s: inout ReadingsScanner
  ) {
    let count = fields.count
    if profile.layout == .dayRows {
      guard count > columns.firstInterval, count > columns.date, count > columns.meter else {
        s.fail(
          .badRow,
          "row has \(count) field\(count == 1 ? "" : "s"); a day row has the date, the meter and its intervals",
          hint: "one row per meter and day: the header's columns, then one value per interval",
          a, e, field: a..<e, line: line)
        return
      }
    } else if count != columns.count {
      s.fail(
        .badRow, "row has \(count) field\(count == 1 ? "" : "s"); the header has \(columns.count)",
        hint: "each row has one value per column of the header", a, e, field: a..<e, line: line)
      return
    }
    guard let m = s.lookUp(field(base, columns.meter), a, e, line: line) else { return }
    switch profile.layout {
    case .long: long(m, base, a, e, line: line, &s)
    case .register: register(m, base, a, e, line: line, &s)
    case .dayRows: day(m, base, a, e, line: line, &s)
    }
  }

  private mutating func long(
    _ m: Int, _ base: UnsafePointer<UInt8>, _ a: UnsafePointer<UInt8>,
    _ e: UnsafePointer<UInt8>, line: Int, _ s: inout ReadingsScanner
  ) {
    let (t, v) = (field(base, columns.time), field(base, columns.value))
    var flag = Flag.actual
    if let q = columns.quality {
      guard let f = self.flag(field(base, q), a, e, line: line, &s) else { return }
      flag = f
    }
    guard flag != .none else { return }
    guard let micro = energy(v, a, e, line: line, &s), let local = time(t, a, e, line: line, &s)
    else { return }
    let atEnd = profile.stampAtEnd ?? s.layout.stampAtEnd[m]
    guard atEnd || !lastEndsDay else {
      s.fail(
        .badTimestamp,
        "'\(ReadingsScanner.clip(String(decoding: t, as: UTF8.self)))' ends a day, but timestamps here name the start of their interval",
        hint: "24:00 labels the end of the last interval: say stamp = end in import.profile", a, e,
        field: s.locate(t, a, e), line: line)
      return
    }
    if s.record(
      m, start: atEnd ? local - s.layout.interval[m] : local, micro: micro, stampAtEnd: atEnd,
      t, a, e, line: line), flag == .estimated
    {
      s.tally.flagged[m] += 1
    }
  }
}
