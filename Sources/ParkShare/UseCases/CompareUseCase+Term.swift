extension CompareUseCase {
  /// Both variants projected over the term under `scenario` (each with its own parameters),
  /// side by side.
  public static func overTerm(
    _ request: Request, scenario: String, threads: Int, year: Int? = nil
  ) -> UseCaseOutcome<TermComparison> {
    var projections: [(Projection, Comparison.Variant)] = []
    var years: [[Settlement]] = []
    var diagnostics: [Diagnostic] = []
    var sources: [SourceFile] = []
    for (i, file) in request.contracts.enumerated() {
      let simulate = SimulateUseCase.Request(
        contract: file, scenario: scenario, allowOutsideFiles: request.allowOutsideFiles,
        threads: threads, parameters: request.parameters[i])
      let prepared = SimulateUseCase.prepare(simulate)
      diagnostics += prepared.diagnostics
      sources += prepared.sources
      guard let sim = prepared.value else {
        return .init(nil, diagnostics: diagnostics, sources: sources, usage: prepared.usage)
      }
      do throws(EvaluationFailure) {
        let p = try sim.run()
        if let year { years.append(try sim.settlements(in: year)) }
        projections.append(
          (
            p,
            Comparison.Variant(
              contract: sim.contract.id, file: sim.contract.file,
              parameters: ContractParameter.variant(sim.contract.parameters))
          ))
      } catch {
        diagnostics.append(SimulateUseCase.cannotProject(error, sim))
        return .init(nil, diagnostics: diagnostics, sources: sources)
      }
    }
    if let year, years.contains(where: \.isEmpty) {
      return .init(
        nil, diagnostics: diagnostics, sources: sources,
        usage: "--year \(year): no projected period of the term falls in that year")
    }
    do throws(ArithmeticError) {
      var c = try TermComparison(
        projections[0].0, projections[1].0, a: projections[0].1, b: projections[1].1)
      if let year {
        c.year = year
        c.clauses = try Comparison.over(
          try zip(years[0], years[1]).map { a, b throws(ArithmeticError) in try Comparison(a, b) })
      }
      return .init(c, diagnostics: diagnostics, sources: sources)
    } catch {
      let problem = Diagnostic.error(
        .overflow, "the comparison cannot add up the variants' amounts: \(error)",
        at: .whole(request.contracts[0]))
      return .init(nil, diagnostics: diagnostics + [problem], sources: sources)
    }
  }
}
