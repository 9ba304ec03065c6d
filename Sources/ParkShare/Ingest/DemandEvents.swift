/// The period's demand-response events (`events.csv`: `event,day,from,to[,note]`, a window of
/// one day on the park clock) and the working-day calendar baselines are drawn from
/// (`calendar.csv`: `day,kind[,note]`, kind `workday` or `holiday`, overriding the default of
/// Monday to Friday: public holidays, and the weekend days worked in their place, 调休).
public struct DemandEvents: Sendable {
  public struct Event: Sendable {
    public var id: String
    public var day: CalendarDay
    /// Minutes after midnight: the window is [from, to), `to` at most 1,440 (24:00).
    public var from: Int
    public var to: Int
    /// `events.csv:LINE`
    public var row: String
  }

  /// In day and start order.
  public var events: [Event] = []
  /// Days the calendar declares: true a working day, false a holiday.
  public var overrides: [CalendarDay: Bool] = [:]
  /// Days of an earlier period's events (calendar kind `event`): never baseline days, like
  /// this period's event days, when a baseline reaches back into `lookback.csv`.
  public var earlierEvents: Set<CalendarDay> = []

  public static let eventsFile = "events.csv"
  public static let calendarFile = "calendar.csv"

  /// Whether `day` is a working day: as the calendar says, else Monday to Friday.
  public func isWorkday(_ day: CalendarDay) -> Bool {
    if let declared = overrides[day] { return declared }
    // 1970-01-01 (day 0) was a Thursday: ISO weekdays 6 and 7 are Saturday and Sunday.
    return (day.number + 3) % 7 + 1 <= 5
  }

  /// Reads and checks both files: every event inside `period`, a window of whole minutes from
  /// `from` to a later `to`, each id once; every calendar day once, of a known kind.
  static func read(
    events sheet: CSVSheet, calendar: CSVSheet?, period: Period, diagnostics: inout [Diagnostic]
  ) -> DemandEvents {
    var out = DemandEvents()
    var seen: [String: Int] = [:]
    let first = CalendarDay.first(of: period)
    let last = CalendarDay.last(of: period)
    for row in sheet.rows {
      let at = sheet.at(row.line)
      func bad(_ id: DiagnosticID, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(id, message, at: at, hint: hint))
      }
      let id = sheet.field(row, "event")
      guard !id.isEmpty else {
        bad(.emptyName, "an event without an id", hint: "name it: E1, 2026-07-15-peak")
        continue
      }
      if let earlier = seen[id] {
        diagnostics.append(
          .error(
            .duplicateFact, "event '\(id)' is given twice", at: at,
            notes: [.init(message: "first given here", range: sheet.at(earlier))]))
        continue
      }
      seen[id] = row.line
      let dayText = sheet.field(row, "day")
      guard let day = CalendarDay(dayText) else {
        bad(.badTimestamp, "'\(dayText)' is not a day (event '\(id)')", hint: "write 2026-07-15")
        continue
      }
      guard first <= day, day <= last else {
        bad(
          .outsidePeriod, "event '\(id)' on \(day) is outside \(period)",
          hint: "a bundle holds the events of its own period only")
        continue
      }
      guard let from = Self.clock(sheet.field(row, "from")),
        let to = Self.clock(sheet.field(row, "to")), from < to, to <= 1440
      else {
        bad(
          .badTime,
          "event '\(id)' runs from '\(sheet.field(row, "from"))' to '\(sheet.field(row, "to"))': not a window of the day",
          hint: "write from 14:00 to 16:00 (24:00 ends the day)")
        continue
      }
      out.events.append(
        Event(id: id, day: day, from: from, to: to, row: "\(sheet.path):\(row.line)"))
    }
    out.events.sort { ($0.day, $0.from, $0.id) < ($1.day, $1.from, $1.id) }
    // Two events of one day whose windows share an interval would pay its reduction twice.
    for (a, b) in zip(out.events, out.events.dropFirst()) where a.day == b.day && b.from < a.to {
      let line = Int(b.row.split(separator: ":").last ?? "") ?? 1
      let earlier = Int(a.row.split(separator: ":").last ?? "") ?? 1
      diagnostics.append(
        .error(
          .duplicateInterval,
          "events '\(a.id)' and '\(b.id)' overlap on \(b.day) (\(text(a.from))-\(text(a.to)) and \(text(b.from))-\(text(b.to))): the same reduction would be paid twice",
          at: sheet.at(line),
          hint: "one event a window: merge them, or make one end where the other starts",
          notes: [.init(message: "'\(a.id)' is here", range: sheet.at(earlier))]))
    }
    guard let calendar else { return out }
    var days: [CalendarDay: Int] = [:]
    for row in calendar.rows {
      let at = calendar.at(row.line)
      let text = calendar.field(row, "day")
      guard let day = CalendarDay(text) else {
        diagnostics.append(
          .error(.badTimestamp, "'\(text)' is not a day", at: at, hint: "write 2026-10-01"))
        continue
      }
      if let earlier = days[day] {
        diagnostics.append(
          .error(
            .duplicateFact, "\(day) is given twice in the calendar", at: at,
            notes: [.init(message: "first given here", range: calendar.at(earlier))]))
        continue
      }
      days[day] = row.line
      switch calendar.field(row, "kind") {
      case "workday": out.overrides[day] = true
      case "holiday": out.overrides[day] = false
      case "event":
        guard day < CalendarDay.first(of: period) else {
          diagnostics.append(
            .error(
              .badValue, "\(day) is in \(period): give its events in events.csv", at: at,
              hint:
                "kind 'event' marks an earlier period's event day, for baselines that reach back"))
          continue
        }
        out.earlierEvents.insert(day)
      case let kind:
        diagnostics.append(
          .error(
            .badValue, "'\(kind)' is not a kind of day", at: at,
            hint:
              "workday (a weekend day worked, 调休), holiday, or event (an earlier period's event day)"
          ))
      }
    }
    return out
  }

  /// Minutes after midnight as `14:00` (1,440 as `24:00`).
  public static func text(_ minutes: Int) -> String {
    let m = minutes % 60
    return "\(minutes / 60 < 10 ? "0" : "")\(minutes / 60):\(m < 10 ? "0" : "")\(m)"
  }

  /// `14:00` as minutes after midnight; `24:00` is 1,440.
  public static func clock(_ text: String) -> Int? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
      let h = Int(parts[0]), let m = Int(parts[1]), (0...59).contains(m),
      h < 24 || h == 24 && m == 0
    else { return nil }
    return h * 60 + m
  }
}
