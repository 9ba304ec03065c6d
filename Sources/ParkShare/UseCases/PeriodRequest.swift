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
  /// `--set NAME=VALUE`: the contract's parameters this run overrides, in order.
  public var parameters: [(name: String, value: String)] = []

  public init(
    contract: String, data: String, period: Period, opening: String? = nil,
    allowOutsideFiles: Bool = false, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
    parameters: [(name: String, value: String)] = []
  ) {
    self.parameters = parameters
    self.contract = contract
    self.data = data
    self.period = period
    self.opening = opening
    self.allowOutsideFiles = allowOutsideFiles
    self.threads = threads
  }
}
