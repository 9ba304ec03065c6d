extension Evaluator {
  /// Readings summed together for pricing (segments of the readings' sums), the tariff versions
  /// in force over them and the days each is in force, of `days`.
  struct PricedBlock {
    var segments: [Int]
    var shares: [(version: Int, days: Int)]
    var days: Int
  }

  /// How month `k` of the period is priced under a tariff's `versions`. When the readings were
  /// read for this period, each segment is a block: a version's first day cuts the readings
  /// (`Contract.cuts`), so one version prices each segment and every kWh is priced as metered.
  /// A projection replays readings read for another period: the month is one block, and a
  /// version that takes effect inside it prices its days' share of each interval's kWh
  /// (actual days, like the pool cuts of a projected period).
  func pricedBlocks(month k: Int, versions: [Tariff], sums: MeterSums) -> [PricedBlock] {
    let segments = sums.segments(ofMonth: k)
    if sums.period == period {
      let first = CalendarDay.first(of: period).number
      return segments.map { s, days in
        let range = (first + days.lowerBound)..<(first + days.upperBound)
        return PricedBlock(
          segments: [s], shares: Self.shares(versions, range), days: days.count)
      }
    }
    let month = months[k]
    let first = CalendarDay(year: month / 12, month: month % 12 + 1, day: 1).number
    let count = CalendarDay.daysIn(year: month / 12, month: month % 12 + 1)
    return [
      PricedBlock(
        segments: segments.map(\.segment), shares: Self.shares(versions, first..<first + count),
        days: count)
    ]
  }

  /// The versions in force during the days `range` (day numbers), with how many days each.
  static func shares(_ versions: [Tariff], _ range: Range<Int>) -> [(version: Int, days: Int)] {
    var out: [(version: Int, days: Int)] = []
    for v in versions.indices {
      let start = versions[v].from?.number ?? range.lowerBound
      let end = v + 1 < versions.count ? versions[v + 1].from!.number : range.upperBound
      let days = min(end, range.upperBound) - max(start, range.lowerBound)
      if days > 0 { out.append((v, days)) }
    }
    return out
  }

  /// The part of the period version `v` is in force in.
  func inForce(_ versions: [Tariff], _ v: Int) -> SubPeriod {
    let (first, last) = (CalendarDay.first(of: period), CalendarDay.last(of: period))
    let start = versions[v].from.map { max($0, first) } ?? first
    let end =
      v + 1 < versions.count
      ? min(CalendarDay(number: versions[v + 1].from!.number - 1), last) : last
    return SubPeriod(first: start, last: end, periodDays: last.number - first.number + 1)
  }
}
