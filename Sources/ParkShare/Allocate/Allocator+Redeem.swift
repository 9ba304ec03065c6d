extension Allocator {
  /// Points are counted to this many decimals where a cap or a short pool divides them: a
  /// reduced redemption is rounded down to a ten-thousandth of a point, so what is paid is a
  /// whole number of those at the price, and what stays in the balance is an exact decimal.
  static let pointDecimals = 4

  /// `redeem POINTS at PRICE per point to GROUP cap E each, A in all`: each member asks for its
  /// whole balance at the price, at most `each`; when the asks exceed `all` or what the pool has
  /// left, every ask is reduced by the same proportion (no arrears: the points not paid for stay
  /// in the balance). The points paid for leave the member's oldest lots first.
  mutating func redeem(_ r: Redemption, step: PoolStep, pool: Pool, _ flow: inout Flow)
    throws(EvaluationFailure)
  {
    let price = try scalar(r.price)
    // A negative price would make the members pay for their points: refused, as a negative
    // amount of any step is; at 0 nothing is redeemed.
    if price.isNegative {
      throw EvaluationFailure(
        "the redemption price is \(price.grouped) \(currency) per point this period; it cannot be negative",
        hint: "check the data it is read from")
    }
    guard price > .zero else { return }
    let each = try r.each.map { f throws(EvaluationFailure) in try scalar(f) }
    let all = try r.all.map { f throws(EvaluationFailure) in try scalar(f) }
    let lots = state.points[r.points] ?? [:]
    // The caps are the period's: in a cut period, what this step paid in the sub-periods before
    // counts against them.
    let before = cutRedeemed.filter { $0.key.clause == step.clause }
    let paidBefore = try exact { () throws(ArithmeticError) in try before.values.sum() }
    var asks: [(member: String, balance: Exact, points: Fraction)] = []
    var asked = Fraction.zero
    for m in evaluator.members(r.group) where takesPart(m) {
      let balance = try exact { () throws(ArithmeticError) in
        try (lots[m] ?? []).map(\.points).sum()
      }
      guard balance > .zero else { continue }
      var points = Fraction(balance)
      if let each {
        let most = try exact { () throws(ArithmeticError) in
          let left =
            try Fraction(each) - (before[RedeemKey(clause: step.clause, member: m)] ?? .zero)
          return try Fraction.max(left, .zero) / Fraction(price)
        }
        points = Fraction.min(points, most)
        guard points > .zero else { continue }
      }
      asks.append((m, balance, points))
      asked = try exact { () throws(ArithmeticError) in
        try asked + points * Fraction(price)
      }
    }
    var limit = Fraction.max(flow.remaining, .zero)
    if let all {
      let left = try exact { () throws(ArithmeticError) in try Fraction(all) - paidBefore }
      limit = Fraction.min(limit, Fraction.max(left, .zero))
    }
    let factor =
      asked > limit
      ? try exact { () throws(ArithmeticError) in try limit / asked } : Fraction(1)
    var paid = Fraction.zero
    for ask in asks {
      let points = try exact { () throws(ArithmeticError) -> Exact in
        let wanted = try ask.points * factor
        // The whole balance is paid as it is; any part of it is counted in whole
        // ten-thousandths of a point, rounded down, so the pool never pays more than it may.
        if wanted == Fraction(ask.balance) { return ask.balance }
        let (units, _) = try wanted.minorUnitsFloor(decimals: Self.pointDecimals)
        return try Exact(minorUnits: units, decimals: Self.pointDecimals).trimmed
      }
      guard points > .zero else { continue }
      let amount = try exact { () throws(ArithmeticError) in try points * price }
      flow.lines.append(
        line(
          pool, step, to: ask.member, .redeem, Fraction(amount),
          basis: .quantity(.value(r.points), value: points, unit: "point"),
          rate: .unitPrice(price, currency: currency, unit: "point")))
      paid = try exact { () throws(ArithmeticError) in try paid + Fraction(amount) }
      let left = try exact { () throws(ArithmeticError) in
        try PointsLot.taking(points, from: lots[ask.member] ?? [])
      }
      // A member with nothing left has no entry, as in a balance that never held points.
      state.points[r.points, default: [:]][ask.member] = left.isEmpty ? nil : left
      if state.points[r.points]?.isEmpty == true { state.points[r.points] = nil }
      redeemed[PointsKey(scheme: r.points, member: ask.member), default: .zero] = try exact {
        () throws(ArithmeticError) in
        try (redeemed[PointsKey(scheme: r.points, member: ask.member)] ?? .zero) + points
      }
    }
    flow.remaining = try exact { () throws(ArithmeticError) in try flow.remaining - paid }
  }

  /// A redemption step's payments to a member in the earlier sub-periods of a cut period.
  struct RedeemKey: Hashable {
    var clause: SourceRange
    var member: String
  }
}
