/// The period's interval price series (`prices.csv`): for each input declared
/// `every N minutes` (a spot market's published prices, 96 a day), one price per interval of the
/// period, read by `spot(METERS, PRICES)`. One row a price: `input,timestamp,value[,note]`, the
/// timestamp the interval's start (or its end, where the import profile says `stamp = end`), the
/// value in the input's unit. Prices may be negative: spot markets clear below zero.
public struct IntervalPrices: Sendable {
  /// One input's prices, in its base unit (CNY/kWh) as integers over a common power of ten, so
  /// valuing a month's intervals is integer arithmetic.
  public struct Series: Sendable {
    /// Minutes each price holds for.
    public var interval: Int
    /// Price x 10^scale, one per interval from the start of the period.
    public var scaled: [Int64]
    public var scale: Int
    /// `prices.csv:LINE` of each interval's price, for the explanation of a month.
    public var rows: [Int32]

    /// The exact price of interval `i`.
    public func price(_ i: Int) -> Exact { Exact(unchecked: Int128(scaled[i]), scale: scale) }
  }

  public var series: [String: Series] = [:]
  /// The file read, for explanations; empty when none was.
  public var path = ""

  public static let fileName = "prices.csv"
  /// The most decimals a price may be written with, and the largest price a kWh (exclusive).
  static let maxDecimals = 12
  static let maxPrice = Exact(9000)
  static let columns = ["input", "timestamp", "value"]
  static let optionalColumns = ["note"]

