/// How a period's money adds up: every pool's rounded total is exactly what its lines paid to
/// parties, put into funds and left unallocated; `residual` is that difference and is zero.
public struct Reconciliation: Sendable, Codable {
  /// Sum of the pools' rounded totals (revenues and subsidies).
  public var pools: Exact
  /// Paid to parties (net of caps and floors), reserved into funds, left unallocated.
  public var allocated: Exact
  public var reserved: Exact
  public var unallocated: Exact
  /// pools - allocated - reserved - unallocated: always 0.
  public var residual: Exact
  /// Arrears owed before and after the period, across all `pay` steps.
  public var arrearsOpening: Exact
  public var arrearsClosing: Exact
  /// Fund balances after the period.
  public var funds: [String: Exact]
  /// How the revenues' output VAT was shared; nil (and not recorded) without VAT.
  public var vat: VATReconciliation? = nil
}

/// The pools' output VAT (the tax on every revenue's and subsidy's invoice) against the VAT the
/// lines carry: `onParties + retained == output` to the fen, since each pool's tax is
/// apportioned whole.
public struct VATReconciliation: Sendable, Codable {
  public var output: Exact
  /// On the lines paid to parties: what they invoice.
  public var onParties: Exact
  /// On the lines into funds and what was left unallocated: paid over by the pool's holder.
  public var retained: Exact
}
