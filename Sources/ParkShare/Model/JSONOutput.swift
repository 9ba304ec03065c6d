import Foundation

/// The one JSON encoder: every JSON output (statements, reports, comparisons, diagnostics, carry
/// states) and every ledger record. Keys are sorted and slashes left alone, so the same value
/// always gives the same bytes: a ledger hashes them, and `ledger verify` re-encodes and compares.
public enum JSONOutput {
  /// A value the encoder refused (none of the engine's types does: their `encode(to:)` only
  /// writes strings and containers). Reported, never replaced by other bytes.
  public struct Failure: Error, Sendable {
    public var message: String
  }

  /// Indented, one member a line, ending in a newline: an output file, or the settlement a
  /// ledger record holds.
  public static func document<T: Encodable>(_ value: T) throws(Failure) -> Data {
    try encode(value, [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) + Data("\n".utf8)
  }

  /// `document` as text.
  public static func text<T: Encodable>(_ value: T) throws(Failure) -> String {
    String(decoding: try document(value), as: UTF8.self)
  }

  /// On one line, without spaces: a member of a ledger record's header.
  public static func line<T: Encodable>(_ value: T) throws(Failure) -> String {
    String(decoding: try encode(value, [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
  }

  /// On one line, spaced as `document` spaces it (`{ "a" : 1, "b" : 2 }`): the reference to the
  /// record an amendment amends, as ledger records have always written it.
  public static func spaced<T: Encodable>(_ value: T) throws(Failure) -> String {
    try text(value).split(separator: "\n").map { $0.drop { $0 == " " } }.joined(separator: " ")
  }

  /// An object with one member a line, in the order given, each value already encoded (by
  /// `line`, `spaced` or `document`): the layout of a ledger record, whose header members come
  /// in a fixed order rather than sorted.
  public static func members(_ members: [(key: String, value: String)]) throws(Failure) -> Data {
    var lines: [String] = []
    for m in members { lines.append("  " + (try line(m.key)) + " : " + m.value) }
    return Data(("{\n" + lines.joined(separator: ",\n") + "\n}\n").utf8)
  }

  static func encode<T: Encodable>(_ value: T, _ formatting: JSONEncoder.OutputFormatting)
    throws(Failure) -> Data
  {
    let encoder = JSONEncoder()
    encoder.outputFormatting = formatting
    do {
      return try encoder.encode(value)
    } catch {
      throw Failure(message: "cannot encode \(T.self) as JSON: \(error)")
    }
  }
}
