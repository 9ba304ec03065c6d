import Foundation

/// `prove`: the contract's `assert` lines tested over the scenario's `prove` ranges (Prover);
/// with an output folder, each counterexample written as a data bundle and settled again to
/// show that `settle` reproduces it.
public enum ProveUseCase {
  public struct Request: Sendable {
    public var simulate: SimulateUseCase.Request
    /// Cases and seed; nil takes the scenario's (1,000 cases, seed 1).
    public var cases: Int?
    public var seed: UInt64?
    /// The folder the counterexamples are written to (created; never one that exists).
    public var out: String?

    public init(
      simulate: SimulateUseCase.Request, cases: Int? = nil, seed: UInt64? = nil,
      out: String? = nil
    ) {
      self.simulate = simulate
      self.cases = cases
      self.seed = seed
      self.out = out
    }
  }

  public static let defaultCases = 1_000

  public static func run(_ request: Request) -> UseCaseOutcome<Proof> {
    var prepared = SimulateUseCase.prepare(request.simulate)
    guard let sim = prepared.value else {
      return .init(
        nil, diagnostics: prepared.diagnostics, sources: prepared.sources, usage: prepared.usage)
    }
    func usage(_ message: String) -> UseCaseOutcome<Proof> {
      .init(nil, diagnostics: prepared.diagnostics, sources: prepared.sources, usage: message)
    }
    guard !sim.contract.assertions.isEmpty else {
      return usage(
        "'\(sim.contract.id)' states no promise to prove: add 'assert' lines (docs/contract-language.md, \"Promises\")"
      )
    }
    // What the scenario cannot search is its error, at its place in the scenario file.
    func refused(_ message: String, at place: String?, clause: SourceRange? = nil, hint: String?)
      -> UseCaseOutcome<Proof>
    {
      let at =
        place.flatMap { sim.scenario.places[$0] } ?? clause
        ?? .whole(request.simulate.scenario)
      prepared.diagnostics.append(.error(.badScenario, message, at: at, hint: hint))
      return .init(nil, diagnostics: prepared.diagnostics, sources: prepared.sources)
    }
    guard let search = sim.scenario.prove else {
      return refused(
        "the scenario has no 'prove' section", at: nil,
        hint:
          "give the input ranges to search, such as \"prove\": {\"inputs\": {\"ccer_price\": [\"0\", \"300\"]}}"
      )
    }
    guard !search.ranges.isEmpty else {
      return refused(
        "the scenario's prove section gives no ranges", at: "prove",
        hint:
          "name the inputs to move (prove.inputs, prove.factors) or meter kinds (prove.kWh)")
    }
    guard sim.scenario.ledger == nil else {
      return refused(
        "prove settles cases of a data bundle with no opening state", at: "ledger",
        hint: "give the scenario 'data' rather than 'ledger'")
    }
    if let out = request.out, OutputFiles.exists(out) {
      return usage(
        "--out \(out) already exists: prove writes its counterexamples into a new folder and never over anything"
      )
    }
    let cases = request.cases ?? search.cases ?? defaultCases
    let seed = request.seed ?? search.seed ?? 1
    let prover: Prover
    do throws(Prover.Refusal) {
      prover = try Prover(
        contract: sim.contract, base: sim.base, ranges: search.ranges, seed: seed)
    } catch {
      return refused(error.message, at: error.place, clause: error.clause, hint: error.hint)
    }
    for (place, message) in prover.outside {
      prepared.diagnostics.append(
        .warning(
          .badScenario, message,
          at: sim.scenario.places[place] ?? .whole(request.simulate.scenario),
          hint: "widen the range to the bundle's value to search from where the deal stands"))
    }
    var proof: Proof
    do throws(EvaluationFailure) {
      let (results, run, unsettled) = try prover.run(
        cases: cases, threads: max(1, request.simulate.threads))
      proof = Proof(
        contract: sim.contract.id, file: sim.contract.file,
        parameters: ContractParameter.variant(sim.contract.parameters),
        period: sim.base.period, currency: sim.contract.currency.code,
        decimals: sim.contract.currency.decimals, seed: seed, cases: cases, run: run,
        dimensions: prover.dimensions, results: results, unsettled: unsettled)
    } catch {
      prepared.diagnostics.append(
        .error(
          .cannotProject, "prove stops: \(error.message)",
          at: error.clause ?? .whole(sim.contract.file),
          hint: error.hint ?? "narrow the scenario's prove ranges to cases the contract can settle")
      )
      return .init(nil, diagnostics: prepared.diagnostics, sources: prepared.sources)
    }
    if let out = request.out, proof.results.contains(where: { $0.counterexample != nil }) {
      switch write(&proof, prover, to: out) {
      case .success: break
      case .failure(let d):
        prepared.diagnostics.append(d)
        return .init(nil, diagnostics: prepared.diagnostics, sources: prepared.sources)
      }
    }
    return .init(proof, diagnostics: prepared.diagnostics, sources: prepared.sources)
  }