  /// Reads and checks the prices of every interval input of `contract` for `period`: each
  /// interval once, on its grid, inside the period, every interval present. `zone` and
  /// `stampAtEnd` are the import profile's, as for the readings.
  static func read(
    _ sheet: CSVSheet, contract: Contract, period: Period, zone: Int?, stampAtEnd: Bool,
    diagnostics: inout [Diagnostic]
  ) -> IntervalPrices {
    let inputs = Dictionary(
      contract.inputs.compactMap { i in i.interval.map { _ in (i.id, i) } },
      uniquingKeysWith: { a, _ in a })
    let start = Timestamp.parkMinutes(month: period.firstMonth)
    let end = Timestamp.parkMinutes(month: period.lastMonth + 1)
    var values: [String: [Exact?]] = [:]
    var lines: [String: [Int32]] = [:]
    var refused: Set<String> = []
    var warned: Set<String> = []
    for row in sheet.rows {
      let at = sheet.at(row.line)
      let name = sheet.field(row, "input")
      func bad(_ id: DiagnosticID, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(id, message, at: at, hint: hint))
        refused.insert(name)
      }
      guard let input = inputs[name], let every = input.interval else {
        // One warning a name: a file of 8,832 prices of an unknown series is one mistake.
        if warned.insert(name).inserted {
          let plain = contract.inputs.contains { $0.id == name }
          diagnostics.append(
            .warning(
              .unusedFact,
              plain
                ? "'\(name)' is one value a period, not a price series: its rows here are not used"
                : "'\(name)' is not a price series of contract '\(contract.id)'; its rows are not used",
              at: at,
              hint: plain
                ? "give '\(name)' in facts.csv, or declare it 'input \(name) ... every 15 minutes'"
                : Spelling.nearest(name, in: inputs.keys.sorted()).map { "did you mean '\($0)'?" }
                  ?? "declare it with 'input \(name) \(contract.currency.code)/kWh every 15 minutes'"
            ))
        }
        continue
      }
      let stamp = sheet.field(row, "timestamp")
      let parsed = Array(stamp.utf8).withUnsafeBufferPointer {
        LocalTimestamp.parse($0, zone: zone)
      }
      let minute: Int
      switch parsed {
      case .success(let t):
        let endsDay = Array(stamp.utf8).withUnsafeBufferPointer { LocalTimestamp.endsDay($0) }
        if endsDay && !stampAtEnd {
          bad(
            .badTimestamp, "'\(stamp)' ends a day: a price's timestamp is its interval's start",
            hint: "write the next day's 00:00, or say 'stamp = end' in import.profile")
          continue
        }
        minute = stampAtEnd ? t - every : t
      case .failure(let e):
        switch e.problem {
        case .noOffset:
          bad(
            .noOffset, "timestamp '\(stamp)' of '\(name)' has no UTC offset",
            hint:
              "write 2026-07-01T00:00+08:00, or say the clock in import.profile: time-zone = +08:00"
          )
        case .malformed, .invalidDate, .notOnMinute:
          bad(
            .badTimestamp, "'\(stamp)' is not an interval's date and time (price of '\(name)')",
            hint: "write 2026-07-01T00:15+08:00 (the interval's start)")
        }
        continue
      }
      guard minute >= start, minute < end else {
        bad(
          .outsidePeriod,
          "the price of '\(name)' at \(Timestamp.text(parkMinutes: minute)) is outside \(period)",
          hint: "a bundle holds the prices of its own period only")
        continue
      }
      guard (minute - start) % every == 0 else {
        bad(
          .misaligned,
          "'\(stamp)' is not on the \(every)-minute grid of '\(name)'",
          hint: every == 60
            ? "an hourly price starts on the hour: 00:00, 01:00, ..."
            : "each price starts an interval: :00, :\(every < 10 ? "0" : "")\(every), ...")
        continue
      }
      let text = sheet.field(row, "value")
      let example = input.factor == .one ? "0.3521" : "352.1"
      guard let raw = Facts.number(text) else {
        if case .invalidNumber(let why)? = Facts.precisionProblem(text) {
          bad(.badValue, "'\(text)' cannot be held exactly: \(why) (price of '\(name)')")
        } else {
          bad(
            .badValue, "'\(text)' is not a number (price of '\(name)', in \(input.unitText))",
            hint: "write \(example)")
        }
        continue
      }
      // Bounds that keep every price an Int64 over one power of ten (so a month is valued in
      // integers): 12 decimals as written (15 once CNY/MWh is converted), under 9,000 a kWh.
      guard raw.scale <= maxDecimals else {
        bad(
          .badValue,
          "'\(text)' has more than \(maxDecimals) decimals (price of '\(name)', in \(input.unitText))",
          hint: "round it to \(maxDecimals) decimals: no market publishes finer prices")
        continue
      }
      guard let value = try? raw * input.factor, value < maxPrice, Exact(-9000) < value else {
        bad(
          .badValue,
          "'\(text)' \(input.unitText) is beyond ±\(maxPrice) \(contract.currency.code)/kWh (price of '\(name)')",
          hint: "check the value and the series' unit (\(input.unitText))")
        continue
      }
      let slot = (minute - start) / every
      if values[name] == nil {
        values[name] = Array(repeating: nil, count: (end - start) / every)
        lines[name] = Array(repeating: 0, count: (end - start) / every)
      }
      if values[name]![slot] != nil {
        diagnostics.append(
          .error(
            .duplicateInterval,
            "'\(name)' has two prices for the interval from \(Timestamp.text(parkMinutes: minute))",
            at: at,
            notes: [.init(message: "first given here", range: sheet.at(Int(lines[name]![slot])))]))
        refused.insert(name)
        continue
      }
      values[name]![slot] = value
      lines[name]![slot] = Int32(clamping: row.line)
    }
    var out = IntervalPrices()
    out.path = sheet.path
    for (name, input) in inputs.sorted(by: { $0.key < $1.key }) where !refused.contains(name) {
      let every = input.interval!
      guard let given = values[name] else {
        diagnostics.append(
          .error(
            .missingFact, "no prices of '\(name)' in \(fileName) for \(period)", at: sheet.at(1),
            hint: "one row an interval: \(name),\(Timestamp.text(parkMinutes: start)),0.3521"))
        continue
      }
      let absent = given.indices.filter { given[$0] == nil }
      if let first = absent.first {
        diagnostics.append(
          .error(
            .gap,
            "'\(name)' has no price for \(absent.count) of the \(given.count) intervals of \(period), the first from \(Timestamp.text(parkMinutes: start + first * every))",
            at: .whole(sheet.path),
            hint: "give every interval's price: a missing price is never guessed"))
        continue
      }
      let prices = given.map { $0! }
      let scale = prices.map(\.scale).max() ?? 0
      var scaled: [Int64] = []
      scaled.reserveCapacity(prices.count)
      for (i, p) in prices.enumerated() {
        let (wide, o) = p.significand.multipliedReportingOverflow(
          by: Int128(Exact.powersOfTen[scale - p.scale]))
        guard !o, let v = Int64(exactly: wide) else {
          diagnostics.append(
            .error(
              .badValue, "the price of '\(name)' \(p) is too large or too precise to hold",
              at: sheet.at(Int(lines[name]![i])),
              hint: "give prices with at most 12 decimals, under a million a kWh"))
          scaled = []
          break
        }
        scaled.append(v)
      }
      guard scaled.count == prices.count else { continue }
      out.series[name] = Series(
        interval: every, scaled: scaled, scale: scale, rows: lines[name]!)
    }
    return out
  }
}
