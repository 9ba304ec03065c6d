/// One finding about an input: a contract, a registry or a data file.
///
/// The library collects diagnostics and returns them; it never prints. Messages are lowercase and
/// terse, name the thing in quotes and state the rule; `hint` says how to fix it.
public struct Diagnostic: Sendable, Hashable, Codable, Error {
  public enum Severity: String, Sendable, Hashable, Codable {
    case error, warning, note
  }

  /// A secondary location ("first defined here").
  public struct Note: Sendable, Hashable, Codable {
    public var message: String
    public var range: SourceRange
  }

  public var severity: Severity
  /// A stable identifier (`unknown-name`), listed with an example in docs/errors.md.
  public var id: DiagnosticID
  public var message: String
  public var range: SourceRange
  public var hint: String?
  public var notes: [Note]
  /// The offending line, when its file is too large to keep for quoting (meter readings).
  public var quote: String?

  public init(
    _ severity: Severity, _ id: DiagnosticID, _ message: String, at range: SourceRange,
    hint: String? = nil, notes: [Note] = []
  ) {
    self.severity = severity
    self.id = id
    self.message = message
    self.range = range
    self.hint = hint
    self.notes = notes
  }

  public static func error(
    _ id: DiagnosticID, _ message: String, at range: SourceRange, hint: String? = nil,
    notes: [Note] = []
  ) -> Diagnostic {
    Diagnostic(.error, id, message, at: range, hint: hint, notes: notes)
  }

  public static func warning(
    _ id: DiagnosticID, _ message: String, at range: SourceRange, hint: String? = nil,
    notes: [Note] = []
  ) -> Diagnostic {
    Diagnostic(.warning, id, message, at: range, hint: hint, notes: notes)
  }
}

extension [Diagnostic] {
  public var hasErrors: Bool { contains { $0.severity == .error } }

  /// Sorted by file, position, then message: the order of output never depends on the order of
  /// the checks that found them. A `more-problems` count comes after the problems of its file
  /// that it counts the rest of.
  public var ordered: [Diagnostic] {
    sorted {
      let a = $0.id == .moreProblems ? 1 : 0
      let b = $1.id == .moreProblems ? 1 : 0
      return ($0.range.file, a, $0.range.start.line, $0.range.start.column, $0.message)
        < ($1.range.file, b, $1.range.start.line, $1.range.start.column, $1.message)
    }
  }
}
