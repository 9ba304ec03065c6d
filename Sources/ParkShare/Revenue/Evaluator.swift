/// Computes a contract's lets, KPIs, revenues, subsidies and points for one period from its data
/// bundle and the opening carry state. Values are exact and unrounded: rounding to the fen
/// happens once, when an amount is paid.
public struct Evaluator: Sendable {
  let contract: Contract
  let bundle: DataBundle
  let period: Period
  let opening: CarryState
  var closing: CarryState
  /// Values computed so far, by id, and those being computed (a guard against cycles).
  var memo: [String: Quantity] = [:]
  var inProgress: Set<String> = []
  /// Values that could not be computed, with why: asked again, they fail the same way at once.
  var failures: [String: EvaluationFailure] = [:]
  /// Where each value is declared, for a contract too long to search (see `ValueIndex`).
  let index: ValueIndex
  /// `tou(...)` and `gec(...)` results by their text: each is computed once a period, so two
  /// revenues reading the same certificates cannot both advance the carried kWh.
  var calls: [String: Quantity] = [:]
  var callDetails: [String: [Detail]] = [:]
  /// Calls that failed, by their text: asked again, they fail as already reported.
  var failedCalls: [String: EvaluationFailure] = [:]
  /// The absolute months of the period.
  let months: [Int]

  public struct Outcome: Sendable {
    public var revenue: PeriodRevenue?
    public var diagnostics: [Diagnostic]
    /// The evaluator with every value computed, for allocation to evaluate pool steps with.
    var evaluator: Evaluator? = nil
  }

  init(contract: Contract, bundle: DataBundle, opening: CarryState) {
    self.contract = contract
    self.bundle = bundle
    self.period = bundle.period
    self.opening = opening
    var closing = opening
    closing.period = bundle.period
    self.closing = closing
    self.months = Array(bundle.period.firstMonth...bundle.period.lastMonth)
    self.index = ValueIndex(contract)
  }

  /// Computes every value of `contract` for the bundle's period, each with the details behind
  /// it. `opening` is the closing state of the previous period (nil at the start of the term);
  /// `statePath` names it in messages.
  public static func run(
    contract: Contract, bundle: DataBundle, opening: CarryState?, statePath: String? = nil
  ) -> Outcome {
    var outcome = numbers(
      contract: contract, bundle: bundle, opening: opening, statePath: statePath)
    if let e = outcome.evaluator, var revenue = outcome.revenue {
      for i in revenue.items.indices {
        revenue.items[i].details = e.details(of: revenue.items[i].id)
      }
      outcome.revenue = revenue
    }
    return outcome
  }

