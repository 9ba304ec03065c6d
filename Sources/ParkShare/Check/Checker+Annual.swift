extension Checker {
  /// `floor P AMOUNT per year [with true-up] [paid by Q]`, `cap P AMOUNT per year with
  /// true-up`: an amount in the currency, not negative, on one party. The party's receipts
  /// from the pool this year are kept as the running total `received(P, POOL, year)`, and an
  /// annual floor applied to the year to date keeps what its top-ups gave (`floor(P, POOL)`).
  /// Nil after an error.
  mutating func checkAnnual(
    _ limit: AnnualTerm.Limit, party: Name, _ e: Expr, payer: Name?, trueUp: Bool, step: Step,
    pool: Name
  ) -> AnnualTerm? {
    let what = limit == .cap ? "a cap" : "a floor"
    let p = resolve(party, as: [.party], what: "party")
    let q = payer.map { resolve($0, as: [.party], what: "party") != nil } ?? true
    guard let t = typeAmount(e, unit: .base(contract.currency.code), what: what), p != nil, q
    else { return nil }
    refuseNegative(
      t.formula, at: e.range, what: "\(what) on '\(party.text)'",
      hint:
        "an annual \(limit.rawValue) is an amount for the year: 0 \(contract.currency.code) or more"
    )
    let year = Expr.name(Name(text: "year", range: e.range))
    guard typeReceived([.name(party), .name(pool), year], e.range) != nil else { return nil }
    if limit == .floor && !trueUp {
      let key = AnnualTerm.givenKey(party: party.text, pool: pool.text)
      contract.annualFloorTotals[key] = PoolParty(pool: pool.text, party: party.text)
    }
    return AnnualTerm(
      limit: limit, party: party.text, amount: t.formula, payer: payer?.text, trueUp: trueUp)
  }

  /// Where an annual term cannot act as written: in a pool whose steps start or stop on a day
  /// (the year to date would have to be cut by days), or settled as advances in a contract that
  /// settles yearly (every period is a year: there is nothing to advance).
  mutating func checkAnnualPlacement(_ steps: [(PoolStep, Step)]) {
    checkFloorsUnderCaps(steps)
    let cutBy = steps.first { $0.0.fromDay != nil || $0.0.untilDay != nil }
    // An annual floor to date carries its top-ups under its party and pool: one per party.
    var floored: [String: Step] = [:]
    for (step, ast) in steps {
      guard case .annual(let term) = step.kind else { continue }
      if term.limit == .floor, !term.trueUp {
        if let first = floored[term.party] {
          error(
            .badCap,
            "'\(term.party)' already has a floor per year in this pool (\(first.range.clause))",
            at: ast.range, hint: "state the party's annual floor once")
        }
        floored[term.party] = floored[term.party] ?? ast
      }
      if cutBy == nil, let party = partyCuttingDays(steps.map(\.0)) {
        error(
          .badCap,
          "an annual \(term.limit.rawValue) cannot act in a pool that pays '\(party.id)', who joins or leaves inside a period",
          at: ast.range,
          hint: "date the party by period (\(periodExample)), or \(perPeriod(term))",
          notes: [.init(message: "'\(party.id)' is declared here", range: party.clause)])
      }
      if let (_, cut) = cutBy {
        error(
          .badCap,
          "an annual \(term.limit.rawValue) cannot act in a pool whose steps start or stop on a day (\(cut.range.clause))",
          at: ast.range,
          hint: "date the pool's steps by period (\(periodExample)), or \(perPeriod(term))"
        )
      }
      if term.trueUp && contract.frequency == .year {
        error(
          .badCap,
          "a true-up settles a year's advances, but this contract settles yearly: there are none",
          at: ast.range,
          hint:
            "write '\(term.limit.rawValue) \(term.party) AMOUNT per year' without 'with true-up'")
      }
    }
  }

  /// A period date of this contract's frequency, for hints: `from 2029Q2` in a quarterly one.
  var periodExample: String {
    guard termKnown else { return "from 2029Q2" }
    return "from \(contract.term.from.next)"
  }

  /// How the term is written for one period instead of a year.
  func perPeriod(_ term: AnnualTerm) -> String {
    term.limit == .floor
      ? "write a floor per period ('floor \(term.party) AMOUNT', without 'per year')"
      : "write a cap per period ('cap \(term.party) AMOUNT per period')"
  }

  /// A party the steps may pay whose dates cut a period (a day that is not a period's first or
  /// last), or nil.
  func partyCuttingDays(_ steps: [PoolStep]) -> Party? {
    let paid = contract.payees(Pool(id: "", sources: [], steps: steps, clause: .whole("")))
    let len = contract.frequency
    return contract.parties.first { p in
      guard paid.contains(p.id) || p.group.map(paid.contains) == true else { return false }
      let cutsFrom = p.from.map {
        $0 != CalendarDay.first(of: Period(containing: $0.absoluteMonth, length: len))
      }
      let cutsUntil = p.until.map {
        $0 != CalendarDay.last(of: Period(containing: $0.absoluteMonth, length: len))
      }
      return cutsFrom == true || cutsUntil == true
    }
  }

  /// A floor above the cap of the same party and span (per period, or per year) cannot hold:
  /// the cap would hold the party where the floor must lift it, and the period would stop at
  /// settlement on whichever acted last. Where both amounts are constants, that is said here,
  /// at the floor, naming the cap.
  mutating func checkFloorsUnderCaps(_ steps: [(PoolStep, Step)]) {
    struct Limit {
      var amount: Exact
      var step: Step
    }
    var caps: [String: Limit] = [:]
    var floors: [(key: String, party: String, limit: Limit)] = []
    for (step, ast) in steps {
      switch step.kind {
      case .cap(let party, let amount, let span, false) where span != .term:
        guard let a = try? Checker.fold(amount) else { continue }
        let key = span.rawValue + " " + party
        if caps[key].map({ a < $0.amount }) ?? true { caps[key] = Limit(amount: a, step: ast) }
      case .floor(let party, let amount, _):
        guard let a = try? Checker.fold(amount) else { continue }
        floors.append(("period " + party, party, Limit(amount: a, step: ast)))
      case .annual(let term):
        guard let a = try? Checker.fold(term.amount) else { continue }
        let key = "year " + term.party
        if term.limit == .floor {
          floors.append((key, term.party, Limit(amount: a, step: ast)))
        } else if caps[key].map({ a < $0.amount }) ?? true {
          caps[key] = Limit(amount: a, step: ast)
        }
      default: continue
      }
    }
    for f in floors {
      guard let cap = caps[f.key], cap.amount < f.limit.amount else { continue }
      let span = (f.key.hasPrefix("year") ? " per year" : " per period")
      let unit = " " + contract.currency.code
      error(
        .badCap,
        "the floor of '\(f.party)' (\(f.limit.amount.grouped(places: 6))\(unit)\(span)) is above its cap (\(cap.amount.grouped(places: 6))\(unit)\(span), \(cap.step.range.clause)): both cannot hold",
        at: f.limit.step.range, hint: "lower the floor to the cap or below, or raise the cap")
    }
  }
}
