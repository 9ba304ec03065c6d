extension Formula: CustomStringConvertible, Encodable {
  /// The formula in contract syntax, fully parenthesised where operators nest; JSON uses this
  /// text so tools read `gec(pv_export - green_traded) x gec_price`, not a nested tree.
  public var description: String { text(nested: false) }

  func text(nested: Bool) -> String {
    switch self {
    case .constant(let v): return v.description
    case .input(let id), .meter(let id), .value(let id), .column(let id): return id
    case .tou(let m, let t): return "tou(\(m), \(t))"
    case .gec(let f): return "gec(\(f))"
    case .certificateStock(let f, let sales, let view): return "\(view.function)(\(f), \(sales))"
    case .peak(let f): return "peak(\(f))"
    case .spot(let f, let price): return "spot(\(f), \(price))"
    case .prorate(let f, let from, let until):
      return "prorate(\(f), \(from)\(until.map { ", \($0)" } ?? ""))"
    case .forfeit(let a, let op, let l, let r): return "forfeit(\(a), \(l) \(op.rawValue) \(r))"
    case .above(let a, let b): return "above(\(a), \(b))"
    case .annuity(let p, let r, let n): return "annuity(\(p), \(r), \(n))"
    case .reduction(let f, let days, let top, let kWh):
      return "reduction\(kWh ? "-kwh" : "")(\(f), \(top.map { "\($0), " } ?? "")\(days))"
    case .least:
      // Nested pairs read as the one call written: monthly-min(a, b, c).
      func flat(_ f: Formula) -> [Formula] {
        if case .least(let x, let y) = f { return flat(x) + flat(y) }
        return [f]
      }
      return "monthly-min(" + flat(self).map(\.description).joined(separator: ", ") + ")"
    case .atLeast(let a, let b): return "at-least(\(a), \(b))"
    case .toDate(let subject, let window): return "to-date(\(subject.id)\(window.argument))"
    case .received(let party, let pool, let window):
      return "received(\(party)\(pool.map { ", " + $0 } ?? "")\(window?.argument ?? ""))"
    case .sum(let f): return "sum(\(f))"
    case .balance(let id): return "balance(\(id))"
    case .min(let a, let b): return "min(\(a), \(b))"
    case .max(let a, let b): return "max(\(a), \(b))"
    case .negate(let f): return "-" + f.text(nested: true)
    case .binary(let op, let a, let b):
      let body = "\(a.text(nested: true)) \(op.rawValue) \(b.text(nested: true))"
      return nested ? "(\(body))" : body
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
