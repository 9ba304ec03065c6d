/// What a use case gives back: its value when it has one, the diagnostics to show (with the files
/// they quote), or the usage problem that stopped it. The caller renders; nothing here prints.
public struct UseCaseOutcome<Value> {
  public var value: Value?
  public var diagnostics: [Diagnostic]
  public var sources: [SourceFile]
  /// The request cannot be served as asked (a party the contract does not have, a period of the
  /// wrong length): the command line reports it as a usage error and shows no diagnostic.
  public var usage: String?

  public init(
    _ value: Value?, diagnostics: [Diagnostic] = [], sources: [SourceFile] = [],
    usage: String? = nil
  ) {
    self.value = value
    self.diagnostics = diagnostics
    self.sources = sources
    self.usage = usage
  }

  /// The use case stopped before it had a value.
  static func stopped(_ stop: UseCaseStop) -> UseCaseOutcome {
    switch stop {
    case .usage(let message): UseCaseOutcome(nil, usage: message)
    case .input(let diagnostics, let sources):
      UseCaseOutcome(nil, diagnostics: diagnostics, sources: sources)
    }
  }

  /// Whether the run failed: no value, or an error among its diagnostics.
  public var failed: Bool { value == nil || diagnostics.hasErrors }
}

/// Why a use case stops before its value: a usage problem, or the diagnostics that stop it.
enum UseCaseStop: Error {
  case usage(String)
  case input([Diagnostic], [SourceFile])

  /// A ledger's refusal at `directory`, after `earlier` diagnostics.
  static func refused(
    _ refusal: Ledger.Refusal, _ directory: String, earlier: [Diagnostic] = [],
    sources: [SourceFile] = []
  ) -> UseCaseStop {
    let d = Diagnostic(
      .error, refusal.id, refusal.message, at: .whole(directory), hint: refusal.hint)
    return .input(earlier + [d], sources)
  }
}
