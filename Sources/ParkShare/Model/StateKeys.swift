/// What a `pay` step that carries arrears still owes is kept under: the pool, the step's
/// position in it (1-based) and the party. A value, so the allocator neither joins nor splits
/// text; state files and ledgers write it as `POOL/STEP/PARTY`.
public struct ArrearsKey: Sendable, Hashable, CustomStringConvertible {
  public var pool: String
  public var step: Int
  public var party: String

  public init(pool: String, step: Int, party: String) {
    self.pool = pool
    self.step = step
    self.party = party
  }

  /// From `POOL/STEP/PARTY` (ids hold no `/`); nil for any other text.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 3, let step = Int(parts[1]) else { return nil }
    self.init(pool: String(parts[0]), step: step, party: String(parts[2]))
  }

  public var description: String { "\(pool)/\(step)/\(party)" }
}

/// What a party has received from a pool over the term is kept under the pool and the party;
/// state files and ledgers write it as `POOL/PARTY`.
public struct PoolParty: Sendable, Hashable, CustomStringConvertible {
  public var pool: String
  public var party: String

  public init(pool: String, party: String) {
    self.pool = pool
    self.party = party
  }

  /// From `POOL/PARTY`; nil for any other text.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return nil }
    self.init(pool: String(parts[0]), party: String(parts[1]))
  }

  public var description: String { "\(pool)/\(party)" }
}

extension ArrearsKey: Codable {
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    let text = try c.decode(String.self)
    guard let key = ArrearsKey(text) else {
      throw DecodingError.dataCorruptedError(
        in: c, debugDescription: "'\(text)' is not POOL/STEP/PARTY")
    }
    self = key
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
