extension Checker {
  /// `to-date(X)`, `to-date(X, year)`, `to-date(X, 4 quarters)`: X's total over the term, the
  /// calendar year or the last periods, this period included. X is named: a meter, an input, a
  /// `let`, `kpi`, `revenue` or `subsidy`, or a pool; it must be one total of something that
  /// adds up over time (energy, money, carbon, certificates, points), not a price or a ratio.
  mutating func typeToDate(_ name: Name, _ args: [Expr], _ range: SourceRange) -> Typed? {
    let form = "to-date(X), to-date(X, year) or to-date(X, 4 quarters)"
    guard (1...2).contains(args.count) else {
      error(
        .badCall, "'to-date' takes 1 or 2 arguments, not \(args.count)", at: range, hint: form)
      return nil
    }
    guard case .name(let n) = args[0] else {
      error(
        .badCall, "to-date() takes a name: a meter, input, value or pool", at: args[0].range,
        hint: "name the quantity with 'let' and take to-date() of the name")
      return nil
    }
    let window: RunningWindow
    if args.count == 2 {
      guard let w = runningWindow(args[1]) else { return nil }
      window = w
    } else {
      window = .term
    }
    let subject: RunningSubject
    let unit: Unit
    let per: String?
    if symbols[n.text]?.kind == .pool {
      subject = .pool(n.text)
      unit = .base(contract.currency.code)
      per = nil
    } else {
      guard let t = typeName(n) else { return nil }
      switch t.formula {
      case .meter(let id): subject = .meter(id)
      case .input(let id): subject = .input(id)
      default: subject = .value(n.text)
      }
      unit = t.unit
      per = t.per
    }
    if let per {
      error(
        .cannotAccumulate,
        "to-date() of '\(n.text)', a value per '\(per)', is not supported: it takes one total",
        at: args[0].range, hint: "name the total with 'let', e.g. 'let total = sum(\(n.text))'")
      return nil
    }
    if unit.isDimensionless || unit.exponents.values.contains(where: { $0 < 0 }) {
      error(
        .cannotAccumulate,
        "'\(n.text)' is \(unit.spoken): a \(unit.isDimensionless ? "ratio or count" : "rate") does not add up over periods",
        at: args[0].range,
        hint: "take to-date() of what it is computed from (kWh, money, tCO2e), then divide")
      return nil
    }
    // A power (a month's peak demand) is a maximum, not an amount: months' peaks do not add up.
    if unit.exponents["kW"] != nil {
      error(
        .cannotAccumulate,
        "'\(n.text)' is \(unit.spoken): a peak demand does not add up over periods",
        at: args[0].range,
        hint: "take to-date() of the money it is billed at (peak x price), or of the kWh")
      return nil
    }
    let history = max(contract.runningTotals[subject.id]?.history ?? 0, window.history)
    contract.runningTotals[subject.id] = RunningSubjectUse(subject: subject, history: history)
    return Typed(formula: .toDate(subject, window), unit: unit)
  }

  /// `year`, or a whole number of the contract's periods: `4 quarters`, `12 months`, `2 years`.
  mutating func runningWindow(_ e: Expr) -> RunningWindow? {
    let hint = "'year' (this calendar year so far) or a length such as '4 quarters'"
    if case .name(let n) = e, n.text == "year" { return .year }
    return periods(inLength: e, what: "a running total's window", hint: hint).map { .periods($0) }
  }

  /// `received(P)`, `received(P, POOL)`, `received(P, POOL, year)`, `received(P, year)`:
  /// what party P (or a group's members together) was paid before this period, from every pool
  /// or from one, over the term or a window (`year`: this calendar year before this period;
  /// `4 quarters`: the four periods before this one). Before this period, so a step may read it
  /// without reading its own result.
  mutating func typeReceived(_ args: [Expr], _ range: SourceRange) -> Typed? {
    let form = "received(PARTY), received(PARTY, POOL) or received(PARTY, POOL, year)"
    guard (1...3).contains(args.count) else {
      error(
        .badCall, "'received' takes 1 to 3 arguments, not \(args.count)", at: range, hint: form)
      return nil
    }
    guard case .name(let p) = args[0] else {
      error(.badCall, "received() takes a party by name", at: args[0].range, hint: form)
      return nil
    }
    guard resolve(p, as: [.party, .group], what: "party or group") != nil else { return nil }
    var pool: String? = nil
    var window: RunningWindow? = nil
    for (k, arg) in args.dropFirst().enumerated() {
      if k == 0, case .name(let q) = arg, q.text != "year" {
        guard resolve(q, as: [.pool], what: "pool") != nil else { return nil }
        pool = q.text
      } else if k == args.count - 2 {
        guard let w = runningWindow(arg) else { return nil }
        window = w
      } else {
        error(.badCall, "received() takes a party, a pool and a window", at: arg.range, hint: form)
        return nil
      }
    }
    if let window {
      // The window is kept as a running total of receipts; a `4 quarters` window sums the four
      // periods before this one, so it keeps four.
      let use = ReceivedUse(party: p.text, pool: pool, history: 0)
      let history: Int =
        if case .periods(let n) = window { n } else { 0 }
      let kept = contract.receivedTotals[use.key]?.history ?? 0
      contract.receivedTotals[use.key] = ReceivedUse(
        party: p.text, pool: pool, history: max(kept, history))
    }
    return Typed(
      formula: .received(party: p.text, pool: pool, window: window),
      unit: .base(contract.currency.code))
  }

  func isName(_ e: Expr) -> Bool {
    if case .name = e { return true }
    return false
  }
}
