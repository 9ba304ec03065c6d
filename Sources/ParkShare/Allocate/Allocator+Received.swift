extension Allocator {
  /// Adds this period's receipts to the running totals `received(P, POOL, WINDOW)` reads: the
  /// rounded lines paid to P (or to group P's members) from POOL (or from every pool).
  mutating func keepReceipts(_ pools: [PoolResult]) throws(EvaluationFailure) {
    for (key, use) in contract.receivedTotals.sorted(by: { $0.key < $1.key }) {
      let who = Set(contract.groups.first { $0.id == use.party }?.members ?? [use.party])
      var paid = Exact.zero
      for pool in pools where use.pool == nil || pool.pool == use.pool {
        for line in pool.lines {
          guard let party = line.recipient.party, who.contains(party) else { continue }
          paid = try exact { () throws(ArithmeticError) in try paid + line.amount }
        }
      }
      let carried = evaluator.opening.totals[key] ?? RunningTotal()
      state.totals[key] = try exact { () throws(ArithmeticError) in
        try carried.adding(paid, for: period, history: use.history)
      }
    }
  }
}
