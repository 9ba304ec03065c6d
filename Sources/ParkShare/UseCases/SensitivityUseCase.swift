/// `sensitivity`: every input of the scenario's base period moved down and up by `change`, and
/// each party's NPV swing, for the parties that invest (or the one asked for).
public enum SensitivityUseCase {
  public struct Answer {
    public var sensitivity: Sensitivity
    /// The parties whose tornado to show: theirs is the decision on the table.
    public var parties: [String]
  }

  public static func run(_ request: SimulateUseCase.Request, change: Exact, party: String?)
    -> UseCaseOutcome<Answer>
  {
    var prepared = SimulateUseCase.prepare(request)
    guard let sim = prepared.value else {
      return .init(
        nil, diagnostics: prepared.diagnostics, sources: prepared.sources, usage: prepared.usage)
    }
    if let p = party, !sim.contract.parties.contains(where: { $0.id == p }) {
      return .init(
        nil, diagnostics: prepared.diagnostics, sources: prepared.sources,
        usage: "--party: '\(p)' is not a party of '\(sim.contract.id)'")
    }
    do throws(EvaluationFailure) {
      let s = try Sensitivity.run(sim, change: change)
      let parties = party.map { [$0] } ?? Set(sim.scenario.investments.map(\.party)).sorted()
      return .init(
        Answer(sensitivity: s, parties: parties), diagnostics: prepared.diagnostics,
        sources: prepared.sources)
    } catch {
      prepared.diagnostics.append(SimulateUseCase.cannotProject(error, sim))
      return .init(nil, diagnostics: prepared.diagnostics, sources: prepared.sources)
    }
  }
}