  /// The values alone, their details left empty: what a projection needs of each of its
  /// thousands of periods. `known` are values computed before.
  static func numbers(
    contract: Contract, bundle: DataBundle, opening: CarryState?, statePath: String? = nil,
    known: [String: Quantity] = [:]
  ) -> Outcome {
    var diagnostics: [Diagnostic] = []
    let here = SourceRange.whole(statePath ?? bundle.directory)
    let period = bundle.period
    if let opening {
      // Certificates held for an inventory the contract does not keep (its kWh rewritten under
      // --contract-changed) would be dropped in silence: the lots are the operator's stock.
      for kWh in opening.certificates.keys.sorted() where contract.certificateSales[kWh] == nil {
        diagnostics.append(
          .error(
            .badState,
            "the opening state holds certificates of '\(kWh)', an inventory '\(contract.id)' does not keep",
            at: here,
            hint:
              "keep the kWh inside gec-sold(...) as the contract wrote it when the certificates were issued"
          ))
      }
      if opening.contract != contract.id {
        diagnostics.append(
          .error(
            .badState,
            "the opening state is for contract '\(opening.contract)', not '\(contract.id)'",
            at: here))
      }
      let expected = opening.period?.next ?? contract.term.from
      if expected != period {
        diagnostics.append(
          .error(
            .badState,
            "the opening state closes \(opening.period.map(\.description) ?? "nothing"); \(period) needs the state that closes the period before it",
            at: here, hint: "pass the closing state of the previous period"))
      }
    } else if period != contract.term.from, !carried(contract).isEmpty {
      diagnostics.append(
        .warning(
          .noOpeningState,
          "no opening state: \(period) is not the first period of the term, so \(carried(contract).joined(separator: " and "))",
          at: here, hint: "pass the closing state of the previous period with --opening"))
    }
    guard !diagnostics.hasErrors else { return Outcome(revenue: nil, diagnostics: diagnostics) }

    var e = Evaluator(
      contract: contract, bundle: bundle,
      opening: opening ?? CarryState(contract: contract.id))
    e.memo = known
    var items: [Computed] = []
    var failed: Set<String> = []
    for (id, clause) in e.declarationOrder() {
      do throws(EvaluationFailure) {
        items.append(try e.computed(id))
      } catch {
        failed.insert(id)
        // A value that failed because something it reads failed is reported there, once.
        if !e.dependsOnFailure(id, failed: failed), !error.reported {
          diagnostics.append(
            .error(
              .cannotCompute, "cannot compute '\(id)': \(error.message)",
              at: clause, hint: error.hint))
        }
      }
    }
    if !diagnostics.hasErrors {
      do throws(EvaluationFailure) {
        try e.closeRunningTotals()
      } catch {
        diagnostics.append(
          .error(
            .cannotCompute, "cannot keep the running totals: \(error.message)",
            at: SourceRange.whole(contract.file), hint: error.hint))
      }
      do throws(EvaluationFailure) {
        try e.closePoints()
      } catch {
        diagnostics.append(
          .error(
            .cannotCompute, "cannot carry the points over: \(error.message)",
            at: SourceRange.whole(contract.file), hint: error.hint))
      }
    }
    guard !diagnostics.hasErrors else { return Outcome(revenue: nil, diagnostics: diagnostics) }
    let sums = bundle.sums
    var missing: [String: Int] = [:]
    var estimated: [String: Int] = [:]
    var flagged: [String: Int] = [:]
    if let sums {
      for (m, meter) in sums.meters.enumerated() {
        if sums.missing[m] > 0 { missing[meter.id] = sums.missing[m] }
        if sums.estimated[m] > 0 { estimated[meter.id] = sums.estimated[m] }
        if sums.flagged[m] > 0 { flagged[meter.id] = sums.flagged[m] }
      }
    }
    var revenue = PeriodRevenue(
      contract: contract.id, period: period, currency: contract.currency.code, items: items,
      opening: e.opening, closing: e.closing,
      data: DataSummary(
        directory: bundle.directory, readingFiles: bundle.readingFiles, rows: bundle.rows,
        meters: bundle.meters.count, missingIntervals: missing,
        estimatedIntervals: estimated.isEmpty ? nil : estimated,
        estimatedBy: estimated.isEmpty ? nil : bundle.estimatedBy?.clause,
        flaggedIntervals: flagged.isEmpty ? nil : flagged))
    if contract.parameters != nil {
      revenue.parameters = ContractParameter.variant(contract.parameters)
    }
    return Outcome(revenue: revenue, diagnostics: diagnostics, evaluator: e)
  }

  /// The values `ids` for the bundle's period, as numbers only; those that cannot be computed
  /// are left out (the run that needs them reports why).
  static func values(_ ids: [String], contract: Contract, bundle: DataBundle) -> [String: Quantity]
  {
    var e = Evaluator(
      contract: contract, bundle: bundle, opening: CarryState(contract: contract.id))
    var out: [String: Quantity] = [:]
    for id in ids {
      if let q = try? e.value(id) { out[id] = q }
    }
    return out
  }

  /// What the contract carries from one period to the next, as the warning says it.
  static func carried(_ contract: Contract) -> [String] {
    var out: [String] = []
    // Every case named (no `default`): a new kind of formula must say whether it may hold gec.
    func hasGEC(_ f: Formula) -> Bool {
      switch f {
      case .gec, .certificateStock: true
      case .sum(let a), .negate(let a), .peak(let a), .spot(let a, _), .prorate(let a, _, _),
        .reduction(let a, _, _, _):
        hasGEC(a)
      case .min(let a, let b), .max(let a, let b), .above(let a, let b), .least(let a, let b),
        .atLeast(let a, let b),
        .binary(_, let a, let b):
        hasGEC(a) || hasGEC(b)
      case .forfeit(let a, _, let l, let r), .annuity(let a, let l, let r):
        hasGEC(a) || hasGEC(l) || hasGEC(r)
      case .constant, .input, .meter, .value, .tou, .toDate, .received, .column, .balance: false
      }
    }
    if contract.definitions.contains(where: { hasGEC($0.formula) }) {
      out.append("kWh carried toward green certificates start at 0")
    }
    if contract.subsidies.contains(where: { !$0.triggers.isEmpty }) {
      out.append("subsidy reductions count as not yet triggered")
    }
    if !contract.runningTotals.isEmpty {
      out.append("running totals (to-date) count nothing before it")
    }
    if contract.points.contains(where: { $0.carry != nil }) {
      out.append("points balances start at 0")
    }
    if !contract.certificateSales.isEmpty {
      out.append("no certificates are held unsold")
    }
    return out
  }

  /// Ids of lets, KPIs, revenues, subsidies and points schemes in source order.
  func declarationOrder() -> [(String, SourceRange)] {
    let all =
      contract.definitions.map { ($0.id, $0.clause) }
      + contract.subsidies.map { ($0.id, $0.clause) }
      + contract.points.map { ($0.id, $0.clause) }
    return all.sorted { $0.1.start.line < $1.1.start.line }
  }

