/// The result of checking an expression: its formula, unit and the group it varies over.
struct Typed {
  var formula: Formula
  var unit: Unit
  /// A group id (or `party`) when the value is one per member; nil for a single total.
  var per: String?
  /// A comparison: only a condition may be one.
  var isCondition = false
}

extension Typed {
  /// Stands in a formula for a part that failed to check (and was reported).
  static let unknownPart = Formula.input("?")

  /// `a + b` (or `-`, or a comparison) where one side failed: the other side's unit is the only
  /// one the whole could have, so the whole is still checked against its use (a revenue in
  /// CNY/kWh is wrong whatever the misspelt unit beside it was). `x` and `/` have no such unit.
  static func partial(_ op: BinaryOperator, _ known: Typed?) -> Typed? {
    guard let known, !known.isCondition, op != .multiply, op != .divide else { return nil }
    let isCondition = op != .add && op != .subtract
    return Typed(
      formula: .binary(op, unknownPart, known.formula), unit: isCondition ? .none : known.unit,
      per: known.per, isCondition: isCondition)
  }

  /// Whether part of it failed to check: a contract is never built from it.
  var isPartial: Bool { formula.references.contains("?") }
}
