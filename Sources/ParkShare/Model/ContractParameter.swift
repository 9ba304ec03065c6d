/// A parameter of a contract as this run used it: its value, the value the contract declares,
/// and whether an override set it.
public struct ContractParameter: Sendable, Codable, Hashable {
  public var name: String
  public var value: String
  public var declared: String
  @ClauseText public var clause: SourceRange
  public var set = false
}