  /// Whether `id` reads a value that already failed.
  func dependsOnFailure(_ id: String, failed: Set<String>) -> Bool {
    var seen: Set<String> = []
    var stack = formulas(of: id).flatMap(\.references)
    while let next = stack.popLast() {
      guard seen.insert(next).inserted else { continue }
      if next != id && failed.contains(next) { return true }
      stack += formulas(of: next).flatMap(\.references)
    }
    return false
  }

  func formulas(of id: String) -> [Formula] {
    if let d = definition(id) { return [d.formula] }
    if let s = subsidy(id) {
      return [s.formula] + s.triggers.map(\.condition)
    }
    if let p = pointsScheme(id) {
      return p.rules.map {
        switch $0 {
        case .per(_, _, let f), .bonus(_, let f): f
        }
      }
    }
    return []
  }

  /// Runs exact arithmetic, turning its failure into words.
  func arithmetic<T>(_ body: () throws(ArithmeticError) -> T) throws(EvaluationFailure) -> T {
    do {
      return try body()
    } catch .divisionByZero {
      throw EvaluationFailure("division by zero")
    } catch {
      throw EvaluationFailure("\(error)", hint: "check the data's units and magnitudes")
    }
  }

  /// The quantity a formula stands for this period.
  mutating func evaluate(_ f: Formula) throws(EvaluationFailure) -> Quantity {
    switch f {
    case .constant(let v): return Quantity(v)
    case .input(let id): return try input(id)
    case .meter(let id): return try meter(id)
    case .value(let id): return try value(id)
    case .tou(let m, let t): return try tou(meter: m, tariff: t)
    case .gec(let inner): return try certificates(inner)
    case .certificateStock(let inner, let sales, let view):
      return try certificateStock(inner, sales: sales, view: view)
    case .peak(let inner): return try peak(inner)
    case .spot(let inner, let price): return try spot(inner, price)
    case .prorate(let inner, let from, let until): return try prorate(inner, from, until, f)
    case .forfeit(let a, let op, let l, let r): return try forfeit(a, op, l, r, f)
    case .annuity(let p, let r, let n): return try annuity(p, r, n, f)
    case .reduction(let inner, let days, let top, let kWh):
      return try reduction(inner, days, top, energy: kWh, f)
    case .sum(let inner):
      let q = try evaluate(inner)
      return try arithmetic { () throws(ArithmeticError) in try q.collapsed(.member) }
    case .negate(let inner):
      let q = try evaluate(inner)
      return try arithmetic { () throws(ArithmeticError) in try q.map { $0.negated } }
    case .min(let a, let b), .max(let a, let b):
      let isMin = if case .min = f { true } else { false }
      let x = try totals(evaluate(a))
      let y = try totals(evaluate(b))
      return try Quantity.combine(x, y) { p, q, _ throws(EvaluationFailure) in
        let u = p ?? .zero
        let v = q ?? .zero
        return isMin ? Exact.min(u, v) : Exact.max(u, v)
      }
    case .least(let a, let b):
      // Cell by cell, as `above`; an amount without months beside amounts by month is refused
      // (which month's minimum would a quarter's contract quantity be?), a rate holds in each.
      let x = try evaluate(a)
      let y = try evaluate(b)
      if x.dims.contains(.month) != y.dims.contains(.month), !contract.spreadSums.contains(f) {
        let whole = x.dims.contains(.month) ? b : a
        throw EvaluationFailure(
          "\(f): '\(whole)' is one amount for the period, the other values are by month",
          hint:
            "give it month by month (an input declared 'monthly'), or compare totals with min(...)")
      }
      return try Quantity.combine(x, y) { p, q, _ throws(EvaluationFailure) in
        Exact.min(p ?? .zero, q ?? .zero)
      }
    case .above(let a, let b):
      // Cell by cell: each month (or vintage) judged on its own, never the period's totals.
      let x = try evaluate(a)
      let y = try evaluate(b)
      return try Quantity.combine(x, y) { p, q, _ throws(EvaluationFailure) in
        try arithmetic { () throws(ArithmeticError) in
          Exact.max(try (p ?? .zero) - (q ?? .zero), .zero)
        }
      }
    case .atLeast(let a, let b):
      // Cell by cell: each member (and month) judged against its own threshold.
      let x = try evaluate(a)
      let y = try evaluate(b)
      return try Quantity.combine(x, y) { p, q, _ throws(EvaluationFailure) in
        let v = p ?? .zero
        return v >= (q ?? .zero) ? v : .zero
      }
    case .binary(let op, let a, let b):
      return try binary(op, a, b)
    case .toDate(let subject, let window): return try runningTotal(subject, window)
    case .received(let party, let pool, let window):
      return try received(party, pool: pool, window: window)
    case .balance(let id): return try balance(id)
    case .column(let name):
      // The registry's values, carried in the contract: one per member that has the column.
      var cells: [Facet: Exact] = [:]
      for p in contract.parties { if let v = p.columns?[name] { cells[Facet(member: p.id)] = v } }
      return Quantity(dims: .member, cells: cells)
    }
  }

