/// A cap or a floor a deal states per year, when the contract settles more often than yearly:
/// `floor P AMOUNT per year` (applied to the year to date each period), or
/// `cap|floor P AMOUNT per year with true-up` (the periods pay on their own basis and the year's
/// last period adds a true-up line). A `cap P AMOUNT per year` without `with true-up` is a
/// `.cap` step with span `.year`, as before.
public struct AnnualTerm: Sendable, Encodable, Hashable {
  public enum Limit: String, Sendable, Encodable, Hashable {
    case cap, floor
  }

  public var limit: Limit
  public var party: String
  /// The amount for a whole calendar year, in the currency.
  public var amount: Formula
  /// `paid by Q` (floors only): who funds the top-ups instead of the split's other parties.
  public var payer: String?
  /// `with true-up`: advances during the year and one true-up line in its last period.
  public var trueUp: Bool

  public init(limit: Limit, party: String, amount: Formula, payer: String?, trueUp: Bool) {
    self.limit = limit
    self.party = party
    self.amount = amount
    self.payer = payer
    self.trueUp = trueUp
  }

  /// The running total of the top-ups an annual floor applied to date gave its party this year,
  /// which later periods of the year take back as the party's own take catches up: kept in the
  /// carried state under this key.
  public static func givenKey(party: String, pool: String) -> String {
    "floor(\(party), \(pool))"
  }
}
