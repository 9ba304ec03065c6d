extension Allocator {
  /// A step amount: a share of the pool or of the remainder, or a formula (a fixed amount, a
  /// rate x a basis). Returns the amount, what it was computed on, and the rate or share.
  mutating func amount(_ a: StepAmount, _ flow: Flow) throws(EvaluationFailure) -> (
    Exact, basis: String, rate: String
  ) {
    switch a {
    case .ofPool(let share):
      let v = try exact { () throws(ArithmeticError) in try flow.total * share }
      guard evaluator.explaining else { return (v, "", "") }
      return (v, "pool \(flow.total.grouped(places: 6)) \(currency)", share.percentText)
    case .ofRemainder(let share):
      let base = Exact.max(flow.remaining, .zero)
      let v = try exact { () throws(ArithmeticError) in try base * share }
      guard evaluator.explaining else { return (v, "", "") }
      return (v, "remainder \(base.grouped(places: 6)) \(currency)", share.percentText)
    case .amount(let formula):
      let v = try unsigned(scalar(formula), "the amount")
      guard evaluator.explaining else { return (v, "", "") }
      // `RATE x BASIS`: show the basis and the rate apart, as a statement line reads.
      if case .binary(.multiply, .constant(let rate), let basis) = formula {
        let b = try scalar(basis)
        let unit = unitText(of: basis)
        return (
          v, "\(basis) \(b.grouped(places: 6))\(unit.isEmpty ? "" : " " + unit)",
          "\(rate.grouped(places: 6)) \(currency)\(unit.isEmpty ? "" : "/" + unit)"
        )
      }
      if case .constant = formula { return (v, "fixed", "\(v.grouped(places: 6)) \(currency)") }
      return (v, "\(formula)", "")
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
    let key = "\(pool.id)/\(index + 1)/\(party)"
    let owed = state.arrears[key] ?? .zero
    let claim = try exact { () throws(ArithmeticError) in try due + owed }
    let paid = Exact.max(Exact.min(claim, flow.remaining), .zero)
    let unpaid = try exact { () throws(ArithmeticError) in try claim - paid }
    flow.remaining = try exact { () throws(ArithmeticError) in try flow.remaining - paid }
    var text = basis
    if !owed.isZero { text += "; arrears brought forward \(owed.grouped(places: 6)) \(currency)" }
    if !paid.isZero || !claim.isZero {
      flow.lines.append(line(pool, step, to: party, .pay, paid, basis: text, rate: rate))
    }
    if !owed.isZero || !unpaid.isZero {
      flow.arrears.append(
        ArrearsMovement(
          key: key, party: party, clause: step.clause, opening: owed, due: due, paid: paid,
          closing: carries ? unpaid : .zero, forgone: carries ? .zero : unpaid))
    }
    state.arrears[key] = carries && !unpaid.isZero ? unpaid : nil
  }

  /// `reserve AMOUNT to FUND`: set aside, as far as the pool goes.
  mutating func reserve(
    _ fund: String, _ a: StepAmount, step: PoolStep, pool: Pool, _ flow: inout Flow
  ) throws(EvaluationFailure) {
    let (want, basis, rate) = try amount(a, flow)
    let r = Exact.max(Exact.min(want, flow.remaining), .zero)
    flow.remaining = try exact { () throws(ArithmeticError) in try flow.remaining - r }
    flow.lines.append(line(pool, step, to: "fund:\(fund)", .reserve, r, basis: basis, rate: rate))
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
      for p in names {
        out.append((p, contract.parties.first { $0.id == p }?.capital ?? .zero))
      }
    } else {
      let q = try evaluator.evaluate(metric)
      let totals = try exact { () throws(ArithmeticError) in try q.collapsed([.month, .vintage]) }
      for p in names {
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

  /// `amount` divided pro rata by `weights`, exact: one line each.
  mutating func proRata(
    _ amount: Exact, _ weights: [(party: String, weight: Exact)], metric: String,
    kind: AllocationLine.Kind, step: PoolStep, pool: Pool, _ flow: inout Flow
  ) throws(EvaluationFailure) -> [(party: String, amount: Exact)] {
    let sum = try exact { () throws(ArithmeticError) in
      try weights.map(\.weight).sum()
    }
    guard !sum.isZero else {
      flow.notes.append(
        "no one has any '\(metric)': \(amount.grouped(places: 6)) \(currency) not divided")
      return []
    }
    var parts: [(party: String, amount: Exact)] = []
    // One division for all: each part is its weight times the amount per unit of weight (kept
    // to 28 decimal places, far below a fen, before the pool is rounded once).
    let perUnit = try exact { () throws(ArithmeticError) in try amount / sum }
    for (party, w) in weights where !w.isZero {
      let share = try exact { () throws(ArithmeticError) in try w * perUnit }
      flow.lines.append(
        line(
          pool, step, to: party, kind, share,
          basis:
            "\(amount.grouped(places: 6)) \(currency) by \(metric): \(w.grouped(places: 6)) of \(sum.grouped(places: 6))",
          rate: (try? (w / sum).rounded(scale: 6, .halfEven).percentText) ?? ""))
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
    let r = Exact.max(Exact.min(want, flow.remaining), .zero)
    let w = try weights([group], metric)
    let parts = try proRata(r, w, metric: "\(metric)", kind: .rebate, step: step, pool: pool, &flow)
    let given = try exact { () throws(ArithmeticError) in
      try parts.map(\.amount).sum()
    }
    flow.remaining = try exact { () throws(ArithmeticError) in try flow.remaining - given }
  }

  /// `amount` at fixed shares (parties by id): one split line each.
  mutating func byShares(
    _ shares: [Share], of amount: Exact, basis: @autoclosure () -> String, step: PoolStep,
    pool: Pool,
    _ flow: inout Flow
  ) throws(EvaluationFailure) -> [(party: String, amount: Exact)] {
    var parts: [(party: String, amount: Exact)] = []
    for s in shares.sorted(by: { $0.party < $1.party }) {
      let v = try exact { () throws(ArithmeticError) in try amount * s.share }
      flow.lines.append(
        line(pool, step, to: s.party, .split, v, basis: basis(), rate: s.share.percentText))
      parts.append((s.party, v))
    }
    return parts
  }

  /// `split ...`: the whole remainder, by fixed shares, stakes, a metric, marginal tiers or a
  /// KPI step table.
  mutating func split(_ allocation: Allocation, step: PoolStep, pool: Pool, _ flow: inout Flow)
    throws(EvaluationFailure)
  {
    let base = Exact.max(flow.remaining, .zero)
    var parts: [(party: String, amount: Exact)] = []
    let what = evaluator.explaining ? "remainder \(base.grouped(places: 6)) \(currency)" : ""
    switch allocation {
    case .fixed(let shares):
      parts = try byShares(shares, of: base, basis: what, step: step, pool: pool, &flow)
    case .metric(let parties, let metric):
      let name = metric == .value("stake") ? "stake" : "\(metric)"
      parts = try proRata(
        base, try weights(parties, metric), metric: name, kind: .split, step: step, pool: pool,
        &flow)
    case .tiered(let tiers):
      var byParty: [String: Exact] = [:]
      for tier in tiers {
        let lower = tier.lower ?? .zero
        let above = try exact { () throws(ArithmeticError) in try base - lower }
        guard above > .zero else { continue }
        let width = try tier.upper.map { u throws(EvaluationFailure) in
          try exact { () throws(ArithmeticError) in try u - lower }
        }
        let portion = width.map { Exact.min($0, above) } ?? above
        // Text for statements only, built when a line is described (not in projections).
        let cur = currency
        let range = {
          "\(lower.grouped(places: 6))-\(tier.upper.map { $0.grouped(places: 6) } ?? "")"
        }
        let slice = try byShares(
          tier.shares, of: portion,
          basis: "tier \(range()) \(cur): \(portion.grouped(places: 6)) \(cur)",
          step: step, pool: pool, &flow)
        for (party, v) in slice {
          byParty[party] = try exact { () throws(ArithmeticError) in
            try (byParty[party] ?? .zero) + v
          }
        }
      }
      parts = byParty.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    case .steps(let kpi, let rows):
      let v = try scalar(kpi)
      guard
        let row = rows.first(where: { r in
          (r.lower.map { !(v < $0) } ?? true) && (r.upper.map { v < $0 } ?? true)
        })
      else {
        throw EvaluationFailure("no row of the step table holds '\(kpi)' = \(v)")
      }
      let range =
        switch (row.lower, row.upper) {
        case (nil, let u?): "below \(u.percentText)"
        case (let l?, let u?): "from \(l.percentText) to \(u.percentText)"
        case (let l?, nil): "from \(l.percentText)"
        case (nil, nil): "any value"
        }
      let shown = ((try? v.rounded(scale: 6, .halfEven)) ?? v).percentText
      parts = try byShares(
        row.shares, of: base, basis: "\(what); \(kpi) = \(shown): \(range) (\(row.clause))",
        step: step, pool: pool, &flow)
    }
    let given = try exact { () throws(ArithmeticError) in
      try parts.map(\.amount).sum()
    }
    flow.remaining = try exact { () throws(ArithmeticError) in try flow.remaining - given }
    // Pro-rata division keeps 28 decimal places: what is left is far below a fen, and belongs
    // to the split, not to "unallocated".
    if flow.remaining.magnitude < (try! Exact(significand: 1, scale: 20)) { flow.remaining = .zero }
    flow.lastSplit = parts
  }
}
