/// Readings of the days just before the period (`lookback.csv`), read only as baseline days of
/// `reduction(...)`: an event in a period's first days takes its baseline from working days of
/// the period before, which this bundle then carries (stamped and hashed with it, so a ledger
/// record still settles from its own files). Same columns as long readings:
/// `meter,timestamp,kwh[,note]`; at most `maxDays` days before the period.
public struct LookbackReadings: Sendable {
  /// One meter's readings of one day: micro-kWh per interval, and which intervals were read.
  struct Day: Sendable {
    var micro: [Int64]
    var read: [Bool]
  }

  /// By meter id, by day number.
  var days: [String: [Int: Day]] = [:]
  /// The earliest day the file may hold readings of.
  public var firstDay: CalendarDay? = nil
  /// The file read, for messages; empty when none was.
  public var path = ""

  public static let fileName = "lookback.csv"
  static let columns = ["meter", "timestamp", "kwh"]
  static let optionalColumns = ["note"]
  /// Days before the period a baseline may reach: two months cover ten working days across the
  /// Spring Festival.
  public static let maxDays = 62

  /// Why a window cannot be read from the look-back readings: a meter without a reading.
  public struct Missing: Error, Sendable {
    public var meter: String
    public var minute: Int
  }

  /// Micro-kWh of `meters` in the intervals `slots` of `day`, or the first interval one of them
  /// has no reading of.
  func window(_ meters: [RegisteredMeter], day: CalendarDay, slots: Range<Int>) -> Result<
    Int64, Missing
  > {
    var sum: Int64 = 0
    for m in meters {
      for s in slots {
        guard let d = days[m.id]?[day.number], d.read[s] else {
          return .failure(
            Missing(meter: m.id, minute: day.number * 1440 + s * m.interval))
        }
        sum &+= d.micro[s]
      }
    }
    return .success(sum)
  }

