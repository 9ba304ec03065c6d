/// What the finance exports read back from a ledger record: a settlement without its revenue
/// explanations (which are kept in the record for people, not needed to book or compare).
public struct RecordedSettlement: Sendable, Decodable {
  public var contract: Settlement.ContractInfo
  public var period: Period
  public var currency: String
  public var decimals: Int
  public var rounding: String
  public var inputs: [FileDigest]
  public var pools: [PoolResult]
  public var statements: [Statement]
  public var reconciliation: Reconciliation
  public var opening: CarryState
  public var closing: CarryState
  public var issue: Settlement.Issue?
  /// Of the revenue explanations, only what each computed item is (a revenue, a subsidy...):
  /// the journal books a subsidy as a receivable from its payer. Optional: read, never written.
  public var revenue: Kinds?

  public struct Kinds: Sendable, Decodable {
    public var items: [Item]

    public struct Item: Sendable, Decodable {
      public var id: String
      public var kind: Computed.Kind
    }
  }
}
