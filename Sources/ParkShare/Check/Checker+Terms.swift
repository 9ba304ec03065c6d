extension Checker {
  enum Edge { case start, end }

  /// A period used in a term, checked against the contract's term and frequency (each only once
  /// the `settle` line gave it).
  mutating func checkPeriod(_ ref: PeriodRef, _ edge: Edge, what: String) -> Period? {
    if let problem = periodProblem(ref, edge, what: what) {
      error(problem.id, problem.message, at: ref.range, hint: problem.hint)
      return nil
    }
    let (p, len) = (ref.period, contract.frequency)
    return edge == .end
      ? Period(containing: p.lastMonth, length: len) : Period(containing: p.firstMonth, length: len)
  }

  func periodProblem(_ ref: PeriodRef, _ edge: Edge, what: String) -> (
    id: DiagnosticID, message: String, hint: String
  )? {
    let p = ref.period
    let term = contract.term
    let len = contract.frequency
    if termKnown, p.lastMonth < term.from.firstMonth || p.firstMonth > term.to.lastMonth {
      return (
        .outsideTerm, "\(what) \(p) is outside the term (\(term.from) to \(term.to))",
        "dates must fall within the 'settle' term"
      )
    }
    if frequencyKnown,
      edge == .start && p.firstMonth % len.months != 0
        || edge == .end && (p.lastMonth + 1) % len.months != 0
    {
      return (
        .misalignedPeriod,
        "\(what) \(p) does not \(edge == .start ? "start" : "end") a \(len.rawValue)",
        "the contract settles \(len.frequencyWord); terms change at period boundaries"
      )
    }
    return nil
  }

  mutating func checkDefinitions() {
    let currency = Unit.base(contract.currency.code)
    for d in file.declarations {
      guard case .definition(let def) = d.kind,
        let t = typeDefinition(def.id.text) ?? partialTyped[def.id.text]
      else { continue }
      if t.isCondition {
        error(
          .badCondition,
          "'\(def.id.text)' is a comparison; a \(def.kind.rawValue) must be a value",
          at: def.expr.range)
      } else if def.kind == .revenue && t.unit != currency {
        error(
          .unitMismatch,
          "revenue '\(def.id.text)' is in \(t.unit), not \(contract.currency.code)",
          at: def.expr.range,
          hint: t.unit == .kWh
            ? "multiply by a price in \(contract.currency.code)/kWh"
            : (t.unit == .certificate
              ? "multiply certificates by a price in \(contract.currency.code)/cert" : nil))
      } else if def.kind == .revenue, let per = t.per {
        error(
          .perMismatch, "revenue '\(def.id.text)' varies per '\(per)'; a revenue is one total",
          at: def.expr.range,
          hint: "wrap it in sum(...)")
      }
    }
    let kinds = Dictionary(
      file.declarations.compactMap { d -> (String, Declaration)? in
        if case .definition(let def) = d.kind { return (def.id.text, d) } else { return nil }
      }, uniquingKeysWith: { a, _ in a })
    for id in typedOrder {
      guard let d = kinds[id], case .definition(let def) = d.kind, let t = typed[id] else {
        continue
      }
      contract.definitions.append(
        Definition(
          id: id, kind: def.kind, formula: t.formula, written: def.expr.written, unit: t.unit,
          per: t.per,
          clause: d.range))
    }
  }

  mutating func checkSubsidies() {
    let currency = Unit.base(contract.currency.code)
    for d in file.declarations {
      guard case .subsidy(let s) = d.kind else { continue }
      let t = typeDefinition(s.id.text) ?? partialTyped[s.id.text]
      if let t, t.unit != currency || t.per != nil || t.isCondition {
        error(
          .unitMismatch,
          "subsidy '\(s.id.text)' must be one amount in \(contract.currency.code), not \(t.unit)\(t.per.map { " per '\($0)'" } ?? "")",
          at: s.expr.range,
          hint: t.unit == .kWh ? "multiply by a rate in \(contract.currency.code)/kWh" : nil)
      }
      if let t, t.unit == currency {
        refuseNegative(
          t.formula, at: s.expr.range, what: "subsidy '\(s.id.text)'",
          hint: "a subsidy is paid into the pool by its payer: write the rate without '-'")
      }
      if let payer = s.payer { _ = resolve(payer, as: [.party], what: "party") }
      let once = s.once.flatMap { checkPeriod($0, .start, what: "the payment period") }
      var schedule: [Subsidy.Step] = []
      var degression: Subsidy.Degression? = nil
      var triggers: [Subsidy.Trigger] = []
      var lastStep: (period: Period, factor: Exact, written: Period)? = nil
      for rule in s.rules {
        switch rule {
        case .steps(let steps, _):
          for (at, factor) in steps {
            guard factor.value >= .zero, factor.value <= .one else {
              error(.badPercent, "a phase-out factor must be from 0% to 100%", at: factor.range)
              continue
            }
            let start = Period(containing: at.period.firstMonth, length: contract.frequency)
            if let last = lastStep {
              if start <= last.period {
                error(
                  .unorderedSchedule,
                  "phase-out \(at.period) does not come after \(last.written)", at: at.range,
                  hint: "list the steps in time order")
                continue
              }
              if factor.value > last.factor {
                warning(
                  .risingPhaseOut,
                  "the subsidy rises from \(last.factor.percentText) to \(factor.value.percentText) in \(at.period)",
                  at: factor.range, hint: "a phase-out (退坡) usually only falls; check the table")
              }
            } else if termKnown, at.period.firstMonth > contract.term.from.firstMonth {
              error(
                .uncoveredTerm,
                "the phase-out table starts in \(at.period) but the term starts in \(contract.term.from)",
                at: at.range,
                hint: "add a step for \(contract.term.from.year) saying what is paid from the start"
              )
            }
            if termKnown, at.period.firstMonth > contract.term.to.lastMonth {
              error(
                .outsideTerm,
                "phase-out step \(at.period) is after the term ends (\(contract.term.to))",
                at: at.range)
            }
            lastStep = (start, factor.value, at.period)
            schedule.append(Subsidy.Step(from: start, factor: factor.value))
          }
        case .degression(let rate, let every, let from, let range):
          guard degression == nil else {
            error(.duplicateHeader, "a subsidy has one degression rule", at: range)
            continue
          }
          let lengths: [String: Period.Length] = [
            "month": .month, "quarter": .quarter, "half-year": .half, "year": .year,
          ]
          guard let length = lengths[every.text] else {
            let words = ["month", "quarter", "half-year", "year"]
            error(
              .badFrequency, "degression per '\(every.text)'?", at: every.range,
              hint: Spelling.nearest(every.text, in: words).map { "did you mean '\($0)'?" }
                ?? "per month, quarter, half-year or year")
            continue
          }
          guard rate.value > .zero, rate.value < .one else {
            error(
              .badPercent, "a degression rate must be above 0% and below 100%", at: rate.range)
            continue
          }
          let start =
            from.flatMap { checkPeriod($0, .start, what: "degression start") } ?? contract.term.from
          degression = Subsidy.Degression(rate: rate.value, every: length, from: start)
        case .trigger(let factor, let condition, _):
          guard factor.value >= .zero, factor.value <= .one else {
            error(.badPercent, "a reduced factor must be from 0% to 100%", at: factor.range)
            continue
          }
          guard let c = type(condition) else { continue }
          guard c.isCondition, c.per == nil else {
            error(
              .badCondition,
              "'when' needs a comparison of totals, like 'market_revenue >= 1,000,000 CNY'",
              at: condition.range)
            continue
          }
          triggers.append(Subsidy.Trigger(factor: factor.value, condition: c.formula))
        }
      }
      if let t {
        let subsidy = Subsidy(
          id: s.id.text, formula: t.formula, written: s.expr.written, payer: s.payer?.text,
          once: once, schedule: schedule,
          degression: degression, triggers: triggers, clause: d.range)
        checkPayerDates(subsidy, at: s.payer?.range ?? d.range)
        contract.subsidies.append(subsidy)
      }
    }
  }

  mutating func checkPoints() {
    for d in file.declarations {
      guard case .points(let p) = d.kind else { continue }
      guard resolve(p.group, as: [.group], what: "group") != nil else { continue }
      if let cap = p.cap, cap.value <= .zero {
        error(.badCap, "a points cap must be above zero", at: cap.range)
      }
      if p.rules.isEmpty {
        error(
          .syntax, "points '\(p.id.text)' has no rules", at: p.id.range,
          hint: "add indented lines like '2 per % green_share'")
      }
      var rules: [PointsScheme.Rule] = []
      for rule in p.rules {
        switch rule {
        case .per(let points, let unitExpr, let expr, _):
          refuseNegativePoints(points)
          let resolved = unit(unitExpr)
          let typedRule = type(expr)
          guard let (u, factor) = resolved, let t = typedRule else { continue }
          guard t.unit == u, !t.isCondition else {
            error(
              .unitMismatch, "points per \(unitExpr.text) need a value in \(u), not \(t.unit)",
              at: expr.range)
            continue
          }
          if let per = t.per, per != p.group.text {
            error(
              .perMismatch, "points for '\(p.group.text)' cannot use a value per '\(per)'",
              at: expr.range)
            continue
          }
          rules.append(.per(points: points.value, per: factor, formula: t.formula))
        case .bonus(let points, let condition, _):
          refuseNegativePoints(points)
          guard let t = type(condition) else { continue }
          guard t.isCondition || t.unit.isDimensionless else {
            error(
              .badCondition, "a bonus needs a condition, like 'reported_on_time >= 1'",
              at: condition.range)
            continue
          }
          rules.append(.bonus(points: points.value, condition: t.formula))
        }
      }
      let written = p.rules.map { rule in
        switch rule {
        case .per(let points, let unit, let expr, _):
          "\(points.text) per \(unit.text) \(expr.written)"
        case .bonus(let points, let condition, _): "\(points.text) if \(condition.written)"
        }
      }
      contract.points.append(
        PointsScheme(
          id: p.id.text, group: p.group.text, cap: p.cap?.value, rules: rules, written: written,
          clause: d.range, carry: p.carry.map { checkCarry($0) }))
    }
  }

  /// Points weigh members in a rebate: a negative weight has no share to give.
  mutating func refuseNegativePoints(_ points: Literal) {
    if points.value.isNegative {
      error(
        .negative, "points cannot be negative", at: points.range,
        hint: "points weigh each member's share of a rebate: 0 or more")
    }
  }
}
