extension ExplainUseCase {
  /// `explain --ledger DIR --period P --party ID`: the period's latest record explained from
  /// what it was settled from (its recorded contract, bundle and opening state, every file still
  /// with its recorded digest): the same settlement `explain` gives on those inputs with the
  /// recorded opening as `--opening`. The ledger is only read.
  public static func run(ledger directory: String, period: Period, party: String, threads: Int)
    -> UseCaseOutcome<Settlement>
  {
    let inputs: Ledger.RecordedInputs
    do throws(Ledger.Refusal) {
      let ledger = try Ledger.open(directory)
      inputs = try ledger.recordedInputs(of: try ledger.latestRecord(of: period), threads: threads)
    } catch {
      return .stopped(.refused(error, directory))
    }
    let outcome = Settlement.run(
      contract: inputs.contract, bundle: inputs.bundle, opening: inputs.opening)
    let diagnostics = inputs.diagnostics + outcome.diagnostics
    guard let settlement = outcome.settlement, !diagnostics.hasErrors else {
      return UseCaseOutcome(nil, diagnostics: diagnostics, sources: inputs.sources)
    }
    return of(
      party, in: settlement, contract: inputs.contract, diagnostics: diagnostics,
      sources: inputs.sources)
  }
}
