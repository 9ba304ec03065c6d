extension Checker {
  mutating func checkPools() {
    for d in file.declarations {
      guard case .pool(let p) = d.kind else { continue }
      for source in p.sources {
        guard resolve(source, as: [.revenue, .subsidy], what: "revenue or subsidy") != nil else {
          continue
        }
        if let first = allocatedBy[source.text] {
          error(
            .doubleAllocation, "'\(source.text)' is already allocated by another pool",
            at: source.range,
            hint: "each revenue goes into one pool, or it would be paid out twice",
            notes: [.init(message: "first allocated here", range: first.range)])
        } else {
          allocatedBy[source.text] = source
        }
      }
      var steps: [(PoolStep, Step)] = []
      for step in p.steps {
        if let checked = checkStep(step, pool: p) {
          steps.append((checked, step))
          checkPartyDates(checked, at: step.range)
        }
      }
      checkSplitCoverage(p)
      checkLimitPlacement(steps)
      checkAnnualPlacement(steps)
      checkLossCoverage(steps, pool: p)
      contract.pools.append(
        Pool(
          id: p.id.text, sources: p.sources.map(\.text), steps: steps.map(\.0),
          clause: d.range, rounding: checkRounding(p)))
    }
    contract.funds = symbols.filter { $0.value.kind == .fund }.keys.sorted()
  }

  /// In every period of the term exactly one split must apply, or the remainder has no owner.
  /// Judged on the split lines' dates alone, so a broken share or another broken step does not
  /// hide two splits that overlap.
  mutating func checkSplitCoverage(_ p: PoolDecl) {
    guard termKnown else { return }  // the missing or broken 'settle' line was reported
    if p.steps.isEmpty {
      if p.brokenSteps == 0 {
        error(
          .noSplit, "pool '\(p.id.text)' has no steps", at: p.id.range,
          hint: "add an indented 'split' line saying who gets the pool")
      }
      return
    }
    // Each split as a step with its dates, for the days it cuts and where it applies.
    var splits: [(step: Step, dates: PoolStep)] = []
    let len = contract.frequency
    for step in p.steps {
      guard case .split = step.kind else { continue }
      // A split paid per unit without `rest carried to` leaves its rest to a split after it,
      // which must then take the remainder: it is not the remainder's split itself.
      if let p = step.perUnit, p.carry == nil { continue }
      // A split whose dates are wrong was reported; what it would cover is unknown.
      let fromOK = step.effective.from.map { effectiveOK($0, .start) } ?? true
      let untilOK = step.effective.until.map { effectiveOK($0, .end) } ?? true
      guard fromOK, untilOK else { return }
      let f = step.effective.from.map { normalized($0, .start) }
      let u = step.effective.until.map { normalized($0, .end) }
      let dates = PoolStep(
        kind: .reserve(fund: "", amount: .ofPool(share: .one)),
        from: f.map { Period(containing: $0.period.firstMonth, length: len) },
        until: u.map { Period(containing: $0.period.lastMonth, length: len) },
        clause: step.range, fromDay: f?.day, untilDay: u?.day)
      splits.append((step, dates))
    }
    // Judged per period, and per day where a split's date cuts one: each sub-period of a cut
    // period must have its one split, as a whole period must.
    let datesOnly = Pool(id: p.id.text, sources: [], steps: splits.map(\.dates), clause: p.id.range)
    var uncovered: [(first: String, last: String)] = []
    var reportedOverlap = false
    var reportedUnpaired: Set<String> = []
    for period in contract.term.periods(contract.frequency) {
      let subs: [SubPeriod?] = datesOnly.subPeriods(of: period) ?? [nil]
      for sub in subs {
        let when = sub.map { "\($0)" } ?? "\(period)"
        var active = splits.filter { s in
          sub.map { s.dates.applies(to: period, in: $0) } ?? s.dates.applies(to: period)
        }.map(\.step)
        // A conditional split covers a period together with the split of the opposite word on
        // the same condition (`if C` and `unless C`): one of the two always applies.
        var conditional: [String: [Step]] = [:]
        var order: [String] = []
        for s in active {
          guard let c = s.condition else { continue }
          let key = c.expr.written
          if conditional[key] == nil { order.append(key) }
          conditional[key, default: []].append(s)
        }
        active.removeAll { $0.condition != nil }
        for key in order {
          let pair = conditional[key]!
          let ifs = pair.filter { $0.condition!.keyword.text == "if" }.count
          if ifs == 1 && pair.count == 2 {
            active.append(pair[0])
          } else if reportedUnpaired.insert(key).inserted {
            let word = pair[0].condition!.keyword.text == "if" ? "unless" : "if"
            error(
              .unpairedCondition,
              "a conditional split of pool '\(p.id.text)' needs one split '\(word) \(key)' beside it in \(when)",
              at: pair[0].condition!.expr.range,
              hint: "when the condition does not decide, the remainder would have no owner (or two)"
            )
          }
        }
        if active.isEmpty && conditional.isEmpty {
          uncovered.append(
            sub.map { ("\($0.first)", "\($0.last)") } ?? ("\(period)", "\(period)"))
        }
        if active.count > 1 && !reportedOverlap {
          reportedOverlap = true
          error(
            .overlappingSplits, "two splits of pool '\(p.id.text)' apply in \(when)",
            at: active[1].range,
            hint: "date them apart with 'until' and 'from'",
            notes: [.init(message: "the other split", range: active[0].range)])
        }
      }
    }
    // A broken step line may be the split that covers these periods.
    if p.brokenSteps == 0, let first = uncovered.first, let last = uncovered.last {
      let span =
        uncovered.count == 1 && first.first == first.last
        ? first.first : "\(first.first) to \(last.last)"
      error(
        .noSplit,
        "pool '\(p.id.text)' has no split for \(span): its remainder would have no owner",
        at: p.id.range,
        hint: "add a split that applies then (uncovered periods: \(uncovered.count))")
    }
  }

  /// A cap or floor acts on what the steps before it paid, handing money to or taking it from
  /// the parties of the latest split: placed where it cannot act, it would be ignored in silence.
  mutating func checkLimitPlacement(_ steps: [(PoolStep, Step)]) {
    let periods = contract.term.periods(contract.frequency)
    for (k, (step, ast)) in steps.enumerated() {
      let target: String
      let needsSplit: Bool
      switch step.kind {
      case .cap(let party, _, _, _):
        (target, needsSplit) = (party, true)
      case .floor(let party, _, let payer):
        (target, needsSplit) = (party, payer == nil)
      case .annual(let term):
        (target, needsSplit) = (term.party, term.payer == nil)
      default: continue
      }
      let earlier = steps[..<k].map(\.0)
      let active = periods.filter(step.applies)
      let splitBefore = active.contains { period in
        earlier.contains { s in
          if case .split = s.kind { s.applies(to: period) } else { false }
        }
      }
      let what =
        if case .annual(let term) = step.kind { term.limit.rawValue } else {
          step.isCap ? "cap" : "floor"
        }
      if needsSplit && !splitBefore {
        let later = steps[(k + 1)...].contains {
          if case .split = $0.0.kind { true } else { false }
        }
        error(
          .limitCannotAct,
          later
            ? "this \(what) comes before the split it limits: it would never act"
            : "no split comes before this \(what): there is no one to \(step.isCap ? "hand the cut to" : "take the shortfall from")",
          at: ast.range,
          hint: later
            ? "move the \(what) below the split"
            : (step.isCap
              ? "add a split above it" : "add a split above it, or say who pays: 'paid by PARTY'"))
        continue
      }
      guard step.isCap else { continue }
      let covered = Set(contract.groups.first { $0.id == target }?.members ?? []).union([target])
      let paid = earlier.contains { s in
        !covered.isDisjoint(with: paidParties(s)) && active.contains(where: s.applies)
      }
      if !paid {
        error(
          .limitCannotAct, "no step before this cap pays '\(target)': it would never act",
          at: ast.range, hint: "cap a party that a step above pays, or move the cap below that step"
        )
      }
    }
  }

  /// The parties (and groups, and their members) a step pays.
  func paidParties(_ step: PoolStep) -> Set<String> {
    var names: [String]
    switch step.kind {
    case .pay(let party, _, _): names = [party]
    case .rebate(_, let group, _): names = [group]
    case .split(.fixed(let shares)): names = shares.map(\.party)
    case .split(.metric(let parties, _)): names = parties
    case .split(.tiered(let rows)), .split(.steps(_, let rows)):
      names = rows.flatMap { $0.shares.map(\.party) }
    case .clawback(let party, _): names = [party]
    case .redeem(let r): names = [r.group]
    case .reserve, .cap, .floor, .annual, .loss: names = []
    }
    for g in contract.groups where names.contains(g.id) { names += g.members }
    return Set(names)
  }

  mutating func checkStep(_ step: Step, pool: PoolDecl) -> PoolStep? {
    let currency = Unit.base(contract.currency.code)
    var from: Period? = nil
    var until: Period? = nil
    var fromDay: CalendarDay? = nil
    var untilDay: CalendarDay? = nil
    // Wrong dates are reported and the step itself is still checked: its mistakes are others.
    var datesOK = true
    if let f = step.effective.from {
      let checked = checkEffective(f, .start, what: "'from'")
      (from, fromDay) = (checked?.period, checked?.day)
      if checked == nil { datesOK = false }
    }
    if let u = step.effective.until {
      let checked = checkEffective(u, .end, what: "'until'")
      (until, untilDay) = (checked?.period, checked?.day)
      if checked == nil { datesOK = false }
    }
    if fromDay == nil, untilDay == nil, let f = from, let u = until, f.firstMonth > u.lastMonth {
      error(.badTerm, "this step starts (\(f)) after it ends (\(u))", at: step.range)
    } else if let f = from, let u = until,
      fromDay ?? CalendarDay.first(of: f) > untilDay ?? CalendarDay.last(of: u)
    {
      let first = fromDay.map { "\($0)" } ?? "\(f)"
      let last = untilDay.map { "\($0)" } ?? "\(u)"
      error(.badTerm, "this step starts (\(first)) after it ends (\(last))", at: step.range)
    }
    func amount(_ a: Amount, _ what: String, into checker: inout Checker) -> StepAmount? {
      switch a {
      case .percentOf(let p, let remainder):
        guard p.value > .zero, p.value <= .one else {
          checker.error(
            .badPercent, "a share of the pool must be above 0% and at most 100%", at: p.range,
            hint: p.value.isNegative
              ? "\(what) takes money out of the pool: write the share without '-'"
              : "a step takes part of the pool, at most all of it")
          return nil
        }
        return remainder ? .ofRemainder(share: p.value) : .ofPool(share: p.value)
      case .expr(let e):
        guard let t = checker.typeAmount(e, unit: currency, what: "the amount") else { return nil }
        checker.refuseNegative(
          t.formula, at: e.range, what: what,
          hint: "\(what) takes money out of the pool: write the amount or rate without '-'")
        return .amount(formula: t.formula)
      }
    }
    // A wrong condition is reported and the step is still checked.
    let condition = step.condition.map { checkCondition($0, step: step) }
    let kind: PoolStep.Kind
    var perUnit: PerUnit? = nil
    switch step.kind {
    case .pay(let party, let a, let arrears):
      let p = resolve(party, as: [.party], what: "party")
      guard let a = amount(a, "a payment to '\(party.text)'", into: &self), p != nil else {
        return nil
      }
      kind = .pay(party: party.text, amount: a, arrears: arrears)
    case .reserve(let fund, let a):
      if let existing = symbols[fund.text],
        existing.kind != .fund || deficitFunds[fund.text] != nil || carryFunds[fund.text] != nil
      {
        alreadyDefined(fund.text, at: fund.range, first: existing)
        return nil
      }
      if symbols[fund.text] == nil { symbols[fund.text] = Symbol(kind: .fund, range: fund.range) }
      guard let a = amount(a, "a reserve to '\(fund.text)'", into: &self) else { return nil }
      kind = .reserve(fund: fund.text, amount: a)
    case .rebate(let share, let group, let metric):
      let isGroup = resolve(group, as: [.group], what: "group") != nil
      let a = amount(share, "a rebate to '\(group.text)'", into: &self)
      guard isGroup, let a, let m = perMemberMetric(metric, group: group.text) else { return nil }
      kind = .rebate(share: a, group: group.text, metric: m)
    case .split(let split):
      guard let allocation = checkSplit(split, step: step, pool: pool.id.text) else { return nil }
      kind = .split(allocation)
      if let spec = step.perUnit {
        guard let p = checkPerUnit(spec, allocation, pool: pool.id.text) else { return nil }
        perUnit = p
      }
    case .cap(let party, let e, let span, let each):
      let p = resolve(
        party, as: each ? [.group] : [.party, .group], what: each ? "group" : "party or group")
      guard let t = typeAmount(e, unit: currency, what: "a cap"), p != nil else { return nil }
      refuseNegative(
        t.formula, at: e.range, what: "a cap on '\(party.text)'",
        hint: "a cap is the most a party receives: 0 \(contract.currency.code) or more")
      if span == .year {
        guard !each else {
          error(
            .badCap, "'cap each ... per year' is not supported: cap the group's sum per year",
            at: step.range, hint: "cap GROUP AMOUNT per year, or cap each GROUP AMOUNT per period")
          return nil
        }
        // The year to date is read from the running total of the party's receipts from this
        // pool, which `received(P, POOL, year)` keeps.
        let year = Expr.name(Name(text: "year", range: e.range))
        guard typeReceived([.name(party), .name(pool.id), year], e.range) != nil else {
          return nil
        }
      }
      kind = .cap(party: party.text, amount: t.formula, span: span, each: each)
    case .annual(let limit, let party, let e, let payer, let trueUp):
      guard
        let term = checkAnnual(
          limit, party: party, e, payer: payer, trueUp: trueUp, step: step, pool: pool.id)
      else { return nil }
      kind = .annual(term)
    case .loss(let rule):
      guard let rule = checkLoss(rule, step: step, pool: pool) else { return nil }
      kind = .loss(rule)
    case .clawback(let party, let e):
      let p = resolve(party, as: [.party], what: "party")
      guard let t = typeAmount(e, unit: currency, what: "a clawback"), p != nil else { return nil }
      refuseNegative(
        t.formula, at: e.range, what: "a clawback from '\(party.text)'",
        hint: "a clawback takes an amount back: write it without '-'")
      kind = .clawback(party: party.text, amount: t.formula)
    case .redeem(let r):
      guard let redemption = checkRedeem(r) else { return nil }
      kind = .redeem(redemption)
    case .floor(let party, let e, let payer):
      let p = resolve(party, as: [.party], what: "party")
      let q = payer.map { resolve($0, as: [.party], what: "party") != nil } ?? true
      guard let t = typeAmount(e, unit: currency, what: "a floor"), p != nil, q else { return nil }
      refuseNegative(
        t.formula, at: e.range, what: "a floor for '\(party.text)'",
        hint: "a floor is the least a party receives: 0 \(contract.currency.code) or more")
      kind = .floor(party: party.text, amount: t.formula, payer: payer?.text)
    }
    guard datesOK, condition.map({ $0 != nil }) ?? true else { return nil }
    return PoolStep(
      kind: kind, from: from, until: until, clause: step.range, condition: condition ?? nil,
      fromDay: fromDay, untilDay: untilDay, perUnit: perUnit)
  }

  /// A metric that gives each member of `group` a value: an input, meter, let or points per
  /// that group.
  mutating func perMemberMetric(_ metric: Name, group: String) -> Formula? {
    guard let t = typeName(metric) else { return nil }
    guard t.per == group else {
      error(
        .perMismatch, "'\(metric.text)' is not a value per member of '\(group)'",
        at: metric.range,
        hint: "declare it with 'per \(group)', e.g. 'input \(metric.text) kWh per \(group)'")
      return nil
    }
    return t.formula
  }

  mutating func checkSplit(_ split: Split, step: Step, pool: String) -> Allocation? {
    let currency = Unit.base(contract.currency.code)
    switch split {
    case .fixed(let shares):
      guard let checked = checkShares(shares, at: step.range, what: "pool '\(pool)'") else {
        return nil
      }
      return .fixed(shares: checked)
    case .metric(let parties, let metric):
      guard !parties.isEmpty else {
        error(
          .syntax,
          "name who shares: 'split gov, op by \(metric.text)' or 'split GROUP by \(metric.text)'",
          at: metric.range)
        return nil
      }
      if metric.text != "stake", isBareColumn(parties, metric) {
        return checkColumnSplit(parties, column: metric, explicit: false, step: step)
      }
      if parties.count == 1, symbols[parties[0].text]?.kind == .group, metric.text != "stake" {
        guard let m = perMemberMetric(metric, group: parties[0].text) else { return nil }
        return .metric(parties: [parties[0].text], metric: m)
      }
      var ok = true
      // By stake, parties and registries mix: every one of them, or every member, has capital.
      let stake = metric.text == "stake"
      for p in parties
      where resolve(p, as: stake ? [.party, .group] : [.party], what: "party") == nil {
        ok = false
      }
      guard ok, checkNamedOnce(parties) else { return nil }
      if stake {
        let capitalized = Set(contract.parties.filter { $0.capital != nil }.map(\.id))
        for p in parties {
          let members = contract.groups.first { $0.id == p.text }?.members ?? [p.text]
          guard let m = members.first(where: { !capitalized.contains($0) }) else { continue }
          ok = false
          if brokenCapital.contains(p.text) { continue }  // its capital was reported
          error(
            .noCapital,
            m == p.text
              ? "party '\(p.text)' has no capital to take a stake by"
              : "member '\(m)' of '\(p.text)' has no capital to take a stake by", at: p.range,
            hint: m == p.text
              ? "add 'capital AMOUNT' to the party, or split by another metric"
              : "fill the registry's 'capital' column for every member")
        }
        guard ok else { return nil }
        // Capital is known now: stakes that are all zero would divide nothing, every period.
        let members = Set(
          parties.flatMap { p in contract.groups.first { $0.id == p.text }?.members ?? [p.text] })
        if contract.parties.allSatisfy({ !members.contains($0.id) || $0.capital?.isZero == true }) {
          error(
            .zeroStakes,
            "every stake in this split is 0: \(parties.count == 1 && members.count > 1 ? "every member of '\(parties[0].text)' has" : "the parties have") capital 0, so the split would divide nothing",
            at: step.range,
            hint: parties.count == 1 && members.count > 1
              ? "fill the registry's 'capital' column with what each member put in, or split the group by another metric"
              : "give the parties the capital they put in, or split by fixed shares ('split a 60%, b 40%')"
          )
          return nil
        }
        return .metric(parties: parties.map(\.text), metric: .value("stake"))
      }
      guard let m = perMemberMetric(metric, group: "party") else { return nil }
      return .metric(parties: parties.map(\.text), metric: m)
    case .column(let parties, let column):
      return checkColumnSplit(parties, column: column, explicit: true, step: step)
    case .tiered(let rows):
      guard let tiers = checkRows(rows, unit: currency, marginal: true, pool: pool) else {
        return nil
      }
      return .tiered(tiers: tiers)
    case .steps(let kpi, let rows):
      guard resolve(kpi, as: [.kpi, .let, .input], what: "KPI") != nil, let t = typeName(kpi) else {
        return nil
      }
      guard t.per == nil else {
        error(
          .perMismatch, "a step table reads one total, not a value per '\(t.per!)'", at: kpi.range
        )
        return nil
      }
      guard let tiers = checkRows(rows, unit: t.unit, marginal: false, pool: pool) else {
        return nil
      }
      return .steps(kpi: t.formula, rows: tiers)
    }
  }

  /// Shares named once each, every one above zero, summing to exactly 100%.
  mutating func checkShares(_ shares: [ShareSpec], at range: SourceRange, what: String) -> [Share]?
  {
    var seen: [String: SourceRange] = [:]
    var out: [Share] = []
    var ok = true
    var total = Exact.zero
    for s in shares {
      if resolve(s.party, as: [.party], what: "party") == nil { ok = false }
      if let first = seen[s.party.text] {
        error(
          .duplicateShare, "'\(s.party.text)' is named twice in \(what)", at: s.party.range,
          notes: [.init(message: "first named here", range: first)])
        ok = false
      }
      seen[s.party.text] = s.party.range
      if s.share.value.isNegative {
        error(
          .badPercent, "a share cannot be negative", at: s.share.range,
          hint: "a split divides what is left among the parties: each share is 0% or more")
        ok = false
      }
      do throws(ArithmeticError) {
        total = try total + s.share.value
      } catch {
        self.error(.overflow, "the shares of \(what) are too large to add up: \(error)", at: range)
        return nil
      }
      out.append(Share(party: s.party.text, share: s.share.value))
    }
    if total != .one {
      // Shares that added up leave a gap that fits: 1 - total cannot overflow.
      let gap = try? Exact.one - total
      error(
        .sharesSum, "shares of \(what) sum to \(total.percentText), not 100%", at: range,
        hint: gap.map {
          $0.isNegative
            ? "remove \($0.negated.percentText) from the shares"
            : "add the missing \($0.percentText)"
        })
      ok = false
    }
    return ok ? out : nil
  }

  /// Tier or step rows: contiguous, ordered, the first open below (or at 0 for marginal
  /// tiers), the last open above, shares summing to 100% in each.
  mutating func checkRows(_ rows: [TierRow], unit: Unit, marginal: Bool, pool: String) -> [Tier]? {
    guard !rows.isEmpty else { return nil }
    var tiers: [Tier] = []
    var ok = true
    var previousUpper: Exact? = nil
    var previousBroken = false
    let show: (Exact) -> String = unit.isDimensionless ? { $0.percentText } : { $0.grouped }
    for (i, row) in rows.enumerated() {
      if row.broken {  // reported by the parser
        ok = false
        previousBroken = true
        continue
      }
      let lower = row.lower.flatMap { constant($0, unit: unit, what: "a tier bound") }
      let upper = row.upper.flatMap { constant($0, unit: unit, what: "a tier bound") }
      if (row.lower != nil && lower == nil) || (row.upper != nil && upper == nil) {
        // Reported; the row's shares are still checked, its order against others is not.
        ok = false
        _ = checkShares(row.shares, at: row.range, what: "this tier of pool '\(pool)'")
        previousBroken = true
        continue
      }
      // Marginal tiers divide the amount from 0 up: a bound below 0 is never reached. (A step
      // table's bounds are a KPI's values, which may be negative.)
      if marginal, let u = upper, u.isNegative {
        error(
          .negative, "a tier bound on the amount cannot be negative", at: row.upper!.range,
          hint: "tiers divide the amount from 0 up")
        ok = false
      }
      if let l = lower, let u = upper, u <= l {
        error(
          .tierOrder, "tier bounds are out of order: \(show(u)) is not above \(show(l))",
          at: row.range)
        ok = false
      }
      if i == 0 {
        if marginal, let l = lower, l != .zero {
          error(
            .tierGap, "the first tier starts at \(show(l)): amounts below it have no shares",
            at: row.range,
            hint: "start the first tier at 0")
          ok = false
        } else if !marginal, lower != nil {
          error(
            .tierGap, "values below \(show(lower!)) are not covered", at: row.range,
            hint: "make the first row 'below \(row.lower.map { Checker.text(of: $0) } ?? "X"):'")
          ok = false
        }
      } else if previousBroken {
        previousBroken = false  // where the broken row ends is unknown: no order to judge
      } else if let p = previousUpper {
        if lower == nil {
          error(.tierOrder, "only the first row can be 'below'", at: row.range)
          ok = false
        } else if let l = lower, l > p {
          error(
            .tierGap, "the tiers leave a gap from \(show(p)) to \(show(l))", at: row.range,
            hint: "start this tier at \(show(p))")
          ok = false
        } else if let l = lower, l < p {
          error(
            .tierOverlap,
            "this tier starts at \(show(l)), inside the previous tier (which ends at \(show(p)))",
            at: row.range, hint: "start this tier at \(show(p))")
          ok = false
        }
      } else if i > 0 {
        error(
          .tierOrder, "the previous row is open-ended, so this row is never reached",
          at: row.range)
        ok = false
      }
      if i == rows.count - 1, let u = upper {
        error(
          .tierGap, "the last tier ends at \(show(u)): values above it have no shares",
          at: row.range,
          hint: "make the last row open: 'from \(show(u)) ...:'")
        ok = false
      }
      previousUpper = upper
      guard let shares = checkShares(row.shares, at: row.range, what: "this tier of pool '\(pool)'")
      else {
        ok = false
        continue
      }
      tiers.append(Tier(lower: lower, upper: upper, shares: shares, clause: row.range))
    }
    return ok ? tiers : nil
  }

  static func text(of e: Expr) -> String {
    switch e {
    case .number(_, let u, let text, _): text + (u.map { " " + $0.text } ?? "")
    case .percent(_, let text, _): text
    default: "X"
    }
  }
}
