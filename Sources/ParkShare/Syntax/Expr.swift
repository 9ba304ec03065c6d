/// An expression as written: numbers with units, names, calls and arithmetic.
public indirect enum Expr: Sendable, Hashable {
  case number(Exact, unit: UnitExpr?, text: String, range: SourceRange)
  /// `15%`: the value is 0.15.
  case percent(Exact, text: String, range: SourceRange)
  case name(Name)
  case call(Name, [Expr], range: SourceRange)
  case negate(Expr, range: SourceRange)
  case binary(BinaryOperator, Expr, Expr, range: SourceRange)
  /// `2026-08-15`: a day, an argument of `prorate(X, FROM, UNTIL)`.
  case day(CalendarDay, range: SourceRange)

  public var range: SourceRange {
    switch self {
    case .number(_, _, _, let r), .percent(_, _, let r), .call(_, _, let r), .negate(_, let r),
      .binary(_, _, _, let r), .day(_, let r):
      r
    case .name(let n): n.range
    }
  }
}

extension Expr {
  /// A bare number, without a unit (`5`).
  var isNumber: Bool {
    if case .number(_, unit: nil, _, _) = self { return true }
    return false
  }
}

extension BinaryOperator {
  /// How tightly the operator binds when parsed: comparisons loosest, then + and -, then x and /.
  var precedence: Int {
    switch self {
    case .less, .lessOrEqual, .greater, .greaterOrEqual: 1
    case .add, .subtract: 2
    case .multiply, .divide: 3
    }
  }
}

/// A unit as written: `kWh`, `CNY/kWh`, `tCO2e`, or `%` after `per` in a points rule.
public struct UnitExpr: Sendable, Hashable {
  public var numerator: Name
  public var denominator: Name?
  public var range: SourceRange

  public var text: String { numerator.text + (denominator.map { "/" + $0.text } ?? "") }
}
