/// One lexical token of a contract file.
public struct Token: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// A name or keyword: letters, digits, `_`, and `-` between letters (`energy-service`).
    case word
    /// `1,234.5`: the value is in `number`.
    case number
    /// `15%`: `number` holds 15, the value is 0.15.
    case percent
    /// `"苏银"`: the decoded text is in `text`... see `string`.
    case string
    /// `2026Q1`, `2026H2`, `2026-03`.
    case period
    /// `08:00`, a clock time in a tariff band.
    case time
    /// Punctuation and operators: `= , : ( ) + - * x / < > <= >= %`.
    case symbol
  }

  public var kind: Kind
  /// The source text exactly as written.
  public var text: String
  public var range: SourceRange
  /// Whether white space separates this token from the previous one on its line. `CNY/kWh`
  /// (tight) is a unit; `a / b` (spaced) is a division.
  public var spaceBefore: Bool
  /// The numeric value of a `number` or `percent` token, as written (15 for `15%`).
  public var number: Exact? = nil
  /// The decoded contents of a `string` token.
  public var string: String? = nil

  public func isWord(_ w: String) -> Bool { kind == .word && text == w }
  public func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
}

/// A source line after lexing: its indentation, its tokens and its trailing comment.
public struct LexedLine: Sendable {
  public var number: Int
  public var indent: Int
  public var tokens: [Token]
  /// The comment text after `#`, without the `#`.
  public var comment: String?
  public var range: SourceRange

  public var isBlank: Bool { tokens.isEmpty && comment == nil }
  public var isCommentOnly: Bool { tokens.isEmpty && comment != nil }
}
