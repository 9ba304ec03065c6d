/// What a period's readings add up to: for each registered meter, micro-kWh per segment of the
/// period (a month, or the part of one between effective dates that cut it) and per interval of
/// the day. Any tariff's band sums and every monthly total are exact sums of these.
public struct MeterSums: Sendable {
  public let meters: [RegisteredMeter]
  public let months: Int
  /// Readings accepted per meter, and intervals with no reading (counted as 0 kWh only under
  /// `gaps zero`).
  public let rows: [Int]
  public let missing: [Int]
  /// Intervals filled by the contract's `estimate` rule, per meter: in the sums (not in
  /// `rows`, which counts readings), and named on every output.
  public let estimated: [Int]
  /// Readings the meter system flagged estimated or substituted (an import profile's `quality`).
  public let flagged: [Int]
  /// The period the readings were read for: only its own days can be told apart.
  public let period: Period
  let offsets: [Int]
  let sums: [Int64]
  /// The segments (see `ReadingsLayout`): the day each starts on, 0-based in the period.
  let segmentStart: [Int]
  /// The segments of each month of the period that are counted: all of them, unless the sums
  /// are `through` a day.
  private(set) var segmentsOfMonth: [[Int]]
  /// For `peak(...)`: a kind's meters' micro-kWh interval by interval over the period (each
  /// member's, for a kind a peak reads per member), and the interval in minutes.
  public let series: [SeriesKey: (interval: Int, micro: [Int64])]
  /// The intervals with no reading (counted 0 under `gaps zero`) of each meter kept interval by
  /// interval, by meter index: the period's interval numbers, in order. A demand-response
  /// window must not read one as a load of 0 (the whole baseline would be paid as reduction).
  public let gaps: [Int: [Int]]

  /// A kind's series, or one member's of it.
  public struct SeriesKey: Hashable, Sendable {
    public var kind: MeterKind
    public var party: String?
  }
  /// With `through`: the minutes of the period counted (the series' intervals after them are
  /// not); nil counts the whole period.
  public private(set) var seriesMinutes: Int? = nil

  init(
    meters: [RegisteredMeter], layout: ReadingsLayout, tally: ReadingsTally, missing: [Int],
    estimated: [Int] = []
  ) {
    self.meters = meters
    self.estimated = estimated.isEmpty ? Array(repeating: 0, count: meters.count) : estimated
    self.flagged = tally.flagged
    self.months = layout.months
    self.rows = tally.rows
    self.missing = missing
    self.offsets = layout.sumOffset
    self.sums = tally.sums
    self.period = layout.period
    self.segmentStart = layout.segmentStart
    var byMonth = Array(repeating: [Int](), count: layout.months)
    for (s, m) in layout.segmentMonth.enumerated() { byMonth[m].append(s) }
    self.segmentsOfMonth = byMonth
    var series: [SeriesKey: (interval: Int, micro: [Int64])] = [:]
    for (k, kind) in layout.seriesKinds.enumerated() {
      let from = layout.seriesOffset[k]
      let count = layout.minutes / layout.seriesInterval[k]
      series[SeriesKey(kind: kind, party: layout.seriesParty[k])] = (
        layout.seriesInterval[k], Array(tally.series[from..<from + count])
      )
    }
    self.series = series
    var gaps: [Int: [Int]] = [:]
    for m in meters.indices where layout.seriesOf[m] >= 0 && missing[m] > 0 {
      let offset = layout.markOffset[m]
      var out: [Int] = []
      out.reserveCapacity(missing[m])
      for slot in 0..<layout.markCount[m]
      where tally.marks[offset + slot >> 6] & (1 << UInt64(slot & 63)) == 0 {
        out.append(slot)
      }
      gaps[m] = out
    }
    self.gaps = gaps
  }

  /// Intervals of the day of meter `m` (96 for 15 minutes).
  public func slotsPerDay(_ m: Int) -> Int { 1440 / meters[m].interval }

  /// Micro-kWh of meter `m` in month `month` (0-based in the period), in the interval of the day
  /// that starts `slot` x interval minutes after midnight.
  public func micro(_ m: Int, month: Int, slot: Int) -> Int64 {
    let n = slotsPerDay(m)
    var sum: Int64 = 0
    for s in segmentsOfMonth[month] { sum += sums[offsets[m] + s * n + slot] }
    return sum
  }

  /// The counted segments of month `month`, each with its days: `[first, end)`, 0-based in the
  /// period the readings were read for.
  public func segments(ofMonth month: Int) -> [(segment: Int, days: Range<Int>)] {
    let periodDays = CalendarDay.last(of: period).number - CalendarDay.first(of: period).number + 1
    return segmentsOfMonth[month].map { s in
      (s, segmentStart[s]..<(s + 1 < segmentStart.count ? segmentStart[s + 1] : periodDays))
    }
  }

  /// Micro-kWh of meter `m` in segment `segment`, in the interval of the day `slot`.
  public func micro(_ m: Int, segment: Int, slot: Int) -> Int64 {
    sums[offsets[m] + segment * slotsPerDay(m) + slot]
  }

  /// Micro-kWh of meter `m` in month `month`.
  public func micro(_ m: Int, month: Int) -> Int64 {
    let n = slotsPerDay(m)
    var sum: Int64 = 0
    for s in segmentsOfMonth[month] {
      let start = offsets[m] + s * n
      sum += sums[start..<start + n].reduce(0, +)
    }
    return sum
  }

  /// These sums counting only the readings of the period's days up to and including `last`, or
  /// nil when a segment runs across the day after it (the readings were not kept apart there:
  /// no effective date cuts the period at that day).
  public func through(_ last: CalendarDay) -> MeterSums? {
    let first = CalendarDay.first(of: period).number
    let end = last.number + 1 - first
    let days = CalendarDay.last(of: period).number + 1 - first
    guard end < days else { return self }
    guard end >= 0, segmentStart.contains(end) else { return nil }
    var copy = self
    copy.segmentsOfMonth = segmentsOfMonth.map { $0.filter { segmentStart[$0] < end } }
    copy.seriesMinutes = end * 1440
    return copy
  }

  /// Micro-kWh as exact kWh (an Int64 always fits the 128-bit significand).
  public static func kWh(_ micro: Int64) -> Exact {
    Exact(unchecked: Int128(micro), scale: ReadingsScanner.maxDecimals).trimmed
  }
}
