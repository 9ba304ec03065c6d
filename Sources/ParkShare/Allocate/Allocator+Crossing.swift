extension Allocator {
  /// What a step table's KPI runs on when it is a running total: `to-date(X)` (X moves by its
  /// own value this period) or `received(P, ...)` (P's receipts move with what this split gives
  /// P). Nil for any other KPI: its value picks one row for the whole remainder.
  enum RunningBase {
    case toDate(before: Fraction, after: Fraction)
    case received(party: String, opening: Fraction)
  }

  mutating func runningBase(_ kpi: Formula, pool: Pool) throws(EvaluationFailure) -> RunningBase? {
    var f = kpi
    if case .value(let id) = kpi, let d = evaluator.definition(id) { f = d.formula }
    switch f {
    case .toDate(let subject, _):
      let after = try scalar(f)
      let now = try evaluator.periodValue(subject)
      let before = try exact { () throws(ArithmeticError) in try after - now }
      return .toDate(before: Fraction(before), after: Fraction(after))
    case .received(let party, let from, let window):
      // Only a party's receipts from this pool move with this split; receipts from the whole
      // contract or another pool are what they were before the period.
      guard from == pool.id, contract.groups.allSatisfy({ $0.id != party }) else { return nil }
      _ = window  // over a window too: the receipts before the period, then this split's
      // In a cut period, what the earlier sub-periods paid the party has moved it on.
      let before = Fraction(try scalar(f))
      let opening = try exact { () throws(ArithmeticError) in
        try before + (cutReceived[party] ?? .zero)
      }
      return .received(party: party, opening: opening)
    default:
      return nil
    }
  }

  /// A step table on a running total, marginally: each row takes the part of the remainder
  /// during which the total is in the row's range. For `to-date(X)` the remainder is divided in
  /// proportion to the part of X's movement this period inside each row; for `received(P)` the
  /// part that brings P's receipts to the row's upper bound is solved for exactly (P's share of
  /// it completes the amount), and the rest goes on to the next row.
  mutating func crossSteps(
    _ run: RunningBase, kpi: Formula, rows: [Tier], base: Fraction, step: PoolStep, pool: Pool,
    _ flow: inout Flow
  ) throws(EvaluationFailure) -> [(party: String, amount: Fraction)] {
    var pieces: [(row: Tier, portion: Fraction, from: Fraction, to: Fraction)] = []
    switch run {
    case .toDate(let before, let after):
      let low = Fraction.min(before, after)
      let high = Fraction.max(before, after)
      let moved = try exact { () throws(ArithmeticError) in try high - low }
      if moved.isZero {
        let row = try self.row(of: after, in: rows, kpi: kpi)
        pieces = [(row, base, after, after)]
        break
      }
      for row in rows {
        let lo = row.lower.map { Fraction.max(Fraction($0), low) } ?? low
        let hi = row.upper.map { Fraction.min(Fraction($0), high) } ?? high
        guard lo < hi else { continue }
        let portion = try exact { () throws(ArithmeticError) in try base * (hi - lo) / moved }
        // Rising, the total goes through the rows upward; falling, downward: `from` and `to`
        // say which way, for the explanation.
        pieces.append(before < after ? (row, portion, lo, hi) : (row, portion, hi, lo))
      }
      if before > after { pieces.reverse() }
    case .received(let party, let opening):
      var at = opening
      var left = base
      while left > .zero {
        let row = try self.row(of: at, in: rows, kpi: kpi)
        let share = Fraction(row.shares.first { $0.party == party }?.share ?? .zero)
        var portion = left
        if let upper = row.upper, share > .zero {
          let need = try exact { () throws(ArithmeticError) in try (Fraction(upper) - at) / share }
          if need < left { portion = need }
        }
        let to = try exact { () throws(ArithmeticError) in try at + portion * share }
        pieces.append((row, portion, at, to))
        left = try exact { () throws(ArithmeticError) in try left - portion }
        at = to
      }
      if pieces.isEmpty {
        pieces = [(try self.row(of: at, in: rows, kpi: kpi), .zero, at, at)]
      }
    }
    var byParty: [String: Fraction] = [:]
    for piece in pieces {
      var row = LineBasis.KPIRow(
        remainder: base, currency: currency, kpi: kpi, value: .zero, lower: piece.row.lower,
        upper: piece.row.upper, clause: piece.row.clause)
      row.crossing = .init(
        portion: piece.portion, from: piece.from, to: piece.to, unit: unitText(of: kpi))
      let slice = try byShares(
        piece.row.shares, of: piece.portion, basis: .kpiRow(row), step: step, pool: pool, &flow)
      for (party, v) in slice {
        byParty[party] = try exact { () throws(ArithmeticError) in
          try (byParty[party] ?? .zero) + v
        }
      }
    }
    return byParty.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  /// The row whose range `[lower, upper)` holds `v`.
  func row(of v: Fraction, in rows: [Tier], kpi: Formula) throws(EvaluationFailure) -> Tier {
    guard
      let row = rows.first(where: { r in
        (r.lower.map { !(v < Fraction($0)) } ?? true) && (r.upper.map { v < Fraction($0) } ?? true)
      })
    else {
      throw EvaluationFailure("no row of the step table holds '\(kpi)' = \(v)")
    }
    return row
  }
}
