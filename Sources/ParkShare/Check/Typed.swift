/// The result of checking an expression: its formula, unit and the group it varies over.
struct Typed {
  var formula: Formula
  var unit: Unit
  /// A group id (or `party`) when the value is one per member; nil for a single total.
  var per: String?
  /// A comparison: only a condition may be one.
  var isCondition = false
}
