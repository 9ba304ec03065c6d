/// An operator of a formula, as written in a contract (`x` multiplies). Part of the model, not
/// only of the syntax: the evaluator computes formulas built of these. How tightly each binds is
/// the parser's business (`precedence`, in Syntax).
public enum BinaryOperator: String, Sendable, Hashable, Codable {
  case add = "+"
  case subtract = "-"
  case multiply = "x"
  case divide = "/"
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
}

extension BinaryOperator {
  /// Whether `u op v` holds, for a comparison; false for the arithmetic operators.
  public func holds(_ u: Exact, _ v: Exact) -> Bool {
    switch self {
    case .less: u < v
    case .lessOrEqual: !(v < u)
    case .greater: v < u
    case .greaterOrEqual: !(u < v)
    case .add, .subtract, .multiply, .divide: false
    }
  }
}
