/// What `data check` finds in one meter's readings of a period, beyond the row problems the
/// reader reports: how many intervals it read and missed (and where the gaps are), readings far
/// above its median (spikes) and runs of one non-zero value (flat lines).
public struct MeterFindings: Sendable, Equatable {
  public var meter: RegisteredMeter
  public var intervals: Int
  public var read: Int
  /// Runs of missing intervals: park minute of the first, and how many.
  public var gaps: [(start: Int, count: Int)]
  /// Twice the median of the meter's non-zero readings, in micro-kWh (0 when it read nothing):
  /// of an even count the median is the mean of the middle two, kept exact this way.
  public var twiceMedian: Int64

  /// The median in kWh, exactly.
  public var median: Exact {
    (try? Exact(significand: Int128(twiceMedian) * 5, scale: ReadingsScanner.maxDecimals + 1))?
      .trimmed ?? .zero
  }
  public var spikes: [(start: Int, micro: Int64)]
  public var flats: [(start: Int, count: Int, micro: Int64)]

  public var missing: Int { intervals - read }

  public static func == (a: MeterFindings, b: MeterFindings) -> Bool {
    a.meter == b.meter && a.read == b.read && a.intervals == b.intervals
      && a.gaps.elementsEqual(b.gaps) { $0 == $1 } && a.twiceMedian == b.twiceMedian
      && a.spikes.elementsEqual(b.spikes) { $0 == $1 }
      && a.flats.elementsEqual(b.flats) { $0 == $1 }
  }

  /// The thresholds: a spike is a reading above `spikeFactor` x the meter's median of non-zero
  /// readings; a flat line is `flatRun` or more consecutive intervals of one non-zero value.
  public struct Limits: Sendable {
    public var spikeFactor: Int
    public var flatRun: Int

    public init(spikeFactor: Int = 10, flatRun: Int = 12) {
      self.spikeFactor = spikeFactor
      self.flatRun = flatRun
    }
  }

  /// The findings of meter `m` from a tally that kept every interval's value.
  static func of(
    _ m: Int, meter: RegisteredMeter, tally: ReadingsTally, layout: ReadingsLayout, limits: Limits
  )
    -> MeterFindings
  {
    let count = layout.markCount[m]
    let step = layout.interval[m]
    let marks = layout.markOffset[m]
    let values = layout.valueOffset[m]
    func isRead(_ i: Int) -> Bool { tally.marks[marks + i >> 6] & (1 << UInt64(i & 63)) != 0 }
    var f = MeterFindings(
      meter: meter, intervals: count, read: 0, gaps: [], twiceMedian: 0, spikes: [], flats: [])
    var nonZero: [Int64] = []
    for i in 0..<count {
      guard isRead(i) else {
        if let last = f.gaps.last, last.start + last.count * step == layout.start + i * step {
          f.gaps[f.gaps.count - 1].count += 1
        } else {
          f.gaps.append((layout.start + i * step, 1))
        }
        continue
      }
      f.read += 1
      let v = tally.values[values + i]
      if v > 0 { nonZero.append(v) }
    }
    nonZero.sort()
    let n = nonZero.count
    f.twiceMedian = n == 0 ? 0 : nonZero[(n - 1) / 2] + nonZero[n / 2]
    var run: (start: Int, count: Int, micro: Int64)? = nil
    func endRun() {
      if let r = run, r.count >= limits.flatRun { f.flats.append(r) }
      run = nil
    }
    for i in 0..<count {
      guard isRead(i) else {
        endRun()
        continue
      }
      let v = tally.values[values + i]
      // v > factor x median, as 2v > factor x twice the median.
      let (limit, overflow) = f.twiceMedian.multipliedReportingOverflow(
        by: Int64(limits.spikeFactor))
      if f.twiceMedian > 0, !overflow, 2 * v > limit {
        f.spikes.append((layout.start + i * step, v))
      }
      if v > 0, let r = run, r.micro == v {
        run!.count += 1
        _ = r
      } else {
        endRun()
        if v > 0 { run = (layout.start + i * step, 1, v) }
      }
    }
    endRun()
    return f
  }
}
