/// Where each meter's sums and interval marks live, for one period: computed once from the
/// meter registry, then shared read-only by every reader thread.
///
/// Sums are kept per meter, per segment of the period and per interval of the day (96 for a
/// 15-minute meter), in micro-kWh: any tariff's bands can be summed from them exactly, and the
/// memory they take does not depend on the number of rows. A segment is a month, or the part of
/// a month between the days an effective date cuts it (`from 2029-02-15`): what was metered on
/// either side of the cut is then known exactly.
struct ReadingsLayout: Sendable {
  let index: MeterIndex
  let interval: [Int]
  let stampAtEnd: [Bool]
  let period: Period
  /// The period on the park clock: `[start, start + minutes)`.
  let start: Int
  let minutes: Int
  let months: Int
  /// The segment of each day of the period, the month (0-based within the period) of each
  /// segment, and the day (0-based within the period) each segment starts on.
  let segmentOfDay: [UInt16]
  let segmentMonth: [Int]
  let segmentStart: [Int]
  let sumOffset: [Int]
  let sumCount: Int
  /// One bit per interval of the period, per meter: set when a reading was seen.
  let markOffset: [Int]
  let markCount: [Int]
  let wordCount: Int
  /// Where each meter's intervals start in a tally's `values`, when the values are kept.
  let valueOffset: [Int]
  /// Each meter's intervals a day (1,440 / its interval).
  let perDay: [Int]
  /// Each meter's multiplier for dividing a minute of the period by its interval without a
  /// division (issue 20: the runtime divisions were a tenth of the per-row path):
  /// `rel / interval == (rel x magic) >> 32` with `magic = ceil(2^32 / interval)`, exact while
  /// `rel x interval < 2^32` (the error term is below rel / 2^32, under 1 / interval). Held for
  /// every minute of the period when `fastDivision`; otherwise the divisions are made.
  let magic: [UInt64]
  let fastDivision: Bool
  /// For `peak(...)`: the meter kinds whose readings are also kept interval by interval over
  /// the whole period, each kind's meters summed into one series (memory: kinds x intervals of
  /// the period, never rows). Each meter's series (-1: none), each series' first slot in a
  /// tally's `series`, its interval and its kind.
  let seriesOf: [Int]
  let seriesOffset: [Int]
  let seriesInterval: [Int]
  let seriesKinds: [MeterKind]
  /// The member (party) of each series, for a kind some `peak(...)` reads per member; nil for a
  /// series of the whole kind.
  let seriesParty: [String?]
  let seriesCount: Int

  /// `cuts` are the days effective dates cut the period at (a segment starts on each); days
  /// outside the period, or on the first of a month, add no segment.
  init(
    meters: [RegisteredMeter], period: Period, cuts: [CalendarDay] = [],
    peaks: Set<MeterKind> = [], peaksByMember: Set<MeterKind> = []
  ) {
    self.period = period
    index = MeterIndex(meters.map(\.id))
    interval = meters.map(\.interval)
    stampAtEnd = meters.map(\.stampAtEnd)
    start = Timestamp.parkMinutes(month: period.firstMonth)
    minutes = Timestamp.parkMinutes(month: period.lastMonth + 1) - start
    months = period.length.months
    let firstDay = CalendarDay.first(of: period).number
    let cutDays = Set(cuts.map { $0.number - firstDay })
    var segmentOfDay: [UInt16] = []
    var segmentMonth: [Int] = []
    var segmentStart: [Int] = []
    for m in 0..<months {
      let days =
        (Timestamp.parkMinutes(month: period.firstMonth + m + 1)
          - Timestamp.parkMinutes(month: period.firstMonth + m)) / 1440
      for _ in 0..<days {
        let d = segmentOfDay.count
        if segmentMonth.last != m || cutDays.contains(d) {
          segmentMonth.append(m)
          segmentStart.append(d)
        }
        segmentOfDay.append(UInt16(segmentStart.count - 1))
      }
    }
    self.segmentOfDay = segmentOfDay
    self.segmentMonth = segmentMonth
    self.segmentStart = segmentStart
    var sumOffset: [Int] = []
    var markOffset: [Int] = []
    var markCount: [Int] = []
    var sums = 0
    var words = 0
    for meter in meters {
      sumOffset.append(sums)
      sums += segmentMonth.count * (1440 / meter.interval)
      markOffset.append(words)
      let count = minutes / meter.interval
      markCount.append(count)
      words += (count + 63) / 64
    }
    self.sumOffset = sumOffset
    self.sumCount = sums
    self.markOffset = markOffset
    self.markCount = markCount
    self.wordCount = words
    var valueOffset: [Int] = []
    var values = 0
    for count in markCount {
      valueOffset.append(values)
      values += count
    }
    self.valueOffset = valueOffset
    perDay = interval.map { 1440 / $0 }
    magic = interval.map { ((UInt64(1) << 32) + UInt64($0) - 1) / UInt64($0) }
    fastDivision = minutes * (interval.max() ?? 1) < 1 << 32
    // A kind's series is on the interval of its first meter; a meter of the kind on another
    // interval is refused before reading (`peakProblems`).
    let kinds = peaks.sorted { $0.rawValue < $1.rawValue }.filter { k in
      meters.contains { $0.kind == k }
    }
    // A kind read per member keeps a series for each member (members x intervals in memory);
    // the whole kind's demand is then their sum, interval by interval.
    var seriesKinds: [MeterKind] = []
    var seriesParty: [String?] = []
    var seriesOffset: [Int] = []
    var seriesInterval: [Int] = []
    var total = 0
    for k in kinds {
      let step = meters.first { $0.kind == k }!.interval
      let parties: [String?] =
        peaksByMember.contains(k)
        ? Set(meters.filter { $0.kind == k }.map(\.party)).sorted { ($0 ?? "") < ($1 ?? "") }
        : [nil]
      for p in parties {
        seriesKinds.append(k)
        seriesParty.append(p)
        seriesOffset.append(total)
        seriesInterval.append(step)
        total += minutes / step
      }
    }
    self.seriesKinds = seriesKinds
    self.seriesParty = seriesParty
    self.seriesOffset = seriesOffset
    self.seriesInterval = seriesInterval
    self.seriesCount = total
    seriesOf = meters.map { m in
      guard
        let k = seriesKinds.indices.first(where: {
          seriesKinds[$0] == m.kind && (seriesParty[$0] == nil || seriesParty[$0] == m.party)
            && (!peaksByMember.contains(m.kind) || seriesParty[$0] == m.party)
        }), seriesInterval[k] == m.interval
      else { return -1 }
      return k
    }
  }

