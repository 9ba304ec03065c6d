extension Allocator {
  /// `f` as a decimal, for what is carried in decimals (arrears); a fraction here is a defect.
  func decimal(_ f: Fraction, _ what: String) throws(EvaluationFailure) -> Exact {
    guard let d = f.decimal else {
      throw EvaluationFailure(
        "internal error: \(what) is \(f), which has no finite decimal",
        hint: "this is a defect of parkshare; please report it with the contract and data")
    }
    return d
  }

  /// A step amount: a share of the pool or of the remainder, or a formula (a fixed amount, a
  /// rate x a basis). Returns the amount, what it was computed on, and the rate or share.
  mutating func amount(_ a: StepAmount, _ flow: Flow) throws(EvaluationFailure) -> (
    Fraction, basis: LineBasis, rate: LineRate
  ) {
    switch a {
    case .ofPool(let share):
      // A share of a negative pool is nothing: the loss rule bears the pool, not this step.
      let total = Fraction.max(Fraction(flow.total), .zero)
      let v = try exact { () throws(ArithmeticError) in try total * Fraction(share) }
      return (v, .pool(flow.total, currency: currency), .percent(share))
    case .ofRemainder(let share):
      let base = Fraction.max(flow.remaining, .zero)
      let v = try exact { () throws(ArithmeticError) in try base * Fraction(share) }
      return (v, .remainder(base, currency: currency), .percent(share))
    case .amount(let formula):
      let whole = try unsigned(scalar(formula), "the amount")
      // In a sub-period an effective date cut off, what was metered in it, or the period's
      // amount for its days.
      let (part, metered) = try inSubPeriod(formula, whole)
      let v = Fraction(part)
      // `RATE x BASIS`: the basis and the rate apart, as a statement line reads.
      if case .binary(.multiply, .constant(let rate), let basis) = formula {
        let unit = unitText(of: basis)
        if metered {
          let b = try inSubPeriod(basis, try scalar(basis)).0
          return (
            v, self.metered(.quantity(basis, value: b, unit: unit)),
            .unitPrice(rate, currency: currency, unit: unit)
          )
        }
        let b = try scalar(basis)
        return (
          v, prorated(.quantity(basis, value: b, unit: unit)),
          .unitPrice(rate, currency: currency, unit: unit)
        )
      }
      if case .constant = formula {
        return (v, prorated(.fixed), .amount(whole, currency: currency))
      }
      return (v, metered ? self.metered(.formula(formula)) : prorated(.formula(formula)), .none)
    }
  }

  /// The unit of a simple formula, for statement text (`kWh` for a meter).
  func unitText(of f: Formula) -> String {
    switch f {
    case .meter: return "kWh"
    case .input(let id):
      let u = contract.inputs.first { $0.id == id }?.unit
      return u.map { $0.isDimensionless ? "" : $0.description } ?? ""
    case .value(let id):
      let u = contract.definitions.first { $0.id == id }?.unit
      return u.map { $0.isDimensionless ? "" : $0.description } ?? ""
    default: return ""
    }
  }

  /// `pay P AMOUNT`: the amount due plus arrears owed, as far as the pool goes; the rest is
  /// carried as arrears (or forgone `without arrears`).
  mutating func pay(
    _ party: String, _ a: StepAmount, carries: Bool, step: PoolStep, index: Int, pool: Pool,
    _ flow: inout Flow
  ) throws(EvaluationFailure) {
    let (due, basis, rate) = try amount(a, flow)
    let key = ArrearsKey(pool: pool.id, step: index + 1, party: party)
    let owed = state.arrears[key] ?? .zero
    let claim = try exact { () throws(ArithmeticError) in try due + Fraction(owed) }
    let paid = Fraction.max(Fraction.min(claim, flow.remaining), .zero)
    let unpaid = try exact { () throws(ArithmeticError) in try claim - paid }
    flow.remaining = try exact { () throws(ArithmeticError) in try flow.remaining - paid }
    let text = owed.isZero ? basis : .withArrears(basis, owed: owed, currency: currency)
    if !paid.isZero || !claim.isZero {
      flow.lines.append(line(pool, step, to: party, .pay, paid, basis: text, rate: rate))
    }
    if !owed.isZero || !unpaid.isZero {
      // Arrears are carried as decimals: what a pool owes is a decimal amount less a decimal
      // remainder (pro-rata parts only ever sum back to decimals).
      let (dueD, paidD, unpaidD) = (
        try decimal(due, "the amount due"), try decimal(paid, "the amount paid"),
        try decimal(unpaid, "the arrears")
      )
      flow.arrears.append(
        ArrearsMovement(
          key: key, party: party, clause: step.clause, opening: owed, due: dueD, paid: paidD,
          closing: carries ? unpaidD : .zero, forgone: carries ? .zero : unpaidD))
      state.arrears[key] = carries && !unpaidD.isZero ? unpaidD : nil
    } else {
      state.arrears[key] = nil
    }
  }

  /// `reserve AMOUNT to FUND`: set aside, as far as the pool goes.
  mutating func reserve(
    _ fund: String, _ a: StepAmount, step: PoolStep, pool: Pool, _ flow: inout Flow
  ) throws(EvaluationFailure) {
    let (want, basis, rate) = try amount(a, flow)
    let r = Fraction.max(Fraction.min(want, flow.remaining), .zero)
    flow.remaining = try exact { () throws(ArithmeticError) in try flow.remaining - r }
    flow.lines.append(line(pool, step, to: .fund(fund), .reserve, r, basis: basis, rate: rate))
  }

  /// Weights of `parties` under a metric: capital for `stake`, else the metric's value per
  /// member or party. Sorted by party id (the documented tie-break order).
  mutating func weights(_ parties: [String], _ metric: Formula) throws(EvaluationFailure) -> [(
    party: String, weight: Exact
  )] {
    var names: [String] = []
    for p in parties {
      if let g = contract.groups.first(where: { $0.id == p }) {
        names += g.members
      } else {
        names.append(p)
      }
    }
    var out: [(party: String, weight: Exact)] = []
    if case .value("stake") = metric {
      let capital = Dictionary(
        contract.parties.map { ($0.id, $0.capital ?? .zero) }, uniquingKeysWith: { a, _ in a })
      for p in names where takesPart(p) { out.append((p, capital[p] ?? .zero)) }
    } else {
      let q = try evaluator.evaluate(metric)
      let totals = try exact { () throws(ArithmeticError) in
        try q.collapsed([.month, .vintage, .event])
      }
      for p in names where takesPart(p) {
        let v = totals.cells[Facet(member: p)] ?? .zero
        if v.isNegative {
          throw EvaluationFailure(
            "'\(metric)' is \(v.grouped(places: 6)) for \(p): shares cannot be taken by a negative value"
          )
        }
        out.append((p, v))
      }
    }
    // Registries are usually listed in id order already: checking is cheaper than sorting.
    if zip(out, out.dropFirst()).allSatisfy({ $0.0 < $1.0 }) { return out }
    return out.sorted { $0.0 < $1.0 }
  }

  /// `amount` divided pro rata by `weights`, exact: one line each, amount x weight / sum of
  /// weights as a fraction over one denominator, so the parts sum to `amount` exactly and the
  /// pool's rounding, not a decimal cut, decides each fen.
  mutating func proRata(
    _ amount: Fraction, _ weights: [(party: String, weight: Exact)],
    metric: Formula,
    kind: AllocationLine.Kind, step: PoolStep, pool: Pool, _ flow: inout Flow
  ) throws(EvaluationFailure) -> [(party: String, amount: Fraction)] {
    let sum = try exact { () throws(ArithmeticError) in
      try weights.map(\.weight).sum()
    }
    // Weights computed from data (points, kWh) can all be 0 in a period: not an error (no one
    // earned a share), but never a silent zero. A rebate's amount stays in the remainder; a
    // split's is left unallocated, shown on the statement and in the reconciliation.
    guard !sum.isZero else {
      flow.notes.append(
        .noWeights(
          period: evaluator.period, metric: metric, clause: step.clause, amount: amount,
          currency: currency, rebate: kind == .rebate, subPeriod: subPeriod,
          nobody: weights.isEmpty))
      return []
    }
    var parts: [(party: String, amount: Fraction)] = []
    let shares = try exact { () throws(ArithmeticError) in
      try Fraction.proRata(amount, weights: weights.map(\.weight))
    }
    for ((party, w), share) in zip(weights, shares) where !w.isZero {
      flow.lines.append(
        line(
          pool, step, to: party, kind, share,
          basis: .metric(
            .init(amount: amount, currency: currency, metric: metric, value: w, total: sum)),
          rate: .proportion(w, of: sum)))
      parts.append((party, share))
    }
    return parts
  }

  /// `rebate AMOUNT to GROUP by METRIC`.
  mutating func rebate(
    _ a: StepAmount, group: String, metric: Formula, step: PoolStep, pool: Pool,
    _ flow: inout Flow
  ) throws(EvaluationFailure) {
    let (want, _, _) = try amount(a, flow)
    let r = Fraction.max(Fraction.min(want, flow.remaining), .zero)
    let w = try weights([group], metric)
    let parts = try proRata(r, w, metric: metric, kind: .rebate, step: step, pool: pool, &flow)
    // Exact parts sum to what was divided (the pool's check before rounding holds this): take
    // that, not their sum, whose denominator would carry into every later step.
    let given = parts.isEmpty ? Fraction.zero : r
    flow.remaining = try exact { () throws(ArithmeticError) in try flow.remaining - given }
  }

  /// `amount` at fixed shares (parties by id): one split line each.
  mutating func byShares(
    _ shares: [Share], of amount: Fraction, basis: LineBasis, step: PoolStep,
    pool: Pool, kind: AllocationLine.Kind = .split,
    _ flow: inout Flow
  ) throws(EvaluationFailure) -> [(party: String, amount: Fraction)] {
    var parts: [(party: String, amount: Fraction)] = []
    for s in shares.sorted(by: { $0.party < $1.party }) {
      let v = try exact { () throws(ArithmeticError) in try amount * Fraction(s.share) }
      flow.lines.append(
        line(pool, step, to: s.party, kind, v, basis: basis, rate: .percent(s.share)))
      parts.append((s.party, v))
    }
    return parts
  }

  /// `split ...`: the whole remainder, by fixed shares, stakes, a metric, marginal tiers or a
  /// KPI step table.
  mutating func split(_ allocation: Allocation, step: PoolStep, pool: Pool, _ flow: inout Flow)
    throws(EvaluationFailure)
  {
    let base = Fraction.max(flow.remaining, .zero)
    var parts: [(party: String, amount: Fraction)] = []
    let what = LineBasis.remainder(base, currency: currency)
    switch allocation {
    case .fixed(let shares):
      parts = try byShares(shares, of: base, basis: what, step: step, pool: pool, &flow)
    case .metric(let parties, let metric):
      parts = try proRata(
        base, try weights(parties, metric),
        metric: metric, kind: .split, step: step,
        pool: pool,
        &flow)
    case .tiered(let tiers):
      var byParty: [String: Fraction] = [:]
      for tier in tiers {
        let lower = tier.lower ?? .zero
        let above = try exact { () throws(ArithmeticError) in try base - Fraction(lower) }
        guard above > .zero else { continue }
        let width = try tier.upper.map { u throws(EvaluationFailure) in
          try exact { () throws(ArithmeticError) in try Fraction(u) - Fraction(lower) }
        }
        let portion = width.map { Fraction.min($0, above) } ?? above
        let slice = try byShares(
          tier.shares, of: portion,
          basis: .tier(lower: lower, upper: tier.upper, portion: portion, currency: currency),
          step: step, pool: pool, &flow)
        for (party, v) in slice {
          byParty[party] = try exact { () throws(ArithmeticError) in
            try (byParty[party] ?? .zero) + v
          }
        }
      }
      parts = byParty.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    case .steps(let kpi, let rows):
      if let run = try runningBase(kpi, pool: pool) {
        parts = try crossSteps(
          run, kpi: kpi, rows: rows, base: base, step: step, pool: pool, &flow)
        break
      }
      let v = try scalar(kpi)
      guard
        let row = rows.first(where: { r in
          (r.lower.map { !(v < $0) } ?? true) && (r.upper.map { v < $0 } ?? true)
        })
      else {
        throw EvaluationFailure("no row of the step table holds '\(kpi)' = \(v)")
      }
      let basis = LineBasis.kpiRow(
        .init(
          remainder: base, currency: currency, kpi: kpi, value: v, lower: row.lower,
          upper: row.upper, clause: row.clause))
      parts = try byShares(row.shares, of: base, basis: basis, step: step, pool: pool, &flow)
    }
    // Fixed shares and rows sum to 100% and marginal tiers cover the remainder from 0 (the
    // checker holds both), so a split that gave anything gave the whole base, exactly.
    let given = parts.isEmpty ? Fraction.zero : base
    flow.remaining = try exact { () throws(ArithmeticError) in try flow.remaining - given }
    if parts.isEmpty, case .metric = allocation, !base.isZero {
      // Nobody had any of the metric: the note says the remainder is left unallocated; it is
      // moved there now, so it is not reported a second time as taken by no step.
      flow.unallocated = try exact { () throws(ArithmeticError) in try flow.unallocated + base }
      flow.remaining = try exact { () throws(ArithmeticError) in try flow.remaining - base }
    }
    flow.lastSplit = parts
  }
}
