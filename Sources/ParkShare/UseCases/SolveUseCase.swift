import Foundation

/// `solve`: the value of one contract parameter that brings a party's projected figure to a
/// target (GoalSeek), each trial the scenario's projection of the contract with the parameter
/// at that value; the data is read once.
public enum SolveUseCase {
  public struct Request: Sendable {
    public var simulate: SimulateUseCase.Request
    /// The parameter varied, and the target.
    public var parameter: String
    public var target: GoalSeek.Target
    /// `--between LOW..HIGH` (in the parameter's form: `10%..60%`, `0..0.1`); nil takes 0%..100%
    /// for a percentage and is required otherwise.
    public var between: String?
    /// The grid: 0.01 (percentage points for a percentage) unless given.
    public var precision: String?

    public init(
      simulate: SimulateUseCase.Request, parameter: String, target: GoalSeek.Target,
      between: String? = nil, precision: String? = nil
    ) {
      self.simulate = simulate
      self.parameter = parameter
      self.target = target
      self.between = between
      self.precision = precision
    }
  }

  public struct Answer: Sendable, Encodable {
    public var contract: String
    /// The parameters set for the run besides the one solved for (a variant); nil otherwise.
    public var parameters: [ContractParameter]? = nil
    public var seek: GoalSeek
    /// How the parameter's values are written: `%` for a percentage, or its unit (`CNY/kWh`).
    public var unit: String
    /// The value the contract (with the scenario's and the command line's settings) gives it.
    public var declared: String
  }

  public static func run(_ request: Request) -> UseCaseOutcome<Answer> {
    let prepared = SimulateUseCase.prepare(request.simulate)
    guard let sim = prepared.value else {
      return .init(
        nil, diagnostics: prepared.diagnostics, sources: prepared.sources, usage: prepared.usage)
    }
    func usage(_ message: String) -> UseCaseOutcome<Answer> {
      .init(nil, diagnostics: prepared.diagnostics, sources: prepared.sources, usage: message)
    }
    let params = sim.contract.parameters ?? []
    guard let param = params.first(where: { $0.name == request.parameter }) else {
      return usage(
        "--vary: '\(request.parameter)' is not a parameter of '\(sim.contract.id)'"
          + (params.isEmpty
            ? " (it declares none: 'param NAME = VALUE')"
            : " (its parameters: \(params.map(\.name).joined(separator: ", ")))"))
    }
    guard sim.contract.parties.contains(where: { $0.id == request.target.party }) else {
      return usage(
        "--target: '\(request.target.party)' is not a party of '\(sim.contract.id)'")
    }
    // The parameter's form: a percentage, or a number and its unit.
    // Read as the contract reads it (a period is not a number to solve for).
    guard let (_, suffix) = Sensitivity.numeric(param.value) else {
      return usage(
        "--vary: '\(param.name)' is \(param.value): only a number or a percentage can be solved for"
      )
    }
    let percent = suffix == "%"
    let unit = percent ? "%" : suffix.trimmingCharacters(in: .whitespaces)
    func number(_ text: String, _ what: String) -> Exact? {
      var t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
      if percent, t.hasSuffix("%") { t.removeLast() }
      if !unit.isEmpty, !percent, t.hasSuffix(unit) { t.removeLast(unit.count) }
      return Exact(t.trimmingCharacters(in: .whitespaces))
    }
    var low = Exact.zero
    var high = Exact(100)
    if let between = request.between {
      let ends = between.components(separatedBy: "..")
      guard ends.count == 2, let l = number(ends[0], "low"), let h = number(ends[1], "high"), l < h
      else {
        return usage(
          "--between takes LOW..HIGH, low first, in the parameter's form: \(percent ? "10%..60%" : "0..0.1")"
        )
      }
      (low, high) = (l, h)
    } else if !percent {
      return usage("--between LOW..HIGH is needed for '\(param.name)' (\(param.value))")
    }
    var precision = Exact("0.01")!
    if let text = request.precision {
      guard let p = number(text, "precision"), p > .zero else {
        return usage("--precision takes a positive step, such as 0.01")
      }
      precision = p
    }
    let fixed = sim.scenario.parameters + request.simulate.parameters
    func evaluate(_ x: Exact) throws(EvaluationFailure) -> Exact? {
      let text = percent ? "\(x)%" : "\(x)" + (unit.isEmpty ? "" : " \(unit)")
      let (_, checked) = Checker.check(
        path: request.simulate.contract, allowOutsideFiles: request.simulate.allowOutsideFiles,
        parameters: fixed + [(param.name, text)])
      guard let contract = checked.contract else {
        let first = checked.diagnostics.first { $0.severity == .error }
        throw EvaluationFailure(
          "with \(param.name) = \(text) the contract does not check: \(first?.message ?? "errors")",
          hint: "narrow --between to values the contract accepts", clause: first?.range)
      }
      // The data was read for the contract as declared: a parameter that changes how data is
      // read cannot be varied over the same bundle.
      guard "\(contract.gaps)" == "\(sim.contract.gaps)",
        "\(String(describing: contract.estimation))"
          == "\(String(describing: sim.contract.estimation))"
      else {
        throw EvaluationFailure(
          "\(param.name) changes how the data is read (gaps or estimate): it cannot be solved for")
      }
      let projection = try sim.with(contract).run()
      guard let p = projection.parties.first(where: { $0.party == request.target.party }) else {
        return nil
      }
      return request.target.figure.value(of: p)
    }
    do throws(EvaluationFailure) {
      let seek = try GoalSeek.run(
        parameter: param.name, target: request.target, low: low, high: high,
        precision: precision, evaluate: evaluate)
      return .init(
        Answer(
          contract: sim.contract.id,
          parameters: ContractParameter.variant(sim.contract.parameters),
          seek: seek, unit: unit, declared: param.value),
        diagnostics: prepared.diagnostics, sources: prepared.sources)
    } catch {
      var diagnostics = prepared.diagnostics
      diagnostics.append(SimulateUseCase.cannotProject(error, sim))
      return .init(nil, diagnostics: diagnostics, sources: prepared.sources)
    }
  }
}
