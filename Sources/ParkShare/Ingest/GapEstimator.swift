/// Fills short gaps in a period's readings as the contract's `estimate` rule says (VEE), before
/// the gap rule applies to what is left. `linear`: a run of at most `maxRun` missing intervals
/// with a reading on each side, inside the period, is filled on the straight line between the
/// two readings: the `i`-th of `n` missing intervals between `a` and `b` is
/// (a x (n + 1 - i) + b x i) / (n + 1). `sameWeekday`: each missing interval of a run of at
/// most `maxRun` takes the mean of the readings at its time of day on its weekday in the
/// period's other weeks. Values are rounded to the nearest micro-kWh (a half up). Estimated
/// intervals are counted per meter, never silent.
enum GapEstimator {
  struct Run: Hashable {
    var meter: Int
    var first: Int
    var count: Int
  }

  /// The runs of missing intervals that can be filled: bounded by readings, at most `maxRun`.
  static func runs(_ layout: ReadingsLayout, _ tally: ReadingsTally, _ rule: Estimation) -> [Run] {
    let maxRun = rule.maxRun
    var edges = false
    if case .sameWeekday = rule { edges = true }
    var out: [Run] = []
    for m in 0..<layout.meterCount {
      let offset = layout.markOffset[m]
      func isRead(_ i: Int) -> Bool {
        tally.marks[offset + i >> 6] & (1 << UInt64(i & 63)) != 0
      }
      var i = 0
      let count = layout.markCount[m]
      while i < count {
        guard !isRead(i) else {
          i += 1
          continue
        }
        var j = i
        while j < count, !isRead(j) { j += 1 }
        // [i, j) missing: filled only between two readings of the period.
        if edges || (i > 0 && j < count), j - i <= maxRun {
          out.append(Run(meter: m, first: i, count: j - i))
        }
        i = j
      }
    }
    return out
  }

  /// The intervals whose readings the runs need (`meter << 32 | slot`): the neighbours of each
  /// run, or the same slot a whole number of weeks away that were read.
  static func sources(
    _ runs: [Run], _ rule: Estimation, layout: ReadingsLayout, _ tally: ReadingsTally
  ) -> Set<Int> {
    guard case .sameWeekday = rule else {
      return Set(
        runs.flatMap { [$0.meter << 32 | ($0.first - 1), $0.meter << 32 | ($0.first + $0.count)] })
    }
    var out = Set<Int>()
    for r in runs {
      for slot in r.first..<r.first + r.count {
        for s in weekSlots(slot, meter: r.meter, layout: layout, tally) {
          out.insert(r.meter << 32 | s)
        }
      }
    }
    return out
  }

  /// The read intervals a whole number of weeks from `slot`, in the period.
  static func weekSlots(_ slot: Int, meter m: Int, layout: ReadingsLayout, _ tally: ReadingsTally)
    -> [Int]
  {
    let week = 7 * 1440 / layout.interval[m]
    let count = layout.markCount[m]
    let offset = layout.markOffset[m]
    var out: [Int] = []
    var s = slot % week
    while s < count {
      if s != slot, tally.marks[offset + s >> 6] & (1 << UInt64(s & 63)) != 0 { out.append(s) }
      s += week
    }
    return out
  }

  /// Adds the estimates of `runs` to `tally` (sums and marks) from the neighbours' `values`;
  /// returns the intervals estimated per meter.
  static func fill(
    _ runs: [Run], _ rule: Estimation, values: [Int: Int64], layout: ReadingsLayout,
    _ tally: inout ReadingsTally
  ) -> [Int] {
    var estimated = Array(repeating: 0, count: layout.meterCount)
    // `num / den` to the nearest integer, a half up (both non-negative).
    func nearest(_ num: Int128, _ den: Int128) -> Int64 {
      Int64(num / den + (2 * (num % den) >= den ? 1 : 0))
    }
    // The marks are read for the weeks' sources before any estimate is added.
    let read = tally
    for r in runs {
      var filled: [(slot: Int, micro: Int64)] = []
      switch rule {
      case .linear:
        guard let a = values[r.meter << 32 | (r.first - 1)],
          let b = values[r.meter << 32 | (r.first + r.count)]
        else { continue }
        let n = Int128(r.count + 1)
        for k in 1...r.count {
          // Readings are below 10^20 micro-kWh and n <= 97: no overflow in 128 bits.
          let i = Int128(k)
          filled.append((r.first + k - 1, nearest(Int128(a) * (n - i) + Int128(b) * i, n)))
        }
      case .sameWeekday:
        for slot in r.first..<r.first + r.count {
          let same = weekSlots(slot, meter: r.meter, layout: layout, read).compactMap {
            values[r.meter << 32 | $0]
          }
          guard !same.isEmpty else { continue }
          filled.append(
            (slot, nearest(same.reduce(Int128(0)) { $0 + Int128($1) }, Int128(same.count))))
        }
      }
      let step = layout.interval[r.meter]
      let perDay = 1440 / step
      for (slot, v) in filled {
        let rel = slot * step
        let index =
          layout.sumOffset[r.meter] + Int(layout.segmentOfDay[rel / 1440]) * perDay
          + (rel % 1440) / step
        tally.sums[index] &+= v
        if layout.seriesOf[r.meter] >= 0 {
          tally.series[layout.seriesOffset[layout.seriesOf[r.meter]] + slot] &+= v
        }
        tally.marks[layout.markOffset[r.meter] + slot >> 6] |= 1 << UInt64(slot & 63)
        estimated[r.meter] += 1
      }
    }
    return estimated
  }
}