  /// Meters whose demand `peak(...)` needs interval by interval but which are read on another
  /// interval than the first meter of their kind: each with that meter (their series could not
  /// be added slot by slot).
  static func peakProblems(_ meters: [RegisteredMeter], peaks: Set<MeterKind>) -> [(
    meter: Int, first: Int
  )] {
    var out: [(Int, Int)] = []
    for k in peaks {
      guard let first = meters.firstIndex(where: { $0.kind == k }) else { continue }
      for (i, m) in meters.enumerated() where m.kind == k && m.interval != meters[first].interval {
        out.append((i, first))
      }
    }
    return out.sorted { $0.0 < $1.0 }
  }

  /// The interval of meter `m` that minute `rel` of the period falls in, and whether `rel`
  /// starts it (is on the meter's grid).
  @inline(__always)
  func slot(_ m: Int, _ rel: Int) -> (slot: Int, onGrid: Bool) {
    let step = interval[m]
    guard fastDivision else { return (rel / step, rel % step == 0) }
    let q = Int((UInt64(rel) &* magic[m]) >> 32)
    return (q, rel &- q &* step == 0)
  }

  /// Intervals of all meters in the period: the size of a tally's `values`.
  var valueCount: Int { (valueOffset.last ?? 0) + (markCount.last ?? 0) }

  var meterCount: Int { interval.count }
}

/// One reader thread's running sums; merged when every chunk is read.
struct ReadingsTally: Sendable {
  var sums: [Int64]
  var marks: [UInt64]
  var rows: [Int]
  var totalRows = 0
  var bytes = 0
  /// Rows refused (any reason) and intervals seen twice: either means a slow second pass to
  /// name every problem row.
  var problems = 0
  var duplicates = 0
  /// Meters whose sum for some interval of the day went past Int64 micro-kWh (9.2 trillion
  /// kWh): only readings in the wrong unit get there.
  var overflowMeters: Set<Int> = []

  /// Each interval's reading, in micro-kWh, for `data check` (spikes, flat lines); empty unless
  /// asked for: it takes memory in proportion to meters x intervals.
  var values: [Int64] = []
  /// Readings the meter system flagged estimated or substituted (import profile `quality`).
  var flagged: [Int]
  /// The `peak(...)` kinds' readings interval by interval (`ReadingsLayout.seriesOffset`).
  var series: [Int64]
  /// Series (by index) whose meters' readings of one interval add up past Int64 micro-kWh.
  var seriesOverflow: Set<Int> = []

  init(_ layout: ReadingsLayout, keepValues: Bool = false) {
    if keepValues { values = Array(repeating: 0, count: layout.valueCount) }
    sums = Array(repeating: 0, count: layout.sumCount)
    marks = Array(repeating: 0, count: layout.wordCount)
    rows = Array(repeating: 0, count: layout.meterCount)
    flagged = rows
    series = Array(repeating: 0, count: layout.seriesCount)
  }

  /// Adds another thread's tally; an interval marked by both is a duplicate.
  mutating func merge(_ other: ReadingsTally, layout: ReadingsLayout) {
    for i in sums.indices {
      let (s, o) = sums[i].addingReportingOverflow(other.sums[i])
      sums[i] = s
      if o, let m = layout.sumOffset.lastIndex(where: { $0 <= i }) { overflowMeters.insert(m) }
    }
    for i in marks.indices {
      duplicates += (marks[i] & other.marks[i]).nonzeroBitCount
      marks[i] |= other.marks[i]
    }
    for i in rows.indices {
      rows[i] += other.rows[i]
      flagged[i] += other.flagged[i]
    }
    for i in values.indices where i < other.values.count { values[i] += other.values[i] }
    for i in series.indices {
      let (s, o) = series[i].addingReportingOverflow(other.series[i])
      series[i] = s
      if o, let k = layout.seriesOffset.lastIndex(where: { $0 <= i }) { seriesOverflow.insert(k) }
    }
    seriesOverflow.formUnion(other.seriesOverflow)
    totalRows += other.totalRows
    bytes += other.bytes
    problems += other.problems
    duplicates += other.duplicates
    overflowMeters.formUnion(other.overflowMeters)
  }
}
