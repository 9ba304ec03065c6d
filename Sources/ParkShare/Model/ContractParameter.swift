/// A parameter of a contract as this run used it: its value, the value the contract declares,
/// and whether an override set it.
public struct ContractParameter: Sendable, Codable, Hashable {
  public var name: String
  public var value: String
  public var declared: String
  @ClauseText public var clause: SourceRange
  public var set = false
}

extension ContractParameter {
  /// The parameters a run gave other values: set for it, or derived from one that was (`100% -
  /// esco_share`); nil when none, so outputs of the contract's own values keep their bytes.
  public static func variant(_ all: [ContractParameter]?) -> [ContractParameter]? {
    let changed = (all ?? []).filter { $0.set || $0.value != $0.declared }
    return changed.isEmpty ? nil : changed
  }
}
