/// What a period's readings add up to: for each registered meter, micro-kWh per month of the
/// period and per interval of the day. Any tariff's band sums and every monthly total are exact
/// sums of these.
public struct MeterSums: Sendable {
  public let meters: [RegisteredMeter]
  public let months: Int
  /// Readings accepted per meter, and intervals with no reading (counted as 0 kWh only under
  /// `gaps zero`).
  public let rows: [Int]
  public let missing: [Int]
  let offsets: [Int]
  let sums: [Int64]

  init(meters: [RegisteredMeter], layout: ReadingsLayout, tally: ReadingsTally, missing: [Int]) {
    self.meters = meters
    self.months = layout.months
    self.rows = tally.rows
    self.missing = missing
    self.offsets = layout.sumOffset
    self.sums = tally.sums
  }

  /// Intervals of the day of meter `m` (96 for 15 minutes).
  public func slotsPerDay(_ m: Int) -> Int { 1440 / meters[m].interval }

  /// Micro-kWh of meter `m` in month `month` (0-based in the period), in the interval of the day
  /// that starts `slot` x interval minutes after midnight.
  public func micro(_ m: Int, month: Int, slot: Int) -> Int64 {
    sums[offsets[m] + month * slotsPerDay(m) + slot]
  }

  /// Micro-kWh of meter `m` in month `month`.
  public func micro(_ m: Int, month: Int) -> Int64 {
    let n = slotsPerDay(m)
    let start = offsets[m] + month * n
    return sums[start..<start + n].reduce(0, +)
  }

  /// Micro-kWh as exact kWh (an Int64 always fits the 128-bit significand).
  public static func kWh(_ micro: Int64) -> Exact {
    Exact(unchecked: Int128(micro), scale: ReadingsScanner.maxDecimals).trimmed
  }
}
