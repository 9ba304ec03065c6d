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
}
