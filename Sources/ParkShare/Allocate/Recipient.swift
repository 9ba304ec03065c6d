/// Who a line pays: a party (a group's member is a party too), or a fund a `reserve` step sets
/// money aside in. A value, so no code tells a fund from a party by reading its name.
public enum Recipient: Sendable, Hashable {
  case party(String)
  case fund(String)

  /// The party paid, nil for a fund.
  public var party: String? {
    if case .party(let p) = self { return p }
    return nil
  }

  public var isFund: Bool {
    if case .fund = self { return true }
    return false
  }
}

extension Recipient: Codable {
  /// The form recorded in JSON and ledgers since the first version: a party's id, or
  /// `fund:NAME` (a party id cannot hold a colon, so the two never meet).
  static let fundTag = "fund:"

  public var recorded: String {
    switch self {
    case .party(let p): return p
    case .fund(let f): return Self.fundTag + f
    }
  }

  public init(recorded text: String) {
    if text.starts(with: Self.fundTag) {
      self = .fund(String(text.dropFirst(Self.fundTag.count)))
    } else {
      self = .party(text)
    }
  }

  public init(from decoder: any Decoder) throws {
    self.init(recorded: try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(recorded)
  }
}