  /// Months (and the events in them) summed away (members and vintages kept).
  func monthsSummed(_ q: Quantity) throws(EvaluationFailure) -> Quantity {
    try arithmetic { () throws(ArithmeticError) in try q.collapsed([.month, .event]) }
  }

  /// Months, vintages and events summed away: for ratios, extremes and comparisons of totals.
  func totals(_ q: Quantity) throws(EvaluationFailure) -> Quantity {
    try arithmetic { () throws(ArithmeticError) in try q.collapsed([.month, .vintage, .event]) }
  }

  mutating func binary(_ op: BinaryOperator, _ a: Formula, _ b: Formula) throws(EvaluationFailure)
    -> Quantity
  {
    var x = try evaluate(a)
    var y = try evaluate(b)
    switch op {
    case .add, .subtract:
      // An amount for the whole period (a quarter's kWh given once, a fixed sum) beside amounts
      // by month is added to their total, never to each month (which would count it once a
      // month); a rate or level (a capacity in kW) holds in each month.
      if x.dims.contains(.month) != y.dims.contains(.month),
        !contract.spreadSums.contains(.binary(op, a, b))
      {
        if x.dims.contains(.month) { x = try monthsSummed(x) } else { y = try monthsSummed(y) }
      }
      return try Quantity.combine(x, y) { p, q, _ throws(EvaluationFailure) in
        let u = p ?? .zero
        let v = q ?? .zero
        return try arithmetic { () throws(ArithmeticError) in op == .add ? try u + v : try u - v }
      }
    case .multiply:
      // A vintage a price list lacks is an error when there is something of that vintage to
      // price; a vintage with no certificates simply contributes nothing.
      let aIsData = isDataByVintage(a)
      let bIsData = isDataByVintage(b)
      return try Quantity.combine(x, y) { p, q, facet throws(EvaluationFailure) in
        if (aIsData && p == nil && !(q ?? .zero).isZero)
          || (bIsData && q == nil && !(p ?? .zero).isZero)
        {
          let missing = p == nil ? a : b
          throw EvaluationFailure(
            "'\(missing)' has no value for vintage \(facet.vintage ?? 0)",
            hint: "add a row for vintage \(facet.vintage ?? 0) to facts.csv")
        }
        let u = p ?? .zero
        let v = q ?? .zero
        return try arithmetic { () throws(ArithmeticError) in try u * v }
      }
    case .divide:
      x = try totals(x)
      y = try totals(y)
      return try Quantity.combine(x, y) { p, q, facet throws(EvaluationFailure) in
        let v = q ?? .zero
        guard !v.isZero else {
          throw EvaluationFailure(
            "'\(b)' is 0\(facet.member.map { " for \($0)" } ?? ""), so '\(a) / \(b)' has no value",
            hint: "check the data, or guard the ratio with max(\(b), ...)")
        }
        let u = p ?? .zero
        return try arithmetic { () throws(ArithmeticError) in try u / v }
      }
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      x = try totals(x)
      y = try totals(y)
      return try Quantity.combine(x, y) { p, q, _ throws(EvaluationFailure) in
        op.holds(p ?? .zero, q ?? .zero) ? .one : .zero
      }
    }
  }

  /// An input given by vintage (a certificate price list).
  func isDataByVintage(_ f: Formula) -> Bool {
    guard case .input(let id) = f else { return false }
    return contract.inputs.contains { $0.id == id && $0.byVintage }
  }

  /// The members of a group (or the individually named parties for `per party`).
  func members(_ group: String) -> [String] {
    if group == "party" { return contract.parties.filter { $0.group == nil }.map(\.id) }
    return contract.groups.first { $0.id == group }?.members ?? []
  }

  mutating func input(_ id: String) throws(EvaluationFailure) -> Quantity {
    guard let decl = contract.inputs.first(where: { $0.id == id }) else {
      throw EvaluationFailure("unknown input '\(id)'")
    }
    var dims: Quantity.Dims = []
    if decl.per != nil { dims.insert(.member) }
    if decl.monthly { dims.insert(.month) }
    if decl.byVintage { dims.insert(.vintage) }
    let given = bundle.facts.values[id] ?? [:]
    guard !given.isEmpty else {
      throw EvaluationFailure("no value for input '\(id)' in facts.csv")
    }
    return Quantity(dims: dims, cells: given.mapValues(\.value))
  }
}
