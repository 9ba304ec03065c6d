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
    load(variants: [request], digests: digests, before: before).map { $0[0] }
  }

  /// `load` for variants of one deal on one bundle (the same data and period, each its own
  /// contract and parameters): every contract is checked first, then the bundle is loaded for
  /// all of them from one read of its readings (`DataBundle.load(directory:contracts:...)`).
  static func load(
    variants requests: [PeriodRequest], digests: Bool = false,
    before: ((Contract) -> UseCaseStop?)? = nil
  ) -> Result<[PeriodInputs], UseCaseStop> {
    var checked:
      [(contract: Contract, opening: CarryState?, diagnostics: [Diagnostic], sources: [SourceFile])] =
        []
    var allSources: [SourceFile] = []
    var allDiagnostics: [Diagnostic] = []
    for request in requests {
      let (source, result) = Checker.check(
        path: request.contract, allowOutsideFiles: request.allowOutsideFiles,
        parameters: request.parameters)
      let sources = (source.map { [$0] } ?? []) + result.sources
      allSources += sources
      allDiagnostics += result.diagnostics
      guard let contract = result.contract else {
        return .failure(.input(allDiagnostics, allSources))
      }
      switch before?(contract) {
      case .input(let more, let files)?:
        return .failure(.input(allDiagnostics + more, allSources + files))
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
          return .failure(.input(allDiagnostics + problems, allSources + stateSource(path)))
        }
        opening = state
      }
      checked.append((contract, opening, result.diagnostics, sources))
    }
    let first = requests[0]
    let loaded = DataBundle.load(
      directory: first.data, contracts: checked.map(\.contract), period: first.period,
      threads: first.threads, digests: digests)
    var inputs: [PeriodInputs] = []
    var soFar: (diagnostics: [Diagnostic], sources: [SourceFile]) = ([], [])
    for (c, l) in zip(checked, loaded) {
      let diagnostics = c.diagnostics + l.diagnostics
      let sources = c.sources + l.sources
      soFar.diagnostics += diagnostics
      soFar.sources += sources
      // A variant that does not load stops the run with what every variant said so far.
      guard let bundle = l.bundle else { return .failure(.input(soFar.diagnostics, soFar.sources)) }
      inputs.append(
        PeriodInputs(
          contract: c.contract, period: first.period, opening: c.opening, bundle: bundle,
          diagnostics: diagnostics, sources: sources))
    }
    return .success(inputs)
  }

  /// Loads the inputs and settles the period (`explain`, `fairness`, `compare`): the settlement
  /// with every diagnostic, or the stop.
  static func settle(_ request: PeriodRequest, before: ((Contract) -> UseCaseStop?)? = nil)
    -> UseCaseOutcome<(settlement: Settlement, contract: Contract)>
  {
    let all = settle(variants: [request], before: before)
    return UseCaseOutcome(
      all.value?[0], diagnostics: all.diagnostics, sources: all.sources, usage: all.usage)
  }

  /// `settle` for variants of one deal on one bundle, read once (`load(variants:)`): every
  /// variant's settlement, or the first that cannot be made, with the diagnostics so far.
  static func settle(
    variants requests: [PeriodRequest], before: ((Contract) -> UseCaseStop?)? = nil
  )
    -> UseCaseOutcome<[(settlement: Settlement, contract: Contract)]>
  {
    let all: [PeriodInputs]
    switch load(variants: requests, before: before) {
    case .failure(let stop): return .stopped(stop)
    case .success(let i): all = i
    }
    var diagnostics: [Diagnostic] = []
    var sources: [SourceFile] = []
    var settled: [(settlement: Settlement, contract: Contract)] = []
    for (inputs, request) in zip(all, requests) {
      let outcome = Settlement.run(
        contract: inputs.contract, bundle: inputs.bundle, opening: inputs.opening,
        statePath: request.opening)
      diagnostics += inputs.diagnostics + outcome.diagnostics
      sources += inputs.sources
      guard let settlement = outcome.settlement, !diagnostics.hasErrors else {
        return UseCaseOutcome(nil, diagnostics: diagnostics, sources: sources)
      }
      settled.append((settlement, inputs.contract))
    }
    return UseCaseOutcome(settled, diagnostics: diagnostics, sources: sources)
  }

  /// The state file's text, so its problems are shown with their line.
  static func stateSource(_ path: String) -> [SourceFile] {
    guard case .success(let text) = Limits.readText(path, maxBytes: Limits.tableBytes) else {
      return []
    }
    return [SourceFile(path: path, text: text)]
  }
}
