import Foundation

/// Turns a parsed contract into a checked `Contract`, or explains why it cannot.
///
/// Every check runs and every finding is collected: a broken pool does not hide a broken tariff.
/// The result has a contract only when there are no errors.
public struct Checker {
  public struct Result: Sendable {
    public var contract: Contract?
    public var diagnostics: [Diagnostic]
    /// Registry files read while checking, so diagnostics in them can quote their lines.
    public var sources: [SourceFile]
  }

  /// Reads a registry file named in the contract (a path relative to the contract's folder);
  /// returns the path to show in diagnostics and the text.
  public typealias FileReader = @Sendable (String) throws -> (path: String, text: String)

  let file: ContractFile
  let readFile: FileReader
  /// Whether registries may lie outside the contract's folder (`--allow-outside-files`).
  var allowOutsideFiles = false
  var diagnostics: [Diagnostic] = []
  var sources: [SourceFile] = []
  var symbols: [String: Symbol] = [:]
  var declarations: [String: Declaration] = [:]
  var contract: Contract
  /// Definitions already typed, and those being typed (to find cycles).
  var typed: [String: Typed] = [:]
  var typingStack: [String] = []
  /// The names on `typingStack`, for a constant-time look-up in a chain of 100,000.
  var typing: Set<String> = []
  var failedDefinitions: Set<String> = []
  /// Definitions with a part that failed, typed from the rest (see `Typed.partial`): checked
  /// where they are defined, silent where they are used.
  var partialTyped: [String: Typed] = [:]
  /// Definitions in the order their typing finished: each after everything it uses.
  var typedOrder: [String] = []
  /// Funds that carry a pool's deficit (`loss carried to FUND`), with the pool.
  var deficitFunds: [String: String] = [:]
  /// Which pool allocates each revenue or subsidy.
  var allocatedBy: [String: Name] = [:]
  /// The signs definitions can take, and how many of `typedOrder` have theirs (see Sign.swift).
  var signs: [String: Sign] = [:]
  var signed = 0
  /// Each certificate inventory's sales input, by the kWh written inside its calls, with where
  /// it was first named: one inventory is sold from one record of sales.
  var certificateSales: [String: Name] = [:]
  /// Funds a distribution per unit carries its rest in (`rest carried to FUND`), with the
  /// pool: such a fund is the pool's own, never reserved to or carrying a deficit.
  var carryFunds: [String: String] = [:]
  /// Parties whose capital was reported: a split by stake does not also call it missing.
  var brokenCapital: Set<String> = []
  /// Each registry group's columns, for splits by a registry column (Checker+Columns).
  var registries: [String: RegistryTable] = [:]
  /// Whether the `settle` line gave a frequency and a term. Until it does, nothing is checked
  /// against them: a misspelt or missing `settle` is one error, not one per date in the file.
  var frequencyKnown = false
  var termKnown = false

  /// Parses and checks the contract at `path`, reading registries beside it from disk: only
  /// inside the contract's folder unless `allowOutsideFiles` (`ContractFiles`).
  public static func check(
    path: String, allowOutsideFiles: Bool = false, parameters: [(name: String, value: String)] = []
  ) -> (source: SourceFile?, result: Result) {
    let text: String
    switch Limits.read(path, maxBytes: Limits.contractBytes) {
    case .success(let t): text = t
    case .failure(let d): return (nil, Result(contract: nil, diagnostics: [d], sources: []))
    }
    let source = SourceFile(path: path, text: text)
    let result = check(source, allowOutsideFiles: allowOutsideFiles, parameters: parameters) {
      name in
      try ContractFiles.read(name, contract: path, allowOutside: allowOutsideFiles)
    }
    return (source, result)
  }

  /// Parses and checks contract text; `readFile` supplies registry files. A registry named by
  /// an absolute path or one that climbs out of the contract's folder is refused before
  /// `readFile` is asked, unless `allowOutsideFiles`.
  public static func check(
    _ source: SourceFile, allowOutsideFiles: Bool = false,
    parameters: [(name: String, value: String)] = [], readFile: @escaping FileReader
  ) -> Result {
    let (file, parseDiagnostics) = Parser.parse(source, parameters: parameters)
    var checker = Checker(file: file, readFile: readFile)
    checker.allowOutsideFiles = allowOutsideFiles
    checker.diagnostics = parseDiagnostics
    checker.run()
    checker.noteParameters()
    let ok = !checker.diagnostics.hasErrors
    return Result(
      contract: ok ? checker.contract : nil, diagnostics: checker.diagnostics.ordered,
      sources: checker.sources)
  }

