extension Checker {
  /// Everything every formula reads, to find declarations nothing uses.
  var allReferences: Set<String> {
    var refs: Set<String> = []
    for d in contract.definitions { refs.formUnion(d.formula.references) }
    for s in contract.subsidies {
      refs.formUnion(s.formula.references)
      for t in s.triggers { refs.formUnion(t.condition.references) }
    }
    for p in contract.points {
      for r in p.rules {
        switch r {
        case .per(_, _, let f), .bonus(_, let f): refs.formUnion(f.references)
        }
      }
    }
    for pool in contract.pools {
      for step in pool.steps {
        if let c = step.condition { refs.formUnion(c.formula.references) }
        switch step.kind {
        case .pay(_, let a, _), .reserve(_, let a):
          if case .amount(formula: let f) = a { refs.formUnion(f.references) }
        case .rebate(let a, _, let m):
          refs.formUnion(m.references)
          if case .amount(formula: let f) = a { refs.formUnion(f.references) }
        case .split(let alloc):
          switch alloc {
          case .metric(_, let m), .steps(let m, _): refs.formUnion(m.references)
          default: break
          }
        case .cap(_, let f, _, _), .floor(_, let f, _), .clawback(_, let f):
          refs.formUnion(f.references)
        case .annual(let term): refs.formUnion(term.amount.references)
        case .loss(.split(.metric(_, let m))): refs.formUnion(m.references)
        case .loss: break
        case .redeem(let r):
          refs.formUnion(r.price.references + [r.points])
          for f in [r.each, r.all].compactMap({ $0 }) { refs.formUnion(f.references) }
        }
      }
    }
    return refs
  }

  mutating func lintUsage() {
    guard !diagnostics.hasErrors else { return }
    let refs = allReferences
    for d in file.declarations {
      switch d.kind {
      case .input(let i) where !refs.contains(i.id.text):
        warning(
          .unusedInput, "input '\(i.id.text)' is declared but never used", at: i.id.range,
          hint: "remove it, or the data bundle must supply a value nothing reads")
      case .meter(let m) where !refs.contains(m.id.text):
        warning(
          .unusedInput, "meter '\(m.id.text)' is declared but never used", at: m.id.range,
          hint: "remove it, or use it in a revenue or KPI")
      case .definition(let def) where def.kind == .revenue && allocatedBy[def.id.text] == nil:
        warning(
          .unallocated, "revenue '\(def.id.text)' is not allocated by any pool", at: def.id.range,
          hint: "add it to a pool, or nobody is paid from it")
      case .subsidy(let s) where allocatedBy[s.id.text] == nil:
        warning(
          .unallocated, "subsidy '\(s.id.text)' is not allocated by any pool", at: s.id.range,
          hint: "add it to a pool, or nobody is paid from it")
      default: continue
      }
    }
  }

