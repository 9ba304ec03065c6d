/// `revenue`: the period's revenue and closing state, before any allocation.
public enum RevenueUseCase {
  public static func run(_ request: PeriodRequest) -> UseCaseOutcome<PeriodRevenue> {
    let inputs: PeriodInputs
    switch PeriodInputs.load(request) {
    case .failure(let stop): return .stopped(stop)
    case .success(let i): inputs = i
    }
    let outcome = Evaluator.run(
      contract: inputs.contract, bundle: inputs.bundle, opening: inputs.opening,
      statePath: request.opening)
    return UseCaseOutcome(
      outcome.revenue, diagnostics: inputs.diagnostics + outcome.diagnostics,
      sources: inputs.sources)
  }
}
