/// A clause's source range written as `file:line` in JSON and ledger records, as every record
/// was before clauses were ranges; read back, it cites the start of that line. One wrapper for
/// every line type that cites its clause, so none needs hand-written coding for it.
@propertyWrapper
public struct ClauseText: Sendable, Codable {
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