  init(file: ContractFile, readFile: @escaping FileReader) {
    self.file = file
    self.readFile = readFile
    let unknown = Period(year: 2000, length: .quarter, index: 1)
    contract = Contract(
      id: "", title: "", version: nil, file: file.path,
      currency: Currency(code: "CNY", decimals: 2, rounding: .halfUp), frequency: .quarter,
      term: Term(from: unknown, to: unknown), parties: [], groups: [], units: [], inputs: [],
      meters: [],
      tariffs: [], definitions: [], subsidies: [], points: [], pools: [], funds: [])
  }

  /// Under a diagnostic on a line that uses a parameter `--set` changed, a note with the value
  /// it had there and where the contract declares it.
  mutating func noteParameters() {
    guard !file.setUses.isEmpty else { return }
    let params = Dictionary(
      file.parameters.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    for i in diagnostics.indices where diagnostics[i].range.file == file.path {
      for name in file.setUses[diagnostics[i].range.start.line] ?? [] {
        guard let p = params[name] else { continue }
        diagnostics[i].notes.append(
          .init(
            message:
              "'\(name)' is \(p.value) here (set for this run; the contract says \(p.declared))",
            range: p.clause))
      }
    }
  }

  mutating func error(
    _ id: DiagnosticID, _ message: String, at range: SourceRange, hint: String? = nil,
    notes: [Diagnostic.Note] = []
  ) {
    diagnostics.append(.error(id, message, at: range, hint: hint, notes: notes))
  }

  mutating func warning(
    _ id: DiagnosticID, _ message: String, at range: SourceRange, hint: String? = nil
  ) {
    diagnostics.append(.warning(id, message, at: range, hint: hint))
  }

  mutating func run() {
    checkHeader()
    declareNames()
    checkParties()
    checkInputsAndMeters()
    checkTariffs()
    checkDefinitions()
    checkSubsidies()
    checkPoints()
    checkPools()
    checkVAT()
    checkAssertions()
    lintUsage()
    lintDoubleCounting()
  }

  /// Binds `name` to a symbol, or reports the clash with a note at the first definition.
  /// Keywords never get here: the parser refuses them where a name goes.
  mutating func declare(_ name: Name, _ symbol: Symbol) {
    if let first = symbols[name.text] {
      alreadyDefined(name.text, at: name.range, first: first)
      return
    }
    symbols[name.text] = symbol
  }

  /// The symbol `name` refers to, with an error (and a suggestion) when there is none or it is
  /// not one of `kinds`.
  mutating func resolve(_ name: Name, as kinds: [Symbol.Kind], what: String) -> Symbol? {
    guard let symbol = symbols[name.text] else {
      if file.brokenNames.contains(name.text) { return nil }  // its line was reported
      let candidates = symbols.filter { kinds.contains($0.value.kind) }.keys.sorted()
      var hint = Spelling.nearest(name.text, in: candidates).map { "did you mean '\($0)'?" }
      if hint == nil, name.text.contains("-") {
        let parts = name.text.split(separator: "-").map(String.init)
        if parts.allSatisfy({ symbols[$0] != nil }) {
          hint = "to subtract, put spaces around '-': '\(parts.joined(separator: " - "))'"
        }
      }
      error(.unknownName, "unknown \(what) '\(name.text)'", at: name.range, hint: hint)
      return nil
    }
    guard kinds.contains(symbol.kind) else {
      error(
        .wrongKind,
        "'\(name.text)' is \(Checker.article(symbol.kind.rawValue)), not \(Checker.article(what))",
        at: name.range,
        notes: [.init(message: "'\(name.text)' is defined here", range: symbol.range)])
      return nil
    }
    return symbol
  }

  /// One name, two definitions: the error points at the second, a note at the first.
  mutating func alreadyDefined(_ name: String, at range: SourceRange, first: Symbol) {
    error(
      .duplicateName, "'\(name)' is already defined as \(Checker.article(first.kind.rawValue))",
      at: range, hint: "give each party, input, revenue, fund and pool its own name",
      notes: [.init(message: "first defined here", range: first.range)])
  }

  static func article(_ noun: String) -> String {
    ("aeiou".contains(noun.first ?? "x") ? "an " : "a ") + noun
  }
}
