extension Evaluator {
  /// The item `id` with its value and the details behind it.
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
        unit: d.unit.description, value: q, details: explain(d.formula))
    }
    if let s = subsidy(id) {
      let details = explain(s.formula) + (callDetails["subsidy \(id)"] ?? [])
      return Computed(
        id: id, kind: .subsidy, clause: s.clause, formula: s.written, unit: currency,
        value: q, details: details)
    }
    let p = pointsScheme(id)!
    let inputs = formulas(of: id).flatMap { explain($0) }
    return Computed(
      id: id, kind: .points, clause: p.clause,
      formula: p.written.joined(separator: "; ") + (p.cap.map { "; cap \($0)" } ?? ""),
      unit: "point",
      value: q,
      details: unique(inputs + (callDetails["points \(id)"] ?? [])))
  }

  func unique(_ details: [Detail]) -> [Detail] {
    var seen = Set<Detail>()
    return details.filter { seen.insert($0).inserted }
  }

  /// The data and values a formula read, in the order it reads them.
  func explain(_ f: Formula) -> [Detail] {
    guard explaining else { return [] }
    var out: [Detail] = []
    func walk(_ f: Formula) {
      switch f {
      case .constant: break
      case .input(let id):
        guard let decl = contract.inputs.first(where: { $0.id == id }) else { return }
        let unit = decl.unit.isDimensionless ? "" : " \(decl.unit)"
        for (facet, v) in (bundle.facts.values[id] ?? [:]).sorted(by: { $0.key < $1.key }) {
          let label = facet.label.isEmpty ? id : "\(id) \(facet.label)"
          out.append(Detail(label, "\(v.value.grouped)\(unit)", source: v.row))
        }
      case .meter(let id):
        guard let (decl, meters) = try? registered(id), let sums = bundle.sums else { return }
        for m in meters.prefix(12) {
          let meter = sums.meters[m]
          let micro = (0..<sums.months).reduce(Int64(0)) { $0 + sums.micro(m, month: $1) }
          let owner = meter.party.map { " (\($0))" } ?? ""
          out.append(
            Detail(
              "\(id): meter \(meter.id)\(owner)",
              "\(MeterSums.kWh(micro).grouped) kWh (\(decl.kind.rawValue))", source: meter.row))
        }
        if meters.count > 12 {
          out.append(Detail("\(id): \(meters.count - 12) more meters", "see --json"))
        }
      case .value(let id):
        guard let q = memo[id] else { return }
        let clause =
          definition(id)?.clause ?? subsidy(id)?.clause ?? pointsScheme(id)?.clause
        out.append(Detail(id, summary(q, unit: unit(of: id)), source: clause))
      case .tou(let m, let t):
        walk(.meter(m))
        out += callDetails["tou(\(m), \(t))"] ?? []
      case .gec(let inner):
        walk(inner)
        out += callDetails["gec(\(inner))"] ?? []
      case .sum(let a), .negate(let a): walk(a)
      case .toDate, .received, .column: break
      case .min(let a, let b), .max(let a, let b), .binary(_, let a, let b):
        walk(a)
        walk(b)
      }
    }
    walk(f)
    return unique(out)
  }

  func unit(of id: String) -> String {
    if let d = definition(id) {
      return d.unit.isDimensionless ? "" : d.unit.description
    }
    if subsidy(id) != nil { return contract.currency.code }
    return "points"
  }

  /// `1,030 CNY`, or `T001: 0.625, T002: 0.5` for a value per member.
  func summary(_ q: Quantity, unit: String) -> String {
    let suffix = unit.isEmpty ? "" : " \(unit)"
    if let v = q.scalar { return v.grouped + suffix }
    let cells = q.sorted
    let shown = cells.prefix(6).map { "\($0.facet.label): \($0.value.grouped)" }
    let more = cells.count > 6 ? ", ... (\(cells.count) in all)" : ""
    return shown.joined(separator: ", ") + more + suffix
  }
}
