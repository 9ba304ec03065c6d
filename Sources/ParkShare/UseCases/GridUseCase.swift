/// `sensitivity --grid A --grid B --figure "irr(esco)"`: a party's figure over the term for
/// every pair of values of two axes (Grid), the data read once.
public enum GridUseCase {
  public static func run(
    _ request: SimulateUseCase.Request, axes specs: [String], figure target: GoalSeek.Target
  ) -> UseCaseOutcome<Grid> {
    var prepared = SimulateUseCase.prepare(request)
    guard let sim = prepared.value else {
      return .init(
        nil, diagnostics: prepared.diagnostics, sources: prepared.sources, usage: prepared.usage)
    }
    func usage(_ message: String) -> UseCaseOutcome<Grid> {
      .init(nil, diagnostics: prepared.diagnostics, sources: prepared.sources, usage: message)
    }
    guard specs.count == 2 else {
      return usage("give two --grid axes, such as --grid esco_share=20%..40%/5%")
    }
    guard sim.contract.parties.contains(where: { $0.id == target.party }) else {
      return usage("--figure: '\(target.party)' is not a party of '\(sim.contract.id)'")
    }
    let params = sim.contract.parameters ?? []
    var axes: [Grid.Axis] = []
    var bases: [String: Exact] = [:]
    for spec in specs {
      guard let (name, values, _) = Grid.values(spec) else {
        return usage(
          "--grid takes NAME=LOW..HIGH/STEP with steps that land on HIGH, such as esco_share=20%..40%/5%: '\(spec)'"
        )
      }
      guard values.count <= Grid.maxValues else {
        return usage("--grid \(name): more than \(Grid.maxValues) values; take a larger step")
      }
      if let p = params.first(where: { $0.name == name }) {
        guard let (_, suffix) = Sensitivity.numeric(p.value) else {
          return usage("--grid \(name): \(p.value) is not a number or a percentage")
        }
        axes.append(Grid.Axis(name: name, kind: .parameter, suffix: suffix, values: values))
      } else if sim.contract.inputs.contains(where: { $0.id == name }) {
        // An input's base-period value, when it has one (not by member, month or vintage).
        guard let facts = sim.base.facts.values[name], facts.count == 1,
          let only = facts[.total]?.value, !only.isZero
        else {
          return usage(
            "--grid \(name): the input has several values (by member, month or vintage) or none in the scenario's period; give it a scenario path instead"
          )
        }
        bases[name] = only
        axes.append(Grid.Axis(name: name, kind: .input, suffix: "", values: values))
      } else {
        return usage(
          "--grid \(name): neither a parameter nor an input of '\(sim.contract.id)'")
      }
    }
    guard axes[0].name != axes[1].name else {
      return usage("--grid: the two axes are both '\(axes[0].name)'; give two different ones")
    }
    guard axes.filter({ $0.kind == .input }).count <= 1 else {
      return usage("--grid: at most one axis may be an input (the other a contract parameter)")
    }
    let given = params.filter(\.set).map { ($0.name, $0.value) }
    func cell(_ x: Exact, _ y: Exact) throws(EvaluationFailure) -> Exact? {
      var overrides = given
      var adjust: Simulator.Adjustment? = nil
      for (axis, v) in zip(axes, [x, y]) {
        switch axis.kind {
        case .parameter:
          overrides.removeAll { $0.0 == axis.name }
          overrides.append((axis.name, "\(v)\(axis.suffix)"))
        case .input:
          let factor: Exact
          do { factor = try v / bases[axis.name]! } catch {
            throw EvaluationFailure("--grid \(axis.name) = \(v): \(error)")
          }
          adjust = (.input(axis.name), factor)
        }
      }
      var contract = sim.contract
      if axes.contains(where: { $0.kind == .parameter }) {
        let (_, checked) = Checker.check(
          path: request.contract, allowOutsideFiles: request.allowOutsideFiles,
          parameters: overrides)
        guard let c = checked.contract else {
          let first = checked.diagnostics.first { $0.severity == .error }
          throw EvaluationFailure(
            "at \(axes[0].name) = \(x), \(axes[1].name) = \(y) the contract does not check: \(first?.message ?? "errors")",
            hint: "keep the grid to values the contract accepts", clause: first?.range)
        }
        contract = c
      }
      let p = try sim.with(contract).run(adjust: adjust)
      guard let party = p.parties.first(where: { $0.party == target.party }) else { return nil }
      return target.figure.value(of: party)
    }
    do throws(EvaluationFailure) {
      var cells: [[Exact?]] = []
      for x in axes[0].values {
        var row: [Exact?] = []
        for y in axes[1].values { row.append(try cell(x, y)) }
        cells.append(row)
      }
      return .init(
        Grid(
          contract: sim.contract.id, parameters: ContractParameter.variant(sim.contract.parameters),
          figure: target.figure, party: target.party, rows: axes[0],
          columns: axes[1], cells: cells),
        diagnostics: prepared.diagnostics, sources: prepared.sources)
    } catch {
      prepared.diagnostics.append(SimulateUseCase.cannotProject(error, sim))
      return .init(nil, diagnostics: prepared.diagnostics, sources: prepared.sources)
    }
  }
}
