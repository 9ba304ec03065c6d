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
    _ pool: Pool, _ subs: [SubPeriod], sources: [(id: String, total: Exact)], _ flow: inout Flow
  ) throws(EvaluationFailure) {
    // What a recovered deficit left is divided; the pool's total still reads as the total of
    // each part, for `N% of pool`.
    let left = try decimal(flow.remaining, "the pool after its deficit")
    var (givenTotal, givenLeft) = (Exact.zero, Exact.zero)
    let decimals = contract.currency.decimals
    let start = CalendarDay.first(of: period)
    cutReceived = [:]
    cutRedeemed = [:]
    defer { (subPeriod, cutReceived, cutRedeemed) = (nil, [:], [:]) }
    for (k, sub) in subs.enumerated() {
      let last = k == subs.count - 1
      // Each source's part: what was metered in the sub-period, or its days' share.
      var metered: [Exact?] = []
      if !last {
        for s in sources { metered.append(try self.metered(.source(s.id), in: sub)) }
      }
      let (partTotal, partLeft) = try exact { () throws(ArithmeticError) in
        if last { return (try flow.total - givenTotal, try left - givenLeft) }
        guard metered.contains(where: { $0 != nil }) else {
          return (
            try Self.share(flow.total, sub, from: start, decimals: decimals),
            try Self.share(left, sub, from: start, decimals: decimals)
          )
        }
        var part = Exact.zero
        for (s, m) in zip(sources, metered) {
          if let m {
            part = try part + m
          } else {
            part = try part + Self.share(s.total, sub, from: start, decimals: decimals)
          }
        }
        // A deficit recovered first leaves `left` of the total: each part keeps its proportion.
        guard left != flow.total else { return (part, part) }
        guard !flow.total.isNegative, !flow.total.isZero else {
          return (part, try Self.share(left, sub, from: start, decimals: decimals))
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
        if l.kind == .redeem {
          let key = RedeemKey(clause: l.clause, member: p)
          cutRedeemed[key] = try exact { () throws(ArithmeticError) in
            try (cutRedeemed[key] ?? .zero) + l.exact
          }
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

  /// `v`'s share of the sub-period by days, in minor units of the currency: `v` x the days of
  /// the period through the sub-period's last day / the period's days, to the nearest minor
  /// unit (a half up), less the same through the day before it starts. Rounded cumulatively, so
  /// the shares of all the sub-periods sum to `v` exactly however many dates cut the period.
  static func share(_ v: Exact, _ sub: SubPeriod, from first: CalendarDay, decimals: Int)
    throws(ArithmeticError) -> Exact
  {
    let before = sub.first.number - first.number
    let through = try nearest(
      try Fraction(v) * Fraction(before + sub.days) / Fraction(sub.periodDays), decimals: decimals)
    let earlier = try nearest(
      try Fraction(v) * Fraction(before) / Fraction(sub.periodDays), decimals: decimals)
    return try through - earlier
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
      try Self.share(
        v, sub, from: CalendarDay.first(of: period), decimals: contract.currency.decimals)
    }
  }

  /// A step's amount formula in what is being run: in a sub-period, a value metered by month
  /// is what was metered in it (`metered` says so) when the readings can tell; anything else
  /// is prorated by days.
  mutating func inSubPeriod(_ formula: Formula, _ whole: Exact) throws(EvaluationFailure) -> (
    Exact, metered: Bool
  ) {
    guard let sub = subPeriod else { return (whole, false) }
    if let v = try metered(.formula(formula), in: sub) { return (v, true) }
    return (try prorated(whole), false)
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
