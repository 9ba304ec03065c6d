/// Fills short gaps in a period's readings as the contract's `estimate` rule says (VEE), before
/// the gap rule applies to what is left: a run of at most `maxRun` missing intervals with a
/// reading on each side, inside the period, is filled on the straight line between the two
/// readings. Each value is exact to the micro-kWh: the `i`-th of `n` missing intervals between
/// `a` and `b` is (a x (n + 1 - i) + b x i) / (n + 1), rounded to the nearest micro-kWh (a half
/// up). Estimated intervals are counted per meter, never silent.
enum GapEstimator {
  struct Run: Hashable {
    var meter: Int
    var first: Int
    var count: Int
  }

  /// The runs of missing intervals that can be filled: bounded by readings, at most `maxRun`.
  static func runs(_ layout: ReadingsLayout, _ tally: ReadingsTally, maxRun: Int) -> [Run] {
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
        if i > 0, j < count, j - i <= maxRun { out.append(Run(meter: m, first: i, count: j - i)) }
        i = j
      }
    }
    return out
  }

  /// The intervals whose readings the runs need (`meter << 32 | slot`).
  static func neighbours(_ runs: [Run]) -> Set<Int> {
    Set(runs.flatMap { [$0.meter << 32 | ($0.first - 1), $0.meter << 32 | ($0.first + $0.count)] })
  }

  /// Adds the estimates of `runs` to `tally` (sums and marks) from the neighbours' `values`;
  /// returns the intervals estimated per meter.
  static func fill(
    _ runs: [Run], values: [Int: Int64], layout: ReadingsLayout, _ tally: inout ReadingsTally
  ) -> [Int] {
    var estimated = Array(repeating: 0, count: layout.meterCount)
    for r in runs {
      guard let a = values[r.meter << 32 | (r.first - 1)],
        let b = values[r.meter << 32 | (r.first + r.count)]
      else { continue }
      let step = layout.interval[r.meter]
      let perDay = 1440 / step
      let n = Int64(r.count + 1)
      for k in 1...r.count {
        let i = Int64(k)
        // Readings are below 10^20 micro-kWh a value and n <= 97: no overflow in 128 bits.
        let num = Int128(a) * Int128(n - i) + Int128(b) * Int128(i)
        var v = num / Int128(n)
        if 2 * (num % Int128(n)) >= Int128(n) { v += 1 }
        let slot = r.first + k - 1
        let rel = slot * step
        let index =
          layout.sumOffset[r.meter] + Int(layout.segmentOfDay[rel / 1440]) * perDay
          + (rel % 1440) / step
        tally.sums[index] &+= Int64(v)
        tally.marks[layout.markOffset[r.meter] + slot >> 6] |= 1 << UInt64(slot & 63)
        estimated[r.meter] += 1
      }
    }
    return estimated
  }
}
