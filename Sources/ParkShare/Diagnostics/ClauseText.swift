/// A clause's source range written as `file:line` in JSON and ledger records, as every record
/// was before clauses were ranges; read back, it cites the start of that line. One wrapper for
/// every type that cites its clause, so none needs hand-written coding for it.
@propertyWrapper
public struct ClauseText: Sendable, Hashable, Codable {
  public var wrappedValue: SourceRange

  public init(wrappedValue: SourceRange) { self.wrappedValue = wrappedValue }

  public init(from decoder: any Decoder) throws {
    wrappedValue = SourceRange(clause: try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(wrappedValue.clause)
  }
}

/// A clause that may be absent (a step one variant of a contract does not have), written as
/// `file:line` when present and left out of the JSON when not, as an optional string was.
@propertyWrapper
public struct OptionalClauseText: Sendable, Hashable, Codable {
  public var wrappedValue: SourceRange?

  public init(wrappedValue: SourceRange?) { self.wrappedValue = wrappedValue }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    wrappedValue = c.decodeNil() ? nil : SourceRange(clause: try c.decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    if let range = wrappedValue { try c.encode(range.clause) } else { try c.encodeNil() }
  }
}

// Synthesized coding calls these for an `@OptionalClauseText` property: an absent clause has no
// key, as an optional property has, rather than a `null`.
extension KeyedEncodingContainer {
  public mutating func encode(_ value: OptionalClauseText, forKey key: Key) throws {
    try encodeIfPresent(value.wrappedValue.map(ClauseText.init), forKey: key)
  }
}

extension KeyedDecodingContainer {
  public func decode(_ type: OptionalClauseText.Type, forKey key: Key) throws
    -> OptionalClauseText
  {
    OptionalClauseText(
      wrappedValue: try decodeIfPresent(ClauseText.self, forKey: key)?.wrappedValue)
  }
}