  /// The same kWh may not earn green-power trade revenue and certificate revenue: traded green
  /// power carries its certificates to the buyer (证电合一), and self-consumed power earns none.
  mutating func lintDoubleCounting() {
    let kinds = Dictionary(
      contract.meters.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
    // Traded meters whose kWh earn money outside any gec().
    var tradedIn: [String: String] = [:]
    for d in contract.definitions {
      for m in Checker.referencesOutsideGEC(d.formula) where kinds[m] == .greenTrade {
        tradedIn[m] = tradedIn[m] ?? d.id
      }
    }
    for d in file.declarations {
      guard case .definition(let def) = d.kind, typed[def.id.text] != nil else { continue }
      // kWh whose certificates are kept in an inventory are valued as they are sold: gec() of
      // the same kWh would value every one again as it is issued.
      for (arg, range) in Checker.gecArguments(def.expr, only: "gec") {
        guard let t = type(arg), let sales = certificateSales[t.formula.description] else {
          continue
        }
        error(
          .doubleCounting,
          "the certificates of '\(t.formula)' are kept in an inventory sold as '\(sales.text)': gec(\(t.formula)) would count them again",
          at: range,
          hint:
            "value those sold with gec-sold(\(t.formula), \(sales.text)); gec-held and gec-expired count the rest",
          notes: [.init(message: "the inventory's sales, named here", range: sales.range)])
      }
      for (arg, range) in Checker.gecArguments(def.expr) {
        guard let t = type(arg) else { continue }
        let terms = Checker.linearTerms(t.formula, sign: 1)
        for (meter, sign) in terms {
          switch kinds[meter] {
          case .onGridExport?:
            continue
          case .greenTrade? where sign < 0:
            continue
          case .greenTrade?:
            error(
              .doubleCounting,
              "kWh in '\(meter)' are sold with their certificates by green-power trade; they cannot earn certificates again",
              at: range,
              hint:
                "issue certificates on on-grid output less traded output: gec(export - \(meter))")
          case let kind?:
            error(
              .doubleCounting,
              "certificates are issued only on on-grid output; '\(meter)' is \(kind.rawValue)",
              at: range,
              hint:
                "self-consumed output earns non-tradable certificates only; use an on-grid-export meter"
            )
          case nil:
            continue
          }
        }
        let exports = terms.filter { kinds[$0.0] == .onGridExport && $0.1 > 0 }
        let subtracted = Set(terms.filter { $0.1 < 0 }.map(\.0))
        for (traded, revenue) in tradedIn.sorted(by: { $0.key < $1.key })
        where !exports.isEmpty && !subtracted.contains(traded) {
          let revenueRange = symbols[revenue]?.range ?? range
          error(
            .doubleCounting,
            "on-grid kWh traded as green power ('\(traded)') would also earn certificates here",
            at: range, hint: "subtract the traded kWh: gec(\(exports[0].0) - \(traded))",
            notes: [
              .init(
                message: "'\(traded)' earns green-power trade revenue in '\(revenue)'",
                range: revenueRange)
            ])
        }
      }
    }
  }

  /// The kWh of every call that issues certificates (`gec`, `gec-sold` and its views), or of
  /// `only` that function's calls, with each call's range.
  static func gecArguments(_ e: Expr, only: String? = nil) -> [(Expr, SourceRange)] {
    switch e {
    case .call(let n, let args, let r):
      let issues =
        (n.text == "gec" && args.count == 1)
        || (CertificateView.allCases.contains { $0.function == n.text } && args.count == 2)
      let taken = issues && (only.map { $0 == n.text } ?? true)
      return (taken ? [(args[0], r)] : []) + args.flatMap { gecArguments($0, only: only) }
    case .negate(let a, _): return gecArguments(a, only: only)
    case .binary(_, let a, let b, _):
      return gecArguments(a, only: only) + gecArguments(b, only: only)
    default: return []
    }
  }

  /// Every case is named (no `default`): a new kind of formula must say whether the meters
  /// under it earn money outside certificates.
  static func referencesOutsideGEC(_ f: Formula) -> [String] {
    switch f {
    case .gec, .certificateStock: return []
    case .meter(let m): return [m]
    case .tou(let m, _): return [m]
    case .sum(let a), .negate(let a), .peak(let a), .spot(let a, _), .prorate(let a, _, _),
      .reduction(let a, _, _, _):
      return referencesOutsideGEC(a)
    case .min(let a, let b), .max(let a, let b), .above(let a, let b), .least(let a, let b),
      .atLeast(let a, let b),
      .binary(_, let a, let b):
      return referencesOutsideGEC(a) + referencesOutsideGEC(b)
    case .forfeit(let a, _, let l, let r), .annuity(let a, let l, let r):
      return referencesOutsideGEC(a) + referencesOutsideGEC(l) + referencesOutsideGEC(r)
    case .constant, .input, .value, .toDate, .received, .column, .balance: return []
    }
  }

  /// The meters of a sum or difference with their signs (+1 / -1).
  static func linearTerms(_ f: Formula, sign: Int) -> [(String, Int)] {
    switch f {
    case .meter(let m): return [(m, sign)]
    case .negate(let a): return linearTerms(a, sign: -sign)
    case .binary(.add, let a, let b): return linearTerms(a, sign: sign) + linearTerms(b, sign: sign)
    case .binary(.subtract, let a, let b):
      return linearTerms(a, sign: sign) + linearTerms(b, sign: -sign)
    case .binary(_, let a, let b): return linearTerms(a, sign: sign) + linearTerms(b, sign: sign)
    default: return []
    }
  }
}
