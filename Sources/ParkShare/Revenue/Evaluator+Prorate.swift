extension Evaluator {
  /// `prorate(X, FROM, UNTIL)`: X is an amount a year (a capacity lease of 280 CNY/kW a year x
  /// the kW leased); each month of the period gets X x its days from FROM to UNTIL (both
  /// included) / 365, the convention of Chinese lease contracts (年租金 / 365 x 实际天数).
  /// Without UNTIL the amount runs to the end of the term. A period cut by a day counts the
  /// days up to it, as the readings are.
  mutating func prorate(
    _ inner: Formula, _ from: CalendarDay, _ until: CalendarDay?, _ f: Formula
  ) throws(EvaluationFailure) -> Quantity {
    let key = "\(f)"
    if let done = calls[key] { return done }
    let x = try evaluate(inner)
    var last = until ?? CalendarDay.last(of: contract.term.to)
    // Through a day inside the period (a pool cut by a date): the days up to it.
    if let sums = bundle.sums, sums.period == period, let minutes = sums.seriesMinutes {
      let cut = CalendarDay(number: CalendarDay.first(of: period).number + minutes / 1440 - 1)
      last = min(last, cut)
    }
    var days: [Facet: Exact] = [:]
    var details: [Detail] = []
    for month in months {
      let span = Period(containing: month, length: .month)
      let lo = max(from, CalendarDay.first(of: span))
      let hi = min(last, CalendarDay.last(of: span))
      let n = max(0, hi.number - lo.number + 1)
      days[Facet(month: month)] = Exact(n)
      details.append(.prorated(call: key, month: span, days: n))
    }
    let result = try Quantity.combine(x, Quantity(dims: .month, cells: days)) {
      p, q, _ throws(EvaluationFailure) in
      let (u, d) = (p ?? .zero, q ?? .zero)
      return try arithmetic { () throws(ArithmeticError) in try u * d / Exact(365) }
    }
    calls[key] = result
    callDetails[key] = details
    return result
  }

  /// `forfeit(A, L op R)`: A, except 0 in each cell (month, member) where L op R holds in that
  /// cell: the condition is judged month by month, not on the period's totals. A must have
  /// every dimension the condition has (a month's forfeiture of an amount with no months would
  /// be ambiguous).
  mutating func forfeit(
    _ a: Formula, _ op: BinaryOperator, _ l: Formula, _ r: Formula, _ f: Formula
  ) throws(EvaluationFailure) -> Quantity {
    let key = "\(f)"
    if let done = calls[key] { return done }
    let x = try evaluate(a)
    let condition = try Quantity.combine(try evaluate(l), try evaluate(r)) {
      p, q, _ throws(EvaluationFailure) in op.holds(p ?? .zero, q ?? .zero) ? .one : .zero
    }
    guard condition.dims.isSubset(of: x.dims) else {
      throw EvaluationFailure(
        "\(key): '\(a)' has no value \(condition.dims.contains(.month) && !x.dims.contains(.month) ? "per month" : "per member") to forfeit cell by cell",
        hint: "forfeit an amount month by month, such as prorate(...) or a monthly input")
    }
    var details: [Detail] = []
    let result = try Quantity.combine(x, condition) { p, q, facet throws(EvaluationFailure) in
      let v = p ?? .zero
      guard q == .one else { return v }
      details.append(.forfeited(call: key, facet: facet, amount: v))
      return .zero
    }
    calls[key] = result
    callDetails[key] = details.sorted { $0.facetKey < $1.facetKey }
    return result
  }
}

extension Detail {
  /// The cell of a forfeiture, to list them in order.
  fileprivate var facetKey: Facet {
    if case .forfeited(_, let facet, _) = self { return facet }
    return Facet()
  }
}

extension Evaluator {
  /// `annuity(P, R, N)`: P x R x (1 + R)^N / ((1 + R)^N - 1), computed in whole numbers (the
  /// power of 1 + R has N times R's digits: 600 months at a rate of 28 decimals is 16,800
  /// digits) and rounded half-even to 28 decimals; P / N at R = 0. N is a whole number of
  /// periods, 1 to 600 (50 years of months); R at least 0 and below 1.
  mutating func annuity(_ p: Formula, _ r: Formula, _ n: Formula, _ f: Formula)
    throws(EvaluationFailure) -> Quantity
  {
    let key = "\(f)"
    if let done = calls[key] { return done }
    let principal = try totals(try evaluate(p)).scalar ?? .zero
    let rate = try totals(try evaluate(r)).scalar ?? .zero
    let count = try totals(try evaluate(n)).scalar ?? .zero
    guard let periods = Int(count.trimmed.description), (1...600).contains(periods) else {
      throw EvaluationFailure(
        "\(key): \(count) is not a whole number of periods from 1 to 600",
        hint: "the periods the lease is repaid over: 20 quarters, 60 months")
    }
    guard !(rate < .zero), rate < .one else {
      throw EvaluationFailure(
        "\(key): a rate of \(rate) a period is outside 0 to 100%",
        hint: "the lease's rate a settlement period: 6% a year is 1.5% a quarter")
    }
    let payment = try Self.annuityPayment(principal, rate, periods, key)
    calls[key] = Quantity(payment)
    callDetails[key] = [
      .annuity(call: key, principal: principal, rate: rate, periods: periods, payment: payment)
    ]
    return Quantity(payment)
  }

  /// The annuity's payment, exactly rounded: with P = p / 10^b and R = r / 10^a, the payment is
  /// p x r x (10^a + r)^N / (10^(a + b) x ((10^a + r)^N - 10^(aN))).
  static func annuityPayment(_ principal: Exact, _ rate: Exact, _ periods: Int, _ key: String)
    throws(EvaluationFailure) -> Exact
  {
    func ten(_ k: Int) -> BigInt {
      var v = BigInt(1)
      for _ in 0..<k / 30 { v = v * BigInt(Int128(Exact.powersOfTen[30])) }
      return v * BigInt(Int128(Exact.powersOfTen[k % 30]))
    }
    func power(_ base: BigInt, _ exponent: Int) -> BigInt {
      var result = BigInt(1)
      var square = base
      var k = exponent
      while k > 0 {
        if k & 1 == 1 { result = result * square }
        k >>= 1
        if k > 0 { square = square * square }
      }
      return result
    }
    let p = BigInt(principal.significand)
    var numerator: BigInt
    var denominator: BigInt
    if rate.isZero {
      numerator = p
      denominator = ten(principal.scale) * BigInt(Int128(periods))
    } else {
      let a = rate.scale
      let r = BigInt(rate.significand)
      let grown = power(ten(a) + r, periods)
      numerator = p * r * grown
      denominator = ten(a + principal.scale) * (grown - power(ten(a), periods))
    }
    // The most decimals (28 at most) whose significand fits 128 bits, rounded half-even.
    for places in stride(from: Exact.maxScale, through: 0, by: -1) {
      let (q, rest) = (numerator * ten(places)).flooredDivision(by: denominator)
      let twice = rest + rest
      let up =
        denominator < twice || (!(twice < denominator) && q.limbs.first.map { $0 & 1 == 1 } == true)
      guard let units = (up ? q + BigInt(1) : q).int128,
        let value = try? Exact(significand: units, scale: places)
      else { continue }
      return value.trimmed
    }
    throw EvaluationFailure("\(key): the payment has more than 38 digits")
  }
}
