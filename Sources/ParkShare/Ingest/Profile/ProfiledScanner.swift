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
  private var fields: [Range<Int>] = []
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
    guard memchr(a, 34, e - a) != nil else {
      split(a, e)
      fieldsRead(a, a, e, line: line, &s)
      return
    }
    guard let copy = unquote(a, e, line: line, &s) else { return }
    copy.withUnsafeBufferPointer { fieldsRead($0.baseAddress!, a, e, line: line, &s) }
  }

  /// The fields of `[a, e)` at the delimiter, without the spaces around them.
  private mutating func split(_ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>) {
    fields.removeAll(keepingCapacity: true)
    var start = 0
    let n = e - a
    let d = Int32(profile.delimiter)
    while true {
      let end =
        memchr(a + start, d, n - start).map {
          UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - a
        } ?? n
      fields.append(Self.trim(a, start..<end))
      if end >= n { break }
      start = end + 1
    }
  }

  static func trim(_ p: UnsafePointer<UInt8>, _ r: Range<Int>) -> Range<Int> {
    var (lo, hi) = (r.lowerBound, r.upperBound)
    while lo < hi, p[lo] == 32 { lo += 1 }
    while hi > lo, p[hi - 1] == 32 { hi -= 1 }
    return lo..<hi
  }

  /// A row with quotes: its fields unquoted (RFC 4180) into a copy; nil (and a problem) when a
  /// quote is misplaced.
  private mutating func unquote(
    _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>, line: Int, _ s: inout ReadingsScanner
  ) -> [UInt8]? {
    fields.removeAll(keepingCapacity: true)
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
      for i in fields.indices { fields[i] = Self.trim(b.baseAddress!, fields[i]) }
    }
    return out
  }

  private func field(_ base: UnsafePointer<UInt8>, _ i: Int) -> UnsafeBufferPointer<UInt8> {
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

  /// A reading's quality flag (NEM12's codes).
  enum Flag {
    case actual, estimated, none
  }

  /// The flag in `f`: empty or A actual; E, S or F estimated or substituted; N no reading; nil
  /// (and a problem) for anything else.
  func flag(
    _ f: UnsafeBufferPointer<UInt8>, _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>,
    line: Int, _ s: inout ReadingsScanner
  ) -> Flag? {
    guard f.count <= 1 else { return badFlag(f, a, e, line: line, &s) }
    switch f.first.map({ $0 | 0x20 }) {
    case nil, 97: return .actual  // a
    case 101, 115, 102: return .estimated  // e, s, f
    case 110: return Flag.none  // n
    default: return badFlag(f, a, e, line: line, &s)
    }
  }

  private func badFlag(
    _ f: UnsafeBufferPointer<UInt8>, _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>,
    line: Int, _ s: inout ReadingsScanner
  ) -> Flag? {
    let text = ReadingsScanner.clip(String(decoding: f, as: UTF8.self))
    s.fail(
      .badRow, "quality flag '\(text)' is not A, E, S, F or N",
      hint:
        "A (or empty) actual; E, S, F estimated or substituted by the meter system; N no reading",
      a, e, field: s.locate(f, a, e), line: line)
    return nil
  }

  /// A cumulative read: the energy of the interval it closes is this read less the one before
  /// (plus the register's span when it rolled over). The first read of each meter opens it.
  private mutating func register(
    _ m: Int, _ base: UnsafePointer<UInt8>, _ a: UnsafePointer<UInt8>,
    _ e: UnsafePointer<UInt8>, line: Int, _ s: inout ReadingsScanner
  ) {
    let (t, v) = (field(base, columns.time), field(base, columns.value))
    guard let value = energy(v, a, e, line: line, &s), let at = time(t, a, e, line: line, &s)
    else { return }
    // A read is an instant: the period's reads run from its first instant to its last.
    guard at >= s.layout.start, at <= s.layout.start + s.layout.minutes else {
      s.fail(
        .outsidePeriod, "register read at \(Timestamp.text(parkMinutes: at)) is outside the period",
        hint:
          "a bundle's register reads run from the period's first instant (the opening read) to its last",
        a, e, field: s.locate(t, a, e), line: line)
      return
    }
    if let span = registerSpan, value >= span {
      s.fail(
        .registerBackwards,
        "register read \(MeterSums.kWh(value)) kWh does not fit a register of \(profile.digits!) digits",
        hint: "check the reads, the unit, or digits = N in import.profile", a, e,
        field: s.locate(v, a, e), line: line)
      return
    }
    // Exports of consecutive months often both carry the read at their boundary: the same read
    // twice is one read.
    if let last = carry.registers[m], last.at == at, last.value == value { return }
    defer { carry.registers[m] = (at, value) }
    guard let last = carry.registers[m] else {
      // The chunk's first read of the meter: the read before it is in an earlier chunk.
      if carry.firsts[m] == nil { carry.firsts[m] = (at, value) }
      return
    }
    step(m, from: last, to: (at, value), t, v, a, e, line: line, &s)
  }

  /// The energy between two consecutive register reads of meter `m`, into its interval.
  func step(
    _ m: Int, from last: (at: Int, value: Int64), to read: (at: Int, value: Int64),
    _ t: UnsafeBufferPointer<UInt8>, _ v: UnsafeBufferPointer<UInt8>, _ a: UnsafePointer<UInt8>,
    _ e: UnsafePointer<UInt8>, line: Int, _ s: inout ReadingsScanner
  ) {
    let (at, value) = read
    let step = s.layout.interval[m]
    guard at > last.at else {
      s.fail(
        .badRow,
        at == last.at
          ? "a second register read at \(Timestamp.text(parkMinutes: at)), \(MeterSums.kWh(value)) kWh, differs from the first (\(MeterSums.kWh(last.value)) kWh)"
          : "register read at \(Timestamp.text(parkMinutes: at)) comes after one at \(Timestamp.text(parkMinutes: last.at))",
        hint: "register reads of a meter must be in time order, one per interval", a, e,
        field: s.locate(t, a, e), line: line)
      return
    }
    guard at - last.at == step else {
      s.fail(
        .gap,
        "register read at \(Timestamp.text(parkMinutes: at)) is \(at - last.at) minutes after the one before; meter '\(s.meterIds[m])' reads every \(step)",
        hint:
          "the energy between two reads further apart cannot be placed in intervals: add the missing reads",
        a, e, field: s.locate(t, a, e), line: line)
      return
    }
    // Reads are micro-kWh already (`energy` converted them from the profile's unit). A meter
    // replaced inside the interval: the old register up to its final read, then the new one.
    var micro = value - last.value
    if let r = replacements[m]?.first(where: { last.at <= $0.at && $0.at < at }) {
      micro = (r.oldFinal - last.value) + (value - r.newInitial)
      guard r.oldFinal >= last.value, value >= r.newInitial else {
        s.fail(
          .registerBackwards,
          "meter '\(s.meterIds[m])' replaced at \(Timestamp.text(parkMinutes: r.at)): its reads do not continue the replacement's (old final \(MeterSums.kWh(r.oldFinal)) kWh, new initial \(MeterSums.kWh(r.newInitial)) kWh)",
          hint: "check replacements.csv against the reads either side of the swap", a, e,
          field: s.locate(v, a, e), line: line)
        return
      }
    }
    if micro < 0 {
      // A rollover: the register went past its top. Only a read near the top followed by one
      // near zero is one: the difference across it must be under a tenth of the register's span
      // (a read that merely went backwards would otherwise count as almost a whole span).
      let span = registerSpan ?? .max
      guard profile.digits != nil, last.value < span, value < span,
        span - last.value + value < span / 10
      else {
        s.fail(
          .registerBackwards,
          "register read \(MeterSums.kWh(value)) kWh is below the one before it (\(MeterSums.kWh(last.value)) kWh)",
          hint: profile.digits == nil
            ? "a register that rolled over: give its width with digits = N in import.profile; a meter replaced: list the swap in replacements.csv"
            : "a rollover of a \(profile.digits!)-digit register runs from near its top to near 0, under a tenth of its span; this read only went back: check it",
          a, e, field: s.locate(v, a, e), line: line)
        return
      }
      micro += span
    }
    s.record(m, start: last.at, micro: micro, stampAtEnd: true, t, a, e, line: line)
  }

  /// When the header labels the interval columns with times (`00:15`, `1:00`, ... `24:00`),
  /// they must be the intervals of a `step`-minute day from the first interval column, labelled
  /// by their start or their end; what is wrong, or nil. Headers that do not use times (`P1`,
  /// `H1`) are not checked.
  func labelProblem(step: Int, slots: Int) -> String? {
    let header = columns.header
    guard columns.firstInterval + slots <= header.count else { return nil }
    func minutes(_ label: String) -> Int? {
      let parts = label.split(separator: ":")
      guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), parts[1].count == 2,
        (0...24).contains(h), (0...59).contains(m)
      else { return nil }
      return h * 60 + m
    }
    let labels = header[columns.firstInterval..<columns.firstInterval + slots]
    // Labels a step apart other than this meter's are another interval's (a file may hold
    // meters of several intervals): only a header for this step is checked.
    guard let first = labels.first.flatMap(minutes), slots > 1,
      let second = minutes(labels[labels.startIndex + 1]), second - first == step
    else { return nil }
    guard first == 0 || first == step else {
      return
        "the first interval column (\(columns.firstInterval + 1)) is labelled '\(labels.first!)', not the first \(step)-minute interval (00:00, or \(Self.clock(step)) at its end)"
    }
    for (k, label) in labels.enumerated() where minutes(label) != first + k * step {
      return
        "interval column \(columns.firstInterval + k + 1) is labelled '\(label)' where the \(k + 1)th \(step)-minute interval's \(Self.clock(first + k * step)) belongs"
    }
    return nil
  }

  static func clock(_ minutes: Int) -> String {
    let (h, m) = (minutes / 60, minutes % 60)
    return "\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
  }

  /// A day row: its date, then one value per interval of the day (an empty one is a gap).
  private mutating func day(
    _ m: Int, _ base: UnsafePointer<UInt8>, _ a: UnsafePointer<UInt8>,
    _ e: UnsafePointer<UInt8>, line: Int, _ s: inout ReadingsScanner
  ) {
    let step = s.layout.interval[m]
    let slots = 1440 / step
    var last = fields.count
    // With flag columns the values are the `slots` columns from the first; without, every
    // column to the end of the row but empty trailing ones.
    let end = columns.quality.map { max($0, columns.firstInterval) + slots }
    while last > (end ?? columns.firstInterval + slots), fields[last - 1].isEmpty { last -= 1 }
    let given =
      end.map { last >= $0 ? slots : last - columns.firstInterval } ?? last - columns.firstInterval
    guard given == slots, end.map({ last == $0 }) ?? true else {
      s.fail(
        .badRow,
        "day row has \(given) interval\(given == 1 ? "" : "s"); meter '\(s.meterIds[m])' reads every \(step) minutes, \(slots) a day",
        hint: given > slots && columns.header.count > columns.firstInterval + slots
          ? "one value per interval of the day, from 00:00; the columns after them ('\(columns.header[columns.firstInterval + slots])' ...) are not read and must be empty: delete a totals column, or leave it empty"
          : "one value per interval of the day, from 00:00 (an empty value is a gap)", a, e,
        field: a..<e, line: line)
      return
    }
    // The header is the same for every row: its labels are checked once per interval length.
    if labelProblems[step] == nil { labelProblems[step] = labelProblem(step: step, slots: slots) }
    if let problem = labelProblems[step]! {
      s.fail(
        .badHeader, problem,
        hint: "the profile's intervals = N names the column of the first interval (00:00)", a, e,
        field: a..<e, line: line)
      return
    }
    // A finer meter's row whose values stop after 24 or 48 columns holds hourly or half-hourly
    // values: read as quarter-hours they would land in the wrong intervals.
    var filled = 0
    var lastFilled = -1
    for k in 0..<slots where !fields[columns.firstInterval + k].isEmpty {
      filled += 1
      lastFilled = k
    }
    if lastFilled >= 0, [24, 48].contains(lastFilled + 1), lastFilled + 1 < slots,
      filled == lastFilled + 1
    {
      s.fail(
        .badRow,
        "day row of \(step)-minute meter '\(s.meterIds[m])' has values in its first \(lastFilled + 1) interval columns only, none after",
        hint:
          "\(1440 / (lastFilled + 1))-minute values in a \(step)-minute meter's row: check the meter's interval in meters.csv",
        a, e, field: a..<e, line: line)
      return
    }
    let d = field(base, columns.date)
    guard let (number, end) = LocalTimestamp.date(d, from: 0), end == d.count, let number else {
      let text = ReadingsScanner.clip(String(decoding: d, as: UTF8.self))
      s.fail(
        .badTimestamp, "'\(text)' is not a date", hint: "write 2026-01-01 or 2026/1/1", a, e,
        field: s.locate(d, a, e), line: line)
      return
    }
    // The row's date is on the profile's clock (day rows require a time-zone).
    let midnight =
      number * 1440 - (profile.zone ?? Timestamp.parkOffsetMinutes) + Timestamp.parkOffsetMinutes
    for k in 0..<slots where !fields[columns.firstInterval + k].isEmpty {
      let v = field(base, columns.firstInterval + k)
      var flag = Flag.actual
      if let q = columns.quality {
        guard let f = self.flag(field(base, q + k), a, e, line: line, &s) else { continue }
        flag = f
      }
      guard flag != .none, let micro = energy(v, a, e, line: line, &s) else { continue }
      if s.record(
        m, start: midnight + k * step, micro: micro, stampAtEnd: false, v, a, e, line: line),
        flag == .estimated
      {
        s.tally.flagged[m] += 1
      }
    }
  }
}
