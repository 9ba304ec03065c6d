extension Evaluator {
  /// The item `id` with its value; its details are filled in by `explained()`.
  mutating func computed(_ id: String) throws(EvaluationFailure) -> Computed {
    let q = try value(id)
    let currency = contract.currency.code
    if let d = definition(id) {
      let kind: Computed.Kind =
        switch d.kind {
        case .let: .let
        case .kpi: .kpi
        case .revenue: .revenue
        }
      return Computed(
        id: id, kind: kind, clause: d.clause, formula: d.written,
        unit: d.unit.description, value: q, details: [])
    }
    if let s = subsidy(id) {
      return Computed(
        id: id, kind: .subsidy, clause: s.clause, formula: s.written, unit: currency,
        value: q, details: [])
    }
    let p = pointsScheme(id)!
    return Computed(
      id: id, kind: .points, clause: p.clause,
      formula: p.written.joined(separator: "; ") + (p.cap.map { "; cap \($0)" } ?? ""),
      unit: "point",
      value: q, details: [])
  }

  /// The details behind the item `id`, once every value is computed: a pass of its own, so a
  /// projection, which needs only the numbers, never walks the data for them.
  func details(of id: String) -> [Detail] {
    if let d = definition(id) { return explain(d.formula) }
    if let s = subsidy(id) { return explain(s.formula) + (callDetails["subsidy \(id)"] ?? []) }
    let inputs = formulas(of: id).flatMap { explain($0) }
    return unique(inputs + (callDetails["points \(id)"] ?? []))
  }

  func unique(_ details: [Detail]) -> [Detail] {
    var seen = Set<Detail>()
    return details.filter { seen.insert($0).inserted }
  }

  /// The data and values a formula read, in the order it reads them.
  func explain(_ f: Formula) -> [Detail] {
    var out: [Detail] = []
    func walk(_ f: Formula) {
      switch f {
      case .constant: break
      case .input(let id):
        guard let decl = contract.inputs.first(where: { $0.id == id }) else { return }
        let unit = decl.unit.isDimensionless ? "" : decl.unit.description
        for (facet, v) in (bundle.facts.values[id] ?? [:]).sorted(by: { $0.key < $1.key }) {
          out.append(.input(id: id, facet: facet, value: v.value, unit: unit, row: v.row))
        }
      case .meter(let id):
        guard let (decl, meters) = try? registered(id), let sums = bundle.sums else { return }
        for m in meters {
          let meter = sums.meters[m]
          let micro = (0..<sums.months).reduce(Int64(0)) { $0 + sums.micro(m, month: $1) }
          out.append(
            .meter(
              formula: id, meter: meter.id, owner: meter.party, kWh: MeterSums.kWh(micro),
              kind: decl.kind.rawValue, row: meter.row))
        }
      case .value(let id):
        guard let q = memo[id] else { return }
        let clause =
          definition(id)?.clause ?? subsidy(id)?.clause ?? pointsScheme(id)?.clause
        out.append(.value(id: id, value: q, unit: unit(of: id), clause: clause))
      case .tou(let m, let t):
        walk(.meter(m))
        out += callDetails["tou(\(m), \(t))"] ?? []
      case .gec(let inner):
        walk(inner)
        out += callDetails["gec(\(inner))"] ?? []
      case .peak(let inner):
        walk(inner)
        out += callDetails["peak(\(inner))"] ?? []
      case .spot(let inner, _), .prorate(let inner, _, _), .reduction(let inner, _, _, _):
        walk(inner)
        out += callDetails["\(f)"] ?? []
      case .certificateStock(let inner, let sales, _):
        walk(inner)
        walk(.input(sales))
        out += callDetails["\(f)"] ?? []
      case .annuity(let p, let r, let n):
        walk(p)
        walk(r)
        walk(n)
        out += callDetails["\(f)"] ?? []
      case .forfeit(let a, _, let l, let r):
        walk(a)
        walk(l)
        walk(r)
        out += callDetails["\(f)"] ?? []
      case .sum(let a), .negate(let a): walk(a)
      case .toDate, .received: out += callDetails["\(f)"] ?? []
      case .column: break
      case .balance(let id): walk(.value(id))
      case .min(let a, let b), .max(let a, let b), .above(let a, let b), .least(let a, let b),
        .atLeast(let a, let b),
        .binary(_, let a, let b):
        walk(a)
        walk(b)
      }
    }
    walk(f)
    return unique(out)
  }

  func unit(of id: String) -> Detail.ValueUnit {
    if let d = definition(id) {
      return .written(d.unit.isDimensionless ? "" : d.unit.description)
    }
    if subsidy(id) != nil { return .written(contract.currency.code) }
    return .points
  }
}
