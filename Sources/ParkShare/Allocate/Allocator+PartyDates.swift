extension Allocator {
  /// The parties with dates (`party ... from 2029-02-01`, a registry's `from` / `until`), by id;
  /// empty for most contracts, so the check below costs nothing there.
  static func datedParties(_ contract: Contract) -> [String: (
    from: CalendarDay?, until: CalendarDay?
  )] {
    var out: [String: (from: CalendarDay?, until: CalendarDay?)] = [:]
    for p in contract.parties where p.from != nil || p.until != nil {
      out[p.id] = (p.from, p.until)
    }
    return out
  }

  /// Whether `party` takes part in all of what is being run: the period, or the sub-period of
  /// it. Its dates cut the pools that may pay it (`Contract.partyCuts`), so it takes part in a
  /// sub-period wholly or not at all; where it does not, pro-rata splits weigh it 0 and a
  /// redemption leaves its points in the balance.
  func takesPart(_ party: String) -> Bool {
    guard let dates = datedParties[party] else { return true }
    let first = subPeriod?.first ?? CalendarDay.first(of: period)
    let last = subPeriod?.last ?? CalendarDay.last(of: period)
    return (dates.from.map { $0 <= first } ?? true) && (dates.until.map { $0 >= last } ?? true)
  }

  /// `pool`'s sub-periods in this period: cut where its steps start or stop, and where a party
  /// it may pay joins or leaves.
  func subPeriods(of pool: Pool) -> [SubPeriod]? {
    pool.subPeriods(
      of: period, also: datedParties.isEmpty ? [] : contract.partyCuts(pool, in: period))
  }
}
