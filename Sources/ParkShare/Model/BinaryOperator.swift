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
