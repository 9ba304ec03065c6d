extension Expr {
  /// The expression as a contract writes it, with its units and only the parentheses its
  /// operators need: what explanations show (`0.30 CNY/kWh x discharge`), so a reader finds the
  /// clause's own words.
  public var written: String { text(within: 0, right: false) }

  func text(within outer: Int, right: Bool) -> String {
    switch self {
    case .number(_, let unit, let text, _): return text + (unit.map { " " + $0.text } ?? "")
    case .percent(_, let text, _): return text
    case .day(let d, _): return d.description
    case .name(let n): return n.text
    case .call(let name, let args, _):
      return name.text + "(" + args.map(\.written).joined(separator: ", ") + ")"
    case .negate(let inner, _): return "-" + inner.text(within: 4, right: false)
    case .binary(let op, let a, let b, _):
      let p = op.precedence
      let body =
        "\(a.text(within: p, right: false)) \(op.rawValue) \(b.text(within: p, right: true))"
      // Same precedence on the right needs parentheses: a - (b - c) is not a - b - c.
      return p < outer || (p == outer && right) ? "(\(body))" : body
    }
  }
}
