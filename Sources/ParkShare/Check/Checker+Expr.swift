extension Checker {
  /// Types an expression: resolves names, checks units, tracks per-member values.
  mutating func type(_ e: Expr) -> Typed? {
    switch e {
    case .number(let v, let u, _, _):
      guard let u else { return Typed(formula: .constant(v), unit: .none) }
      guard let (unit, factor) = unit(u) else { return nil }
      guard let value = try? v * factor else {
        error(.overflow, "the number is too large", at: e.range)
        return nil
      }
      return Typed(formula: .constant(value), unit: unit)
    case .percent(let v, _, _):
      return Typed(formula: .constant(v), unit: .none)
    case .day(let d, let range):
      error(
        .badCall, "a day (\(d)) is not a value: it bounds prorate(X, FROM, UNTIL)", at: range,
        hint: "prorate(leased x 280 CNY/kW, \(d), 2027-08-14): an annual amount by days/365")
      return nil
    case .name(let n):
      return typeName(n)
    case .negate(let inner, _):
      guard let t = type(inner) else { return nil }
      return Typed(formula: .negate(t.formula), unit: t.unit, per: t.per)
    case .call(let name, let args, let range):
      return typeCall(name, args, range)
    case .binary(let op, let l, let r, _):
      let lt = type(l)
      let rt = type(r)
      guard let lt, let rt else { return Typed.partial(op, lt ?? rt) }
      if lt.isCondition || rt.isCondition {
        error(.badCondition, "a comparison cannot be part of a calculation", at: e.range)
        return nil
      }
      guard let per = mergePer(lt.per, rt.per, at: e.range) else { return nil }
      let perValue = per.isEmpty ? nil : per
      switch op {
      case .add, .subtract, .less, .lessOrEqual, .greater, .greaterOrEqual:
        guard lt.unit == rt.unit else {
          let verb = op == .add ? "add" : (op == .subtract ? "subtract" : "compare")
          let money = Unit.base(contract.currency.code)
          let units = [lt.unit, rt.unit]
          var hint = "both sides need the same unit"
          // kWh beside money or a price: the price was meant to multiply.
          if units.contains(.kWh) && (units.contains(money) || units.contains(money / .kWh)) {
            hint =
              "multiply kWh by a price in \(contract.currency.code)/kWh to get \(contract.currency.code)"
          } else if units.contains(where: \.isDimensionless),
            let u = units.first(where: { !$0.isDimensionless })
          {
            hint =
              "a plain number or percentage has no unit: write it in \(u) (1,000 \(u)), or divide by a total in \(u) to compare a ratio"
          }
          error(
            .unitMismatch, "cannot \(verb) \(lt.unit.spoken) and \(rt.unit.spoken)", at: e.range,
            hint: hint)
          return nil
        }
        let isCondition = ![.add, .subtract].contains(op)
        if !isCondition, lt.unit.holdsEachMonth {
          contract.spreadSums.insert(.binary(op, lt.formula, rt.formula))
        }
        return Typed(
          formula: .binary(op, lt.formula, rt.formula), unit: isCondition ? .none : lt.unit,
          per: perValue, isCondition: isCondition)
      case .multiply:
        return Typed(
          formula: .binary(op, lt.formula, rt.formula), unit: lt.unit * rt.unit, per: perValue)
      case .divide:
        // A divisor that is zero whatever the data (`/ 0`, `/ (2 - 2)`) can never be computed.
        if let d = try? Checker.fold(rt.formula), d.isZero {
          error(
            .divisionByZero, "division by zero", at: r.range,
            hint: "the divisor is always 0: check the formula")
          return nil
        }
        return Typed(
          formula: .binary(op, lt.formula, rt.formula), unit: lt.unit / rt.unit, per: perValue)
      }
    }
  }

  /// Combines the groups two operands vary over; "" for a plain total, nil after an error.
  mutating func mergePer(_ a: String?, _ b: String?, at range: SourceRange) -> String? {
    switch (a, b) {
    case (nil, nil): return ""
    case (let x?, nil), (nil, let x?): return x
    case (let x?, let y?):
      if x == y { return x }
      error(.perMismatch, "cannot combine a value per '\(x)' with one per '\(y)'", at: range)
      return nil
    }
  }

  mutating func typeName(_ n: Name) -> Typed? {
    guard
      let s = resolve(
        n, as: [.input, .meter, .let, .kpi, .revenue, .subsidy, .points], what: "value")
    else {
      return nil
    }
    if failedDefinitions.contains(n.text) { return nil }
    switch s.kind {
    case .input:
      if let every = contract.inputs.first(where: { $0.id == n.text })?.interval {
        error(
          .badInterval,
          "'\(n.text)' is a price every \(every) minutes: it is read only by spot(METERS, \(n.text))",
          at: n.range,
          hint: "spot(discharge - charge, \(n.text)) values each interval's kWh at its price")
        return nil
      }
      return Typed(formula: .input(n.text), unit: s.unit, per: s.per)
    case .meter: return Typed(formula: .meter(n.text), unit: .kWh, per: s.per)
    case .points: return Typed(formula: .value(n.text), unit: .point, per: s.per)
    default:
      guard var t = typeDefinition(n.text) else { return nil }
      t.formula = .value(n.text)
      return t
    }
  }

  /// Types a `let`, `kpi`, `revenue` or `subsidy` once, detecting definitions that depend on
  /// themselves.
  ///
  /// A chain of 100,000 definitions, each using the next, is typed without recursion: the
  /// definitions it reads are typed first, deepest first, from an explicit stack, so that when
  /// `type` meets a name its definition is already typed (or failed, or on the stack: a cycle).
  mutating func typeDefinition(_ id: String) -> Typed? {
    if let done = typed[id] { return done }
    if failedDefinitions.contains(id) { return nil }
    if typing.contains(id) {
      reportCycle(at: id)
      return nil
    }
    guard declarations[id] != nil else { return nil }
    var frames: [(id: String, uses: [String], next: Int)] = [(id, definitionsUsed(by: id), 0)]
    typingStack.append(id)
    typing.insert(id)
    while let top = frames.indices.last {
      let frame = frames[top]
      if frame.next < frame.uses.count {
        frames[top].next += 1
        let used = frame.uses[frame.next]
        if typed[used] != nil || failedDefinitions.contains(used) || typing.contains(used) {
          continue  // done, or a cycle that `type` reports when it meets the name
        }
        typingStack.append(used)
        typing.insert(used)
        frames.append((used, definitionsUsed(by: used), 0))
        continue
      }
      frames.removeLast()
      typeOwnExpression(frame.id)
      typingStack.removeLast()
      typing.remove(frame.id)
    }
    return typed[id]
  }

  /// Types one definition whose uses are already typed; it is the top of `typingStack`.
  private mutating func typeOwnExpression(_ id: String) {
    guard let d = declarations[id] else { return }
    let expr: Expr
    switch d.kind {
    case .definition(let def): expr = def.expr
    case .subsidy(let s): expr = s.expr
    default: return
    }
    guard let result = type(expr) else {
      failedDefinitions.insert(id)  // reported once, where it is defined
      return
    }
    if result.isPartial {  // checked where it is defined, quiet where it is used
      failedDefinitions.insert(id)
      partialTyped[id] = result
      return
    }
    typed[id] = result
    typedOrder.append(id)
  }

  /// `'a' depends on itself: a -> b -> a`, at the definition the cycle was entered by. A cycle
  /// of thousands of definitions is shown by its ends and the count between.
  private mutating func reportCycle(at id: String) {
    guard let start = typingStack.firstIndex(of: id), let range = symbols[id]?.range else {
      return
    }
    var cycle = Array(typingStack[start...]) + [id]
    let shown = 10
    if cycle.count > 2 * shown {
      let hidden = cycle.count - 2 * shown
      cycle = cycle.prefix(shown) + ["... \(Limits.grouped(hidden)) more ..."] + cycle.suffix(shown)
    }
    error(
      .cycle, "'\(id)' depends on itself: \(cycle.joined(separator: " -> "))", at: range,
      hint: "a definition cannot use its own value, directly or through others")
  }

  /// The lets, KPIs, revenues and subsidies a definition's expression reads, in the order
  /// `type` meets them: names in calls that `type` does not type (a `tou`'s meter and tariff,
  /// arguments of a call with the wrong count) are left out, so typing them first changes
  /// nothing.
  func definitionsUsed(by id: String) -> [String] {
    let root: Expr
    switch declarations[id]?.kind {
    case .definition(let def)?: root = def.expr
    case .subsidy(let s)?: root = s.expr
    default: return []
    }
    var out: [String] = []
    var stack = [root]
    while let e = stack.popLast() {
      switch e {
      case .number, .percent, .day: break
      case .name(let n):
        if let kind = symbols[n.text]?.kind, [.let, .kpi, .revenue, .subsidy].contains(kind) {
          out.append(n.text)
        }
      case .negate(let inner, _): stack.append(inner)
      case .binary(_, let l, let r, _): stack += [r, l]  // left is met first
      case .call(let name, let args, _):
        let typedArgs: Int =
          switch name.text {
          case "gec", "sum", "peak": 1
          case "min", "max", "above", "at-least", "spot", "forfeit": 2
          case "prorate", "monthly-min", "annuity", "reduction", "reduction-kwh": args.count
          default: -1
          }
        if args.count == typedArgs { stack += args.reversed() }
        // A running total includes this period's value: the value is computed first.
        if name.text == "to-date", let first = args.first { stack.append(first) }
      }
    }
    return out
  }

  /// Records the meters of a `peak` or `spot` argument as read interval by interval (per member
  /// when the argument is per a group), after checking that a per-member argument adds only
  /// meters read per that group (each member's own demand or energy). False after reporting.
  mutating func readIntervalByInterval(
    _ a: Typed, _ terms: [(meter: String, sign: Int)], _ function: String, _ what: String,
    at range: SourceRange
  ) -> Bool {
    let pers = Set(terms.map { t in contract.meters.first { $0.id == t.meter }?.per })
    if let group = a.per {
      guard pers == [group] else {
        error(
          .perMismatch,
          "\(function)() adds meters read per '\(group)' and meters read otherwise: a member's \(what) is formed from its own meters",
          at: range, hint: "declare every meter of it per '\(group)', or none")
        return false
      }
      contract.peakMembers.formUnion(terms.map(\.meter))
    }
    // Wherever it is written, its kinds are read interval by interval.
    contract.peakMeters.formUnion(terms.map(\.meter))
    return true
  }

  /// The two arguments of a function that compares them cell by cell (`above`, `at-least`),
  /// typed, when there are two and they share a unit; nil after reporting what is wrong.
  mutating func comparedPair(
    _ function: String, _ form: String, _ args: [Expr], _ range: SourceRange
  ) -> (Typed, Typed)? {
    guard args.count == 2 else {
      error(
        .badCall, "'\(function)' takes 2 arguments, not \(args.count)", at: range, hint: form)
      return nil
    }
    guard let a = type(args[0]), let b = type(args[1]) else { return nil }
    guard a.unit == b.unit else {
      error(
        .unitMismatch, "\(function)() compares values in one unit, not \(a.unit) and \(b.unit)",
        at: range)
      return nil
    }
    return (a, b)
  }

  mutating func typeCall(_ name: Name, _ args: [Expr], _ range: SourceRange) -> Typed? {
    let functions = [
      "tou", "gec", "gec-sold", "gec-expired", "gec-held", "peak", "spot", "reduction",
      "reduction-kwh", "above", "at-least", "prorate",
      "forfeit",
      "monthly-min", "annuity", "sum",
      "min", "max",
      "to-date", "received", "balance",
    ]
    func arity(_ n: Int, _ form: String, into checker: inout Checker) -> Bool {
      if args.count == n { return true }
      checker.error(
        .badCall, "'\(name.text)' takes \(n) argument\(n == 1 ? "" : "s"), not \(args.count)",
        at: range, hint: form)
      return false
    }
    switch name.text {
    case "tou":
      guard arity(2, "tou(METER, TARIFF): kWh valued at the tariff's band prices", into: &self)
      else { return nil }
      guard case .name(let m) = args[0], case .name(let t) = args[1] else {
        error(
          .badCall, "tou() takes a meter and a tariff by name", at: range,
          hint: "tou(supply, grid_tou)")
        return nil
      }
      guard let ms = resolve(m, as: [.meter], what: "meter"),
        resolve(t, as: [.tariff], what: "tariff") != nil
      else { return nil }
      let tariffUnit =
        contract.tariffs.first { $0.id == t.text }?.unit
        ?? (Unit.base(contract.currency.code) / .kWh)
      return Typed(
        formula: .tou(meter: m.text, tariff: t.text), unit: tariffUnit * .kWh, per: ms.per)
    case "gec":
      guard
        arity(
          1, "gec(KWH): certificates, one per 1,000 kWh, remainder carried monthly", into: &self),
        let a = type(args[0])
      else { return nil }
      guard a.unit == .kWh else {
        error(.unitMismatch, "gec() takes kWh, not \(a.unit)", at: args[0].range)
        return nil
      }
      guard a.per == nil else {
        error(
          .perMismatch, "gec() takes a total, not a value per '\(a.per!)'", at: args[0].range,
          hint: "wrap it in sum(...)")
        return nil
      }
      return Typed(formula: .gec(a.formula), unit: .certificate)
    case "gec-sold", "gec-expired", "gec-held":
      return typeCertificateStock(name, args, range)
    case "peak":
      let form = "peak(METERS): each month's largest demand in kW, of meters added and subtracted"
      guard arity(1, form, into: &self), let a = type(args[0]) else { return nil }
      guard let terms = a.formula.peakTerms, a.unit == .kWh else {
        error(
          .badCall,
          "peak() takes meters added and subtracted, such as peak(grid + discharge - charge)",
          at: args[0].range,
          hint: "the demand is formed interval by interval from the meters' readings, "
            + "then its monthly maximum taken")
        return nil
      }
      guard readIntervalByInterval(a, terms, "peak", "demand", at: args[0].range) else {
        return nil
      }
      return Typed(formula: .peak(a.formula), unit: .kW, per: a.per)
    case "spot":
      let form =
        "spot(METERS, PRICES): each interval's kWh of meters added and subtracted at that interval's price"
      guard arity(2, form, into: &self), let a = type(args[0]) else { return nil }
      guard let terms = a.formula.peakTerms, a.unit == .kWh else {
        error(
          .badCall,
          "spot() takes meters added and subtracted, such as spot(discharge - charge, spot_price)",
          at: args[0].range,
          hint: "the energy is formed interval by interval, then valued at each interval's price")
        return nil
      }
      guard case .name(let p) = args[1], let s = resolve(p, as: [.input], what: "price series")
      else {
        if case .name = args[1] { return nil }  // reported by resolve
        error(
          .badCall, "spot() values energy at a price series, given by its name", at: args[1].range,
          hint:
            "declare 'input spot_price \(contract.currency.code)/kWh every 15 minutes' and write spot(\(a.formula), spot_price)"
        )
        return nil
      }
      guard contract.inputs.first(where: { $0.id == p.text })?.interval != nil else {
        error(
          .badInterval, "'\(p.text)' is one value a period, not a price every interval",
          at: p.range,
          hint:
            "declare it 'input \(p.text) \(contract.currency.code)/kWh every 15 minutes' and give its prices in prices.csv"
        )
        return nil
      }
      guard readIntervalByInterval(a, terms, "spot", "energy", at: args[0].range) else {
        return nil
      }
      return Typed(formula: .spot(a.formula, price: p.text), unit: s.unit * .kWh, per: a.per)
    case "prorate":
      let form =
        "prorate(X, FROM[, UNTIL]): an amount a year, for the days of each month from FROM to UNTIL (both included), by days/365"
      guard args.count == 2 || args.count == 3 else {
        error(
          .badCall, "'prorate' takes 2 or 3 arguments, not \(args.count)", at: range, hint: form)
        return nil
      }
      var days: [CalendarDay] = []
      for arg in args.dropFirst() {
        guard case .day(let d, _) = arg else {
          error(
            .badCall, "prorate() is bounded by days such as 2026-08-15", at: arg.range, hint: form)
          return nil
        }
        days.append(d)
      }
      if days.count == 2, days[1] < days[0] {
        error(
          .badCall, "prorate() runs from \(days[0]) to \(days[1]): the end is before the start",
          at: range, hint: form)
        return nil
      }
      guard let a = type(args[0]) else { return nil }
      return Typed(
        formula: .prorate(a.formula, from: days[0], until: days.count > 1 ? days[1] : nil),
        unit: a.unit, per: a.per)
    case "forfeit":
      let form =
        "forfeit(A, CONDITION): A, except 0 in each month (and member) where the condition holds"
      guard arity(2, form, into: &self), let a = type(args[0]) else { return nil }
      guard case .binary(let op, let l, let r, _) = args[1], op.precedence == 1 else {
        error(
          .badCall, "forfeit() takes a comparison as its condition, such as outages >= 3",
          at: args[1].range, hint: form)
        return nil
      }
      guard let (lt, rt) = comparedPair("forfeit", form, [l, r], args[1].range) else {
        return nil
      }
      guard lt.per == nil || lt.per == a.per, rt.per == nil || rt.per == a.per else {
        error(
          .perMismatch,
          "forfeit() of a value per '\(a.per ?? "period")' on a condition per '\(lt.per ?? rt.per!)'",
          at: args[1].range, hint: "compare values per the same group, or totals")
        return nil
      }
      return Typed(
        formula: .forfeit(a.formula, op, lt.formula, rt.formula), unit: a.unit, per: a.per)
    case "reduction", "reduction-kwh":
      let form =
        "reduction(METERS, DAYS) or reduction(METERS, TOP, DAYS): each event's verified reduction in kW against the mean of the latest DAYS working days (or the TOP of them)"
      guard args.count == 2 || args.count == 3 else {
        error(
          .badCall, "'\(name.text)' takes 2 or 3 arguments, not \(args.count)", at: range,
          hint: form)
        return nil
      }
      guard let a = type(args[0]) else { return nil }
      guard let terms = a.formula.peakTerms, a.unit == .kWh else {
        error(
          .badCall, "reduction() takes meters added and subtracted, such as reduction(use, 5)",
          at: args[0].range, hint: form)
        return nil
      }
      var counts: [Int] = []
      for arg in args.dropFirst() {
        guard case .number(let v, nil, _, _) = arg, let n = Int(v.description), (1...30).contains(n)
        else {
          error(
            .badCall, "reduction() counts days with a whole number from 1 to 30", at: arg.range,
            hint: form)
          return nil
        }
        counts.append(n)
      }
      let days = counts.last!
      let top = counts.count == 2 ? counts[0] : nil
      if let top, top > days {
        error(
          .badCall,
          "reduction() averages the top \(top) of \(days) days: \(top) is more than \(days)",
          at: range, hint: "reduction(use, 5, 10): the 5 of the latest 10 with the most load")
        return nil
      }
      guard readIntervalByInterval(a, terms, "reduction", "load", at: args[0].range) else {
        return nil
      }
      contract.usesEvents = true
      let kWh = name.text == "reduction-kwh"
      return Typed(
        formula: .reduction(a.formula, days: days, top: top, kWh: kWh), unit: kWh ? .kWh : .kW,
        per: a.per)
    case "annuity":
      let form =
        "annuity(PRINCIPAL, RATE, PERIODS): the level payment a period repaying PRINCIPAL at RATE a period over PERIODS periods"
      guard arity(3, form, into: &self), let p = type(args[0]), let r = type(args[1]),
        let n = type(args[2])
      else { return nil }
      guard r.unit.isDimensionless, n.unit.isDimensionless else {
        error(
          .unitMismatch, "annuity() takes a rate a period (a percentage) and a number of periods",
          at: range, hint: "annuity(6,000,000 CNY, 1.5%, 20): 20 quarters at 1.5% a quarter")
        return nil
      }
      guard p.per == nil, r.per == nil, n.per == nil else {
        error(
          .perMismatch, "annuity() takes totals, not values per member", at: range,
          hint: "wrap them in sum(...)")
        return nil
      }
      // Written as numbers, the rate and the periods are checked now, not when computed.
      if let rate = try? Checker.fold(r.formula), rate < .zero || !(rate < .one) {
        error(
          .badCall,
          "annuity() at \(((try? rate * Exact(100)) ?? rate).trimmed)% a period: the rate runs from 0 to below 100%",
          at: args[1].range, hint: form)
        return nil
      }
      if let count = try? Checker.fold(n.formula),
        Int(count.trimmed.description).map({ !(1...600).contains($0) }) ?? true
      {
        error(
          .badCall, "annuity() over \(count) periods: a whole number from 1 to 600",
          at: args[2].range,
          hint: form)
        return nil
      }
      return Typed(formula: .annuity(p.formula, rate: r.formula, periods: n.formula), unit: p.unit)
    case "monthly-min":
      let form =
        "monthly-min(A, B[, C...]): the smallest of values in one unit, month by month (and member by member)"
      guard args.count >= 2 else {
        error(
          .badCall, "'monthly-min' takes 2 or more arguments, not \(args.count)", at: range,
          hint: form)
        return nil
      }
      var out: Typed? = nil
      for arg in args {
        guard let t = type(arg) else { return nil }
        guard let so = out else {
          out = t
          continue
        }
        guard so.unit == t.unit else {
          error(
            .unitMismatch,
            "monthly-min() compares values in one unit, not \(so.unit) and \(t.unit)",
            at: range)
          return nil
        }
        guard let per = mergePer(so.per, t.per, at: range) else { return nil }
        let f = Formula.least(so.formula, t.formula)
        if t.unit.holdsEachMonth { contract.spreadSums.insert(f) }
        out = Typed(formula: f, unit: t.unit, per: per.isEmpty ? nil : per)
      }
      return out
    case "above":
      let form = "above(A, B): the part of A above B, month by month (0 where A is not above B)"
      guard let (a, b) = comparedPair("above", form, args, range) else { return nil }
      guard a.per == nil, b.per == nil else {
        error(
          .perMismatch, "above() takes totals, not values per member", at: range,
          hint: "wrap them in sum(...)")
        return nil
      }
      return Typed(formula: .above(a.formula, b.formula), unit: a.unit)
    case "at-least":
      let form = "at-least(A, B): A where it reaches B, else 0, member by member and month by month"
      guard let (a, b) = comparedPair("at-least", form, args, range) else { return nil }
      // A threshold per member applies to its own member; a total one to every member.
      guard b.per == nil || b.per == a.per else {
        error(
          .perMismatch,
          "at-least() of a value per '\(a.per ?? "period")' against one per '\(b.per!)'",
          at: range, hint: "give the threshold per the same group, or as one total")
        return nil
      }
      return Typed(formula: .atLeast(a.formula, b.formula), unit: a.unit, per: a.per)
    case "sum":
      guard arity(1, "sum(X): a per-member value summed over its group", into: &self),
        let a = type(args[0])
      else { return nil }
      guard a.per != nil else {
        error(
          .badCall, "sum() takes a value per member of a group; this is already a total",
          at: args[0].range)
        return nil
      }
      return Typed(formula: .sum(a.formula), unit: a.unit)
    case "to-date": return typeToDate(name, args, range)
    case "received": return typeReceived(args, range)
    case "balance": return typeBalance(args, range)
    case "min", "max":
      guard arity(2, "\(name.text)(A, B)", into: &self) else { return nil }
      let a = type(args[0])
      let b = type(args[1])
      guard let a, let b else { return nil }
      guard a.unit == b.unit else {
        error(
          .unitMismatch, "\(name.text)() of \(a.unit) and \(b.unit)", at: range,
          hint: "both arguments need the same unit")
        return nil
      }
      guard let per = mergePer(a.per, b.per, at: range) else { return nil }
      let f: Formula = name.text == "min" ? .min(a.formula, b.formula) : .max(a.formula, b.formula)
      return Typed(formula: f, unit: a.unit, per: per.isEmpty ? nil : per)
    default:
      error(
        .unknownFunction, "unknown function '\(name.text)'", at: name.range,
        hint: Spelling.nearest(name.text, in: functions).map { "did you mean '\($0)'?" }
          ?? "functions: \(functions.joined(separator: ", "))")
      return nil
    }
  }

  /// Types an expression that must have `unit` and be a single total.
  mutating func typeAmount(_ e: Expr, unit expected: Unit, what: String) -> Typed? {
    guard let t = type(e) else { return nil }
    if t.isCondition {
      error(.badCondition, "\(what) cannot be a comparison", at: e.range)
      return nil
    }
    guard t.unit == expected else {
      error(
        .unitMismatch,
        "\(what) must be \(expected.isDimensionless ? expected.spoken : "in \(expected)"), not \(t.unit.spoken)",
        at: e.range,
        hint: expected == .base(contract.currency.code) && t.unit == .kWh
          ? "multiply by a price in \(contract.currency.code)/kWh"
          : (!expected.isDimensionless && t.unit.isDimensionless && e.isNumber
            ? "write the unit after the number: '\(e.written) \(expected)'" : nil))
      return nil
    }
    guard t.per == nil else {
      error(
        .perMismatch, "\(what) must be a total, not a value per '\(t.per!)'", at: e.range,
        hint: "wrap it in sum(...)")
      return nil
    }
    return t
  }

  /// A constant expression's value in base units (capital, tier bounds).
  mutating func constant(_ e: Expr, unit expected: Unit, what: String) -> Exact? {
    guard let t = typeAmount(e, unit: expected, what: what) else { return nil }
    do {
      guard let v = try Checker.fold(t.formula) else {
        error(.notConstant, "\(what) must be a number, not a calculation on data", at: e.range)
        return nil
      }
      return v
    } catch {
      self.error(.overflow, "\(what): \(error)", at: e.range)
      return nil
    }
  }

  static func fold(_ f: Formula) throws(ArithmeticError) -> Exact? {
    switch f {
    case .constant(let v): return v
    case .negate(let a): return try fold(a).map { $0.negated }
    case .binary(let op, let a, let b):
      guard let x = try fold(a), let y = try fold(b) else { return nil }
      switch op {
      case .add: return try x + y
      case .subtract: return try x - y
      case .multiply: return try x * y
      case .divide: return try x / y
      default: return nil
      }
    case .min(let a, let b):
      guard let x = try fold(a), let y = try fold(b) else { return nil }
      return Exact.min(x, y)
    case .max(let a, let b):
      guard let x = try fold(a), let y = try fold(b) else { return nil }
      return Exact.max(x, y)
    default: return nil
    }
  }
}