  /// Reads and checks the file: each row a registered meter read interval by interval, on its
  /// grid, before the period and at most `maxDays` days before it, once, a plain kWh of 0 or
  /// more with at most 6 decimals. `zone` and `stampAtEnd` are the import profile's.
  static func read(
    _ sheet: CSVSheet, meters: [RegisteredMeter], refused: Set<String> = [], contract: Contract,
    period: Period, zone: Int?,
    stampAtEnd: Bool, diagnostics: inout [Diagnostic]
  ) -> LookbackReadings {
    var out = LookbackReadings()
    out.path = sheet.path
    let first = CalendarDay.first(of: period)
    out.firstDay = CalendarDay(number: first.number - maxDays)
    let start = first.number * 1440
    let earliest = (first.number - maxDays) * 1440
    let byId = Dictionary(meters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let kinds = contract.peakKinds.union(contract.peakMemberKinds)
    var lines: [String: [Int: Int]] = [:]
    var unused: Set<String> = []
    for row in sheet.rows {
      let at = sheet.at(row.line)
      func bad(_ id: DiagnosticID, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(id, message, at: at, hint: hint))
      }
      let id = sheet.field(row, "meter")
      // A meter whose registry line was refused is reported there, not again at every row.
      if refused.contains(id) { continue }
      guard let meter = byId[id] else {
        bad(
          .unknownMeter, "meter '\(ReadingsScanner.clip(id))' is not in meters.csv",
          hint: Spelling.nearest(id, in: byId.keys.sorted()).map { "did you mean '\($0)'?" })
        continue
      }
      guard kinds.contains(meter.kind) else {
        if unused.insert(id).inserted {
          diagnostics.append(
            .warning(
              .unusedReadings,
              "meter '\(id)' (\(meter.kind.rawValue)) is read by no reduction(...): its look-back rows are not used",
              at: at))
        }
        continue
      }
      let stamp = sheet.field(row, "timestamp")
      let atEnd = stampAtEnd || meter.stampAtEnd
      // As readings.csv reads its timestamps: the strict form with an offset, or, under a
      // profile's time zone, the local forms that profile allows.
      let bytes = Array(stamp.utf8)
      let parsed: Result<Int, TimestampError> =
        bytes.isEmpty
        ? .failure(TimestampError(.malformed))
        : bytes.withUnsafeBufferPointer { b in
          zone == nil
            ? Timestamp.parse(b.baseAddress!, count: b.count) : LocalTimestamp.parse(b, zone: zone)
        }
      var minute: Int
      switch parsed {
      case .success(let t):
        let endsDay = bytes.withUnsafeBufferPointer { LocalTimestamp.endsDay($0) }
        if endsDay && !atEnd {
          bad(
            .badTimestamp,
            "'\(ReadingsScanner.clip(stamp))' ends a day: a reading's timestamp is its interval's start",
            hint: "write the next day's 00:00, or say 'stamp = end' in import.profile")
          continue
        }
        minute = atEnd ? t - meter.interval : t
      case .failure(let e):
        if case .noOffset = e.problem {
          bad(
            .noOffset, "timestamp '\(ReadingsScanner.clip(stamp))' has no UTC offset",
            hint:
              "write 2025-12-29T10:15+08:00, or say the clock in import.profile: time-zone = +08:00"
          )
        } else {
          bad(
            .badTimestamp, "'\(ReadingsScanner.clip(stamp))' is not an interval's date and time",
            hint: "write 2025-12-29T10:15+08:00 (the interval's start)")
        }
        continue
      }
      guard minute < start, minute >= earliest else {
        bad(
          .outsidePeriod,
          minute >= start
            ? "\(Timestamp.text(parkMinutes: minute)) is in \(period): \(fileName) holds only the days before it"
            : "\(Timestamp.text(parkMinutes: minute)) is more than \(maxDays) days before \(period)",
          hint: minute >= start
            ? "put the period's readings in readings.csv"
            : "a baseline reaches back at most \(maxDays) days (from \(CalendarDay(number: first.number - maxDays)))"
        )
        continue
      }
      guard minute % meter.interval == 0 else {
        bad(
          .misaligned,
          "'\(ReadingsScanner.clip(stamp))' is not on the \(meter.interval)-minute grid of meter '\(id)'"
        )
        continue
      }
      let text = sheet.field(row, "kwh")
      var micro: Int64? = nil
      // Under 9 billion kWh a reading, so micro-kWh fit an Int64 with room to add.
      // Written as readings.csv writes kWh: digits and one decimal point, no sign, separator
      // or space (a decimal comma, 0,350, would otherwise read as 350).
      let plain =
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 46 }
        && text.utf8.filter { $0 == 46 }.count <= 1 && text.utf8.first != 46
        && text.utf8.last != 46
      if plain, let value = try? Exact(parsing: text), value.scale <= 6,
        value < Exact(9_000_000_000)
      {
        var s = value.significand
        for _ in value.scale..<6 { s *= 10 }
        micro = Int64(exactly: s)
      }
      guard let micro else {
        bad(
          .badValue,
          "'\(ReadingsScanner.clip(text))' is not a reading of meter '\(id)': kWh of 0 or more, at most 6 decimals",
          hint: "write 12.5")
        continue
      }
      let day = minute / 1440
      let slot = (minute % 1440) / meter.interval
      if let firstLine = lines[id]?[minute] {
        diagnostics.append(
          .error(
            .duplicateInterval,
            "meter '\(id)' is read twice at \(Timestamp.text(parkMinutes: minute))", at: at,
            notes: [.init(message: "first read here", range: sheet.at(firstLine))]))
        continue
      }
      lines[id, default: [:]][minute] = row.line
      let perDay = 1440 / meter.interval
      var d =
        out.days[id]?[day]
        ?? Day(
          micro: Array(repeating: 0, count: perDay), read: Array(repeating: false, count: perDay))
      d.micro[slot] = micro
      d.read[slot] = true
      out.days[id, default: [:]][day] = d
    }
    return out
  }
}
