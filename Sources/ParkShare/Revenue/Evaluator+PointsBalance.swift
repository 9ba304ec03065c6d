extension Evaluator {
  /// Moves the balances of points that carry over into this period: lots as old as the scheme
  /// allows expire as the period opens (before anything can be redeemed in it), and each
  /// member's points of this period join its balance as a new lot. Redemption, a pool step,
  /// then takes from these balances (Allocator+Redeem).
  mutating func closePoints() throws(EvaluationFailure) {
    for scheme in contract.points {
      guard let carry = scheme.carry else { continue }
      let earned = try value(scheme.id)
      // One lookup of the scheme's balances, not one a member: a projection does this for
      // every member of every period of every run.
      let held = opening.points[scheme.id] ?? [:]
      var balances: [String: [PointsLot]] = [:]
      balances.reserveCapacity(held.count + earned.cells.count)
      for m in members(scheme.group) {
        var lots = held[m] ?? []
        if lots.contains(where: { carry.expired($0.period, at: period) }) {
          lots.removeAll { carry.expired($0.period, at: period) }
        }
        let points = earned.cells[Facet(member: m)] ?? .zero
        if points > .zero { lots.append(PointsLot(period: period, points: points.trimmed)) }
        if !lots.isEmpty { balances[m] = lots }
      }
      if balances.isEmpty {
        closing.points[scheme.id] = nil
      } else {
        closing.points[scheme.id] = balances
      }
    }
  }
}

extension Evaluator {
  /// `balance(POINTS)`: each member's lots that have not expired by this period's opening, and
  /// this period's points; what `closePoints` leaves for the pools to redeem from.
  mutating func balance(_ id: String) throws(EvaluationFailure) -> Quantity {
    guard let scheme = contract.points.first(where: { $0.id == id }), let carry = scheme.carry
    else { throw EvaluationFailure("'\(id)' are not points that carry over") }
    let earned = try value(id)
    let held = opening.points[id] ?? [:]
    let members = members(scheme.group)
    var cells: [Facet: Exact] = [:]
    cells.reserveCapacity(members.count)
    for m in members {
      let facet = Facet(member: m)
      var sum = earned.cells[facet] ?? .zero
      for lot in held[m] ?? [] where !carry.expired(lot.period, at: period) {
        sum = try arithmetic { () throws(ArithmeticError) in try sum + lot.points }
      }
      cells[facet] = sum
    }
    return Quantity(dims: .member, cells: cells)
  }
}
