/// Why an exact computation has no result: reported as a value, never a trap.
public enum ArithmeticError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The integer part of a result does not fit in 38 decimal digits.
  case overflow
  /// A division or a ratio by zero.
  case divisionByZero
  /// Text that is not a decimal number; the associated value says what is wrong.
  case invalidNumber(String)
  /// Apportioning among weights that are negative or all zero.
  case invalidWeights(String)

  public var description: String {
    switch self {
    case .overflow: "arithmetic overflow: the result needs more than 38 digits"
    case .divisionByZero: "division by zero"
    case .invalidNumber(let why): "invalid number: \(why)"
    case .invalidWeights(let why): "invalid weights: \(why)"
    }
  }
}
