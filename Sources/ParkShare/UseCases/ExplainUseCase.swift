/// `explain`: the period settled, for one party's calculation tree (which Render draws).
public enum ExplainUseCase {
  public static func run(_ request: PeriodRequest, party: String) -> UseCaseOutcome<Settlement> {
    let settled = PeriodInputs.settle(request)
    guard let settlement = settled.value?.settlement else {
      return UseCaseOutcome(
        nil, diagnostics: settled.diagnostics, sources: settled.sources, usage: settled.usage)
    }
    return of(
      party, in: settlement, contract: settled.value?.contract, diagnostics: settled.diagnostics,
      sources: settled.sources)
  }

  /// The settlement, when `party` has a statement in it; a usage problem otherwise.
  static func of(
    _ party: String, in settlement: Settlement, contract: Contract?, diagnostics: [Diagnostic],
    sources: [SourceFile]
  ) -> UseCaseOutcome<Settlement> {
    guard settlement.statements.contains(where: { $0.party == party }) else {
      // A party of the contract outside the deal in this period has no statement to explain.
      if let p = contract?.parties.first(where: { $0.id == party }) {
        let dates = [p.from.map { "from \($0)" }, p.until.map { "until \($0)" }]
          .compactMap { $0 }.joined(separator: " ")
        return UseCaseOutcome(
          nil, diagnostics: diagnostics, sources: sources,
          usage:
            "'\(party)' takes part in '\(settlement.contract.id)' \(dates), so it has no statement for \(settlement.period) to explain"
        )
      }
      let known = settlement.statements.map(\.party)
      let near = Spelling.nearest(party, in: known).map { "; did you mean '\($0)'?" } ?? ""
      return UseCaseOutcome(
        nil, diagnostics: diagnostics, sources: sources,
        usage: "'\(party)' is not a party of '\(settlement.contract.id)'\(near)")
    }
    return UseCaseOutcome(settlement, diagnostics: diagnostics, sources: sources)
  }
}
