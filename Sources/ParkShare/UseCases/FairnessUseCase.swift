/// `fairness`: the period settled, and each party's share set against its Shapley value over
/// the assets it brings.
public enum FairnessUseCase {
  public static func run(_ request: PeriodRequest, assets path: String) -> UseCaseOutcome<Fairness>
  {
    let text: String
    switch Limits.read(
      path, maxBytes: Limits.tableBytes, unreadableID: .missingFile,
      unreadableHint: "check the path of --assets")
    {
    case .failure(let d): return UseCaseOutcome(nil, diagnostics: [d])
    case .success(let t): text = t
    }
    // The assets file is checked against the contract before any data is read.
    var assets: [String: [String]] = [:]
    let settled = PeriodInputs.settle(request) { contract in
      let parsed = Fairness.parseAssets(text, path: path, contract: contract)
      assets = parsed.assets
      return parsed.problems.isEmpty
        ? nil : .input(parsed.problems, [SourceFile(path: path, text: text)])
    }
    guard let (settlement, contract) = settled.value else {
      return UseCaseOutcome(
        nil, diagnostics: settled.diagnostics, sources: settled.sources, usage: settled.usage)
    }
    do throws(EvaluationFailure) {
      return UseCaseOutcome(
        try Fairness(settlement, contract: contract, assets: assets),
        diagnostics: settled.diagnostics, sources: settled.sources)
    } catch {
      return UseCaseOutcome(
        nil,
        diagnostics: settled.diagnostics + [.error(.badAssets, error.message, at: .whole(path))],
        sources: settled.sources)
    }
  }
}
