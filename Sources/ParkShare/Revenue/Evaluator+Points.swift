extension Evaluator {
  /// Green points of each member of the scheme's group: the sum of its rules, at least 0 and at
  /// most the cap.
  mutating func points(_ p: PointsScheme) throws(EvaluationFailure) -> Quantity {
    let group = members(p.group)
    var earned = Dictionary(uniqueKeysWithValues: group.map { ($0, Exact.zero) })
    var parts = Dictionary(uniqueKeysWithValues: group.map { ($0, [String]()) })
    for (rule, written) in zip(p.rules, p.written) {
      switch rule {
      case .per(let pts, let per, let formula):
        let q = try totals(evaluate(formula))
        let rate = try arithmetic { () throws(ArithmeticError) in try pts / per }
        for m in group {
          let v = q.cells[Facet(member: q.dims.contains(.member) ? m : nil)] ?? .zero
          let add = try arithmetic { () throws(ArithmeticError) in try rate * v }
          earned[m] = try arithmetic { () throws(ArithmeticError) in try earned[m]! + add }
          if explaining { parts[m]!.append("\(add.grouped) (\(written))") }
        }
      case .bonus(let pts, let condition):
        let q = try totals(evaluate(condition))
        for m in group {
          let v = q.cells[Facet(member: q.dims.contains(.member) ? m : nil)] ?? .zero
          guard !v.isZero else { continue }
          earned[m] = try arithmetic { () throws(ArithmeticError) in try earned[m]! + pts }
          if explaining { parts[m]!.append("\(pts) (\(written))") }
        }
      }
    }
    var details: [Detail] = []
    var cells: [Facet: Exact] = [:]
    for m in group {
      var total = earned[m]!
      var note = ""
      if total.isNegative {
        total = .zero
        note = ", floored at 0"
      }
      if let cap = p.cap, cap < total {
        total = cap
        note = ", capped at \(cap)"
      }
      cells[Facet(member: m)] = total
      guard explaining else { continue }
      let sum = parts[m]!.isEmpty ? "0" : parts[m]!.joined(separator: " + ")
      details.append(
        Detail("\(p.id) \(m)", "\(sum) = \(total.grouped) points\(note)", source: p.clause.clause))
    }
    callDetails["points \(p.id)"] = details
    return Quantity(dims: .member, cells: cells)
  }
}