  /// Writes each counterexample's bundle under `out` (`line-N`, and `line-N-raised` for the
  /// raised case of a promise about a rising input), all or nothing, then settles each written
  /// bundle and records whether the promise breaks there again.
  static func write(_ proof: inout Proof, _ prover: Prover, to out: String) -> Result<
    Void, Diagnostic
  > {
    var files: [(path: String, data: Data)] = []
    var folders: [Int: (String, String?)] = [:]
    for (k, r) in proof.results.enumerated() {
      guard let c = r.counterexample else { continue }
      let name = out + "/line-\(r.assertion.clause.start.line)"
      var points = [(name, c.values)]
      if let raised = c.raised, let input = r.assertion.input,
        let i = prover.dimensions.firstIndex(where: { $0.name == "input:" + input })
      {
        var higher = c.values
        higher[i] = raised
        points.append((name + "-raised", higher))
      }
      for (folder, values) in points {
        do throws(CounterexampleBundle.Refusal) {
          let moved: DataBundle
          do throws(EvaluationFailure) {
            moved = try prover.bundle(at: prover.units(values))
          } catch {
            throw CounterexampleBundle.Refusal(message: error.message)
          }
          files += try CounterexampleBundle.files(
            contract: prover.contract, base: prover.base, moved: moved
          ).map { (folder + "/" + $0.path, $0.data) }
        } catch {
          return .failure(.error(.cannotProject, error.message, at: .whole(out)))
        }
      }
      folders[k] = (name, points.count > 1 ? name + "-raised" : nil)
    }
    if case .failure(let d) = OutputFiles.write(files) { return .failure(d) }
    for (k, (folder, raised)) in folders.sorted(by: { $0.key < $1.key }) {
      proof.results[k].counterexample?.bundle = folder
      proof.results[k].counterexample?.raisedBundle = raised
      let again = reproduces(proof.results[k].assertion, prover, folder, raised)
      proof.results[k].counterexample?.reproduced = again
    }
    return .success(())
  }

  /// Whether settling the written bundle (and the raised one) breaks the promise again.
  static func reproduces(_ a: Assertion, _ prover: Prover, _ folder: String, _ raised: String?)
    -> Bool
  {
    func pools(_ dir: String) -> [PoolResult]? {
      let loaded = DataBundle.load(
        directory: dir, contract: prover.contract, period: prover.base.period, threads: 1)
      guard let bundle = loaded.bundle else { return nil }
      return Settlement.run(contract: prover.contract, bundle: bundle, opening: nil).settlement?
        .pools
    }
    guard let at = pools(folder) else { return false }
    guard case .monotone(let direction, _) = a.check else {
      return (try? a.verdict(in: at).holds) == false
    }
    guard let raised, let higher = pools(raised), let before = try? a.amount(in: at),
      let after = try? a.amount(in: higher)
    else { return false }
    return direction == .falls ? after < before : after > before
  }
}
