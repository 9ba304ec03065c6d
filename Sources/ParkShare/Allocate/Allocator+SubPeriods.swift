extension Allocator {
  /// A period cut by effective dates (`from 2029-02-01`): the pool is divided between the
  /// sub-periods by days (actual/actual) and each runs the waterfall of the steps effective in
  /// it, on its part. Each part but the last is the pool's total x its days / the period's days,
  /// rounded to the nearest minor unit of the currency (a half up), and the last takes the rest,
  /// so the parts sum to the pool exactly and stay decimals (arrears are carried in decimals).
  /// The lines of all the sub-periods are then rounded together, once, as a period's are.
  ///
  /// A source metered month by month (a revenue from readings) is divided by what was read in
  /// each sub-period instead, when the cuts fall on the first of a month: the readings say when
  /// each kWh happened. Sources given for the whole period (facts) are still divided by days.
  mutating func runCut(
    _ pool: Pool, _ subs: [SubPeriod], sources: [Quantity], _ flow: inout Flow
  ) throws(EvaluationFailure) {
    // What a recovered deficit left is divided; the pool's total still reads as the total of
    // each part, for `N% of pool`.
    let left = try decimal(flow.remaining, "the pool after its deficit")
    var (givenTotal, givenLeft) = (Exact.zero, Exact.zero)
    let decimals = contract.currency.decimals
    cutReceived = [:]
    defer { (subPeriod, cutReceived) = (nil, [:]) }
    for (k, sub) in subs.enumerated() {
      let last = k == subs.count - 1
      let (partTotal, partLeft) = try exact { () throws(ArithmeticError) in
        if last { return (try flow.total - givenTotal, try left - givenLeft) }
        guard sub.months != nil, sources.contains(where: { $0.dims.contains(.month) }) else {
          return (
            try Self.share(flow.total, sub, decimals: decimals),
            try Self.share(left, sub, decimals: decimals)
          )
        }
        var part = Exact.zero
        for q in sources { part = try part + Self.part(of: q, in: sub, decimals: decimals) }
        // A deficit recovered first leaves `left` of the total: each part keeps its proportion.
        guard left != flow.total else { return (part, part) }
        guard !flow.total.isNegative, !flow.total.isZero else {
          return (part, try Self.share(left, sub, decimals: decimals))
        }
        let f = try Fraction(left) * Fraction(part) / Fraction(flow.total)
        return (part, try Self.nearest(f, decimals: decimals))
      }
      (givenTotal, givenLeft) = try exact { () throws(ArithmeticError) in
        (try givenTotal + partTotal, try givenLeft + partLeft)
      }
      var part = Flow(total: partTotal, remaining: Fraction(partLeft))
      subPeriod = sub
      try runSteps(pool, &part)
      for var l in part.lines {
        l.subPeriod = sub
        flow.lines.append(l)
        guard case .party(let p) = l.recipient else { continue }
        cutReceived[p] = try exact { () throws(ArithmeticError) in
          try (cutReceived[p] ?? .zero) + l.exact
        }
      }
      for var a in part.arrears {
        a.subPeriod = sub
        flow.arrears.append(a)
      }
      flow.notes += part.notes
      // A condition reads the period's values: the same outcome in every sub-period, shown once.
      for c in part.conditions where !flow.conditions.contains(c) { flow.conditions.append(c) }
      flow.unallocated = try exact { () throws(ArithmeticError) in
        try flow.unallocated + part.unallocated
      }
    }
    flow.remaining = .zero
  }

  /// `v` x the sub-period's days / the period's days, to the nearest minor unit of the
  /// currency (a half up).
  static func share(_ v: Exact, _ sub: SubPeriod, decimals: Int) throws(ArithmeticError)
    -> Exact
  {
    try nearest(try Fraction(v) * Fraction(sub.days) / Fraction(sub.periodDays), decimals: decimals)
  }

  /// What of `q` falls in `sub`: the months it covers, exactly, when `q` is metered by month
  /// and `sub` is whole months; otherwise its days' share (`share`).
  static func part(of q: Quantity, in sub: SubPeriod, decimals: Int) throws(ArithmeticError)
    -> Exact
  {
    guard let months = sub.months, q.dims.contains(.month) else {
      return try share(try q.total(), sub, decimals: decimals)
    }
    var sum = Exact.zero
    for (facet, v) in q.sorted where facet.month.map(months.contains) == true {
      sum = try sum + v
    }
    return sum
  }

  /// `f` to the nearest minor unit of the currency (a half up).
  static func nearest(_ f: Fraction, decimals: Int) throws(ArithmeticError) -> Exact {
    let (q, r) = try f.minorUnitsFloor(decimals: decimals)
    let twice = try r + r
    let up = !(twice < Fraction(1))
    return try Exact(significand: q + (up ? 1 : 0), scale: decimals)
  }

  /// An amount a step names for the whole period (a fixed amount, a rate x a quantity, a cap,
  /// a floor): in a sub-period, its days' share (`share`), with the basis saying so.
  func prorated(_ v: Exact) throws(EvaluationFailure) -> Exact {
    guard let sub = subPeriod else { return v }
    return try exact { () throws(ArithmeticError) in
      try Self.share(v, sub, decimals: contract.currency.decimals)
    }
  }

  /// A step's amount formula in what is being run: in a sub-period of whole months, a value
  /// metered by month is what was metered in those months (`metered` says so); anything else
  /// is prorated by days.
  mutating func inSubPeriod(_ formula: Formula, _ whole: Exact) throws(EvaluationFailure) -> (
    Exact, metered: Bool
  ) {
    guard let sub = subPeriod, sub.months != nil else { return (try prorated(whole), false) }
    let q = try evaluator.evaluate(formula)
    guard q.dims.contains(.month) else { return (try prorated(whole), false) }
    let v = try exact { () throws(ArithmeticError) in
      try Self.part(of: q, in: sub, decimals: contract.currency.decimals)
    }
    return (v, true)
  }

  func metered(_ basis: LineBasis) -> LineBasis {
    guard let sub = subPeriod else { return basis }
    return .metered(basis, first: sub.first, last: sub.last)
  }

  func prorated(_ basis: LineBasis) -> LineBasis {
    guard let sub = subPeriod else { return basis }
    return .prorated(basis, days: sub.days, periodDays: sub.periodDays)
  }
}
