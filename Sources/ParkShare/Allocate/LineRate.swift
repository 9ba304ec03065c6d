/// The rate or share a line applies, exact; Render words it (`2%`, `0.05 CNY/kWh`).
public enum LineRate: Sendable, Equatable {
  /// None: a cap, a floor, an amount by a formula.
  case none
  /// A share written in the contract (`3%`, a fixed share of a split).
  case percent(Exact)
  /// `RATE x BASIS`: the price per unit of the basis ("" for a dimensionless basis).
  indirect case unitPrice(Exact, currency: String, unit: String)
  /// A fixed amount.
  case amount(Exact, currency: String)
  /// A pro-rata share: the party's value of the total.
  case proportion(Exact, of: Exact)
  /// A part of a limit's cut or top-up: the party's weight of the free parties' weight.
  indirect case weight(Fraction, of: Fraction)
  /// A line read back from a ledger record: its rate as recorded there.
  case recorded(String)
}
