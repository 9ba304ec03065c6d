extension ProfiledScanner {
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
  mutating func day(
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
    // A row whose last interval is filled cannot be one (nearly every row): not counted.
    var filled = 0
    var lastFilled = slots - 1
    if fields[columns.firstInterval + slots - 1].isEmpty {
      lastFilled = -1
      for k in 0..<slots where !fields[columns.firstInterval + k].isEmpty {
        filled += 1
        lastFilled = k
      }
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
