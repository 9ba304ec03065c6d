/// `termsheet`: a checked contract as a numbered term sheet, optionally against another version.
public enum TermSheetUseCase {
  public static func run(contract path: String, against other: String?, allowOutsideFiles: Bool)
    -> UseCaseOutcome<TermSheet>
  {
    var sources: [SourceFile] = []
    var diagnostics: [Diagnostic] = []
    var checked: [(SourceFile, Contract)] = []
    for file in [path] + (other.map { [$0] } ?? []) {
      let (source, result) = Checker.check(path: file, allowOutsideFiles: allowOutsideFiles)
      sources += (source.map { [$0] } ?? []) + result.sources
      diagnostics += result.diagnostics.filter { $0.severity == .error }
      if let source, let contract = result.contract { checked.append((source, contract)) }
    }
    guard checked.count == 1 + (other == nil ? 0 : 1) else {
      return .init(nil, diagnostics: diagnostics, sources: sources)
    }
    let (source, contract) = checked[0]
    let title = contract.title.isEmpty ? contract.id : "\(contract.title) (\(contract.id))"
    return .init(
      TermSheet(source, title: title, against: checked.count > 1 ? checked[1].0 : nil),
      sources: sources)
  }
}
