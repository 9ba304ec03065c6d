import Foundation

/// What `revenue`, `settle`, `explain`, `fairness` and `compare` are asked about: one contract,
/// one period of data, and the state the period opens with.
public struct PeriodRequest: Sendable {
  public var contract: String
  public var data: String
  public var period: Period
  /// The opening state file; nil opens the first period (or, with a ledger, the ledger decides).
  public var opening: String?
  public var allowOutsideFiles: Bool
  public var threads: Int

  public init(
    contract: String, data: String, period: Period, opening: String? = nil,
    allowOutsideFiles: Bool = false, threads: Int = ProcessInfo.processInfo.activeProcessorCount
  ) {
    self.contract = contract
    self.data = data
    self.period = period
    self.opening = opening
    self.allowOutsideFiles = allowOutsideFiles
    self.threads = threads
  }
}
