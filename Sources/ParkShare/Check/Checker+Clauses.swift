/// The source range of every clause a checked contract cites by `file:line`: each declaration's
/// first line, each pool step, each tier or step row, each phase-out rule and points rule. The
/// model keeps only `file:line` (what statements print); diagnostics need the column and the
/// clause's extent.
extension Checker {
  static func clauseRanges(of file: ContractFile) -> [String: SourceRange] {
    var out: [String: SourceRange] = [:]
    func add(_ r: SourceRange) {
      // The first clause on a line is the one cited there.
      if out[r.clause] == nil { out[r.clause] = r }
    }
    for d in file.declarations {
      add(d.range)
      switch d.kind {
      case .pool(let p):
        for step in p.steps {
          add(step.range)
          if case .split(.tiered(let rows)) = step.kind { rows.map(\.range).forEach(add) }
          if case .split(.steps(_, let rows)) = step.kind { rows.map(\.range).forEach(add) }
        }
      case .subsidy(let s): s.rules.map(\.range).forEach(add)
      case .tariff(let t): t.bands.map(\.range).forEach(add)
      case .points(let p):
        for rule in p.rules {
          switch rule {
          case .per(_, _, _, let r), .bonus(_, _, let r): add(r)
          }
        }
      default: break
      }
    }
    return out
  }
}
