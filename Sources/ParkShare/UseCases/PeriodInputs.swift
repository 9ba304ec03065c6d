import Foundation

/// What `revenue`, `settle` and `explain` all start from: the checked contract, the period, the
/// opening state and the data bundle, with every diagnostic so far and the files to quote.
struct PeriodInputs {
  var contract: Contract
  var period: Period
  var opening: CarryState?
  var bundle: DataBundle
  var diagnostics: [Diagnostic]
  var sources: [SourceFile]

  /// The contract, its registries and the bundle's files, with digests.
  var digests: [FileDigest] { Settlement.inputDigests(contract: contract, bundle: bundle) }

  /// Loads everything; `digests` also takes the digest of every file read (for `settle`).
  /// `before` checks the command's own files against the contract before the data is read.
  static func load(
    _ request: PeriodRequest, digests: Bool = false, before: ((Contract) -> UseCaseStop?)? = nil
  ) -> Result<PeriodInputs, UseCaseStop> {
    let (source, checked) = Checker.check(
      path: request.contract, allowOutsideFiles: request.allowOutsideFiles,
      parameters: request.parameters)
    var sources = (source.map { [$0] } ?? []) + checked.sources
    var diagnostics = checked.diagnostics
    guard let contract = checked.contract else { return .failure(.input(diagnostics, sources)) }
    switch before?(contract) {
    case .input(let more, let files)?:
      return .failure(.input(diagnostics + more, sources + files))
    case let other?: return .failure(other)
    case nil: break
    }
    if let problem = DataBundle.problem(with: request.period, in: contract) {
      return .failure(.usage(problem))
    }
    var opening: CarryState? = nil
    if let path = request.opening {
      let (state, problems) = CarryStateReader.read(path, contract: contract)
      if !problems.isEmpty {
        return .failure(.input(diagnostics + problems, sources + stateSource(path)))
      }
      opening = state
    }
    let loaded = DataBundle.load(
      directory: request.data, contract: contract, period: request.period,
      threads: request.threads, digests: digests)
    sources += loaded.sources
    diagnostics += loaded.diagnostics
    guard let bundle = loaded.bundle else { return .failure(.input(diagnostics, sources)) }
    return .success(
      PeriodInputs(
        contract: contract, period: request.period, opening: opening, bundle: bundle,
        diagnostics: diagnostics, sources: sources))
  }

  /// Loads the inputs and settles the period (`explain`, `fairness`, `compare`): the settlement
  /// with every diagnostic, or the stop.
  static func settle(_ request: PeriodRequest, before: ((Contract) -> UseCaseStop?)? = nil)
    -> UseCaseOutcome<(settlement: Settlement, contract: Contract)>
  {
    let inputs: PeriodInputs
    switch load(request, before: before) {
    case .failure(let stop): return .stopped(stop)
    case .success(let i): inputs = i
    }
    let outcome = Settlement.run(
      contract: inputs.contract, bundle: inputs.bundle, opening: inputs.opening,
      statePath: request.opening)
    let diagnostics = inputs.diagnostics + outcome.diagnostics
    guard let settlement = outcome.settlement, !diagnostics.hasErrors else {
      return UseCaseOutcome(nil, diagnostics: diagnostics, sources: inputs.sources)
    }
    return UseCaseOutcome(
      (settlement, inputs.contract), diagnostics: diagnostics, sources: inputs.sources)
  }

  /// The state file's text, so its problems are shown with their line.
  static func stateSource(_ path: String) -> [SourceFile] {
    guard case .success(let text) = Limits.readText(path, maxBytes: Limits.tableBytes) else {
      return []
    }
    return [SourceFile(path: path, text: text)]
  }
}
