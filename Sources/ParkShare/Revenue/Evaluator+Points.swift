extension Evaluator {
  /// Green points of each member of the scheme's group: the sum of its rules, at least 0 and at
  /// most the cap.
  mutating func points(_ p: PointsScheme) throws(EvaluationFailure) -> Quantity {
    // A member outside the deal for the whole period earns nothing in it.
    let absent = contract.absent(in: period)
    let group = absent.isEmpty ? members(p.group) : members(p.group).filter { !absent.contains($0) }
    var earned = Dictionary(uniqueKeysWithValues: group.map { ($0, Exact.zero) })
    var parts = Dictionary(uniqueKeysWithValues: group.map { ($0, [Detail.PointsTerm]()) })
    for (rule, written) in zip(p.rules, p.written) {
      switch rule {
      case .per(let pts, let per, let formula):
        let q = try totals(evaluate(formula))
        let rate = try arithmetic { () throws(ArithmeticError) in try pts / per }
        for m in group {
          let v = q.cells[Facet(member: q.dims.contains(.member) ? m : nil)] ?? .zero
          let add = try arithmetic { () throws(ArithmeticError) in try rate * v }
          earned[m] = try arithmetic { () throws(ArithmeticError) in try earned[m]! + add }
          parts[m]!.append(Detail.PointsTerm(points: add, rule: written, bonus: false))
        }
      case .bonus(let pts, let condition):
        let q = try totals(evaluate(condition))
        for m in group {
          let v = q.cells[Facet(member: q.dims.contains(.member) ? m : nil)] ?? .zero
          guard !v.isZero else { continue }
          earned[m] = try arithmetic { () throws(ArithmeticError) in try earned[m]! + pts }
          parts[m]!.append(Detail.PointsTerm(points: pts, rule: written, bonus: true))
        }
      }
    }
    var details: [Detail] = []
    var cells: [Facet: Exact] = [:]
    for m in group {
      var total = earned[m]!
      var limit: Detail.PointsLimit? = nil
      if total.isNegative {
        total = .zero
        limit = .flooredAtZero
      }
      if let cap = p.cap, cap < total {
        total = cap
        limit = .capped(cap)
      }
      cells[Facet(member: m)] = total
      details.append(
        .points(
          scheme: p.id, member: m, terms: parts[m]!, total: total, limit: limit, clause: p.clause))
    }
    callDetails["points \(p.id)"] = details
    return Quantity(dims: .member, cells: cells)
  }
}
