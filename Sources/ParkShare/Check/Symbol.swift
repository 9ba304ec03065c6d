/// What a name in a contract stands for, with where it was declared.
struct Symbol {
  enum Kind: String {
    case party, group, unit, input, meter, tariff, `let`, kpi, revenue, subsidy, points, pool, fund
    case parameter
  }

  var kind: Kind
  var range: SourceRange
  /// For inputs, meters, definitions and points: the unit and the group they vary over.
  var unit: Unit = .none
  var per: String? = nil
}
