import Foundation

/// `simulate`: the term projected from a settled period under a scenario, with Monte Carlo runs
/// when asked. The scenario names the period's data (or the ledger that settled it); loading it
/// is part of the use case, so `sensitivity` starts from the same simulator.
public enum SimulateUseCase {
  public struct Request: Sendable {
    public var contract: String
    public var scenario: String
    /// Monte Carlo runs and seed; nil takes the scenario's (none, seed 1).
    public var runs: Int?
    public var seed: UInt64?
    public var allowOutsideFiles: Bool
    public var threads: Int
    /// `--set NAME=VALUE`, after the scenario's `set`.
    public var parameters: [(name: String, value: String)] = []

    public init(
      contract: String, scenario: String, runs: Int? = nil, seed: UInt64? = nil,
      allowOutsideFiles: Bool = false, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
      parameters: [(name: String, value: String)] = []
    ) {
      self.parameters = parameters
      self.contract = contract
      self.scenario = scenario
      self.runs = runs
      self.seed = seed
      self.allowOutsideFiles = allowOutsideFiles
      self.threads = threads
    }
  }

  /// The projection and, with runs, the Monte Carlo percentiles.
  public struct Simulation: Encodable {
    public var projection: Projection
    public var monteCarlo: MonteCarlo?
  }

  public static func run(_ request: Request) -> UseCaseOutcome<Simulation> {
    var prepared = prepare(request)
    guard let sim = prepared.value else {
      return .init(
        nil, diagnostics: prepared.diagnostics,
        sources: prepared.sources, usage: prepared.usage)
    }
    let runs = request.runs ?? sim.scenario.runs ?? 0
    let seed = request.seed ?? sim.scenario.seed ?? 1
    do throws(EvaluationFailure) {
      let base = try sim.run()
      let mc =
        runs > 0
        ? try MonteCarlo.run(sim, runs: runs, seed: seed, threads: max(1, request.threads)) : nil
      return UseCaseOutcome(
        Simulation(projection: base, monteCarlo: mc), diagnostics: prepared.diagnostics,
        sources: prepared.sources)
    } catch {
      prepared.diagnostics.append(cannotProject(error, sim))
      return UseCaseOutcome(nil, diagnostics: prepared.diagnostics, sources: prepared.sources)
    }
  }

  /// The simulator for the contract and scenario, with the inputs' errors (a projection shows
  /// no warning of its base period), or why there is none.
  public static func prepare(_ request: Request) -> UseCaseOutcome<Simulator> {
    let loaded = Scenario.load(request.scenario)
    let sources = loaded.source.map { [$0] } ?? []
    guard let scenario = loaded.scenario else {
      return UseCaseOutcome(nil, diagnostics: loaded.problems, sources: sources)
    }
    var period = PeriodRequest(
      contract: request.contract, data: scenario.data, period: scenario.period,
      allowOutsideFiles: request.allowOutsideFiles, threads: request.threads,
      parameters: scenario.parameters + request.parameters)
    var opening: CarryState? = nil
    var settled: (ledger: Ledger, record: Ledger.Record)? = nil
    if let dir = scenario.ledger {
      // The period as settled: its bundle (checked by digest on the read that loads it) and its
      // opening state.
      do throws(Ledger.Refusal) {
        let ledger = try Ledger.open(dir)
        guard let record = ledger.latest.first(where: { $0.period == scenario.period }) else {
          throw Ledger.Refusal(message: "the ledger holds no settlement of \(scenario.period)")
        }
        guard let folder = Ledger.bundleFolder(try ledger.settlement(of: record).inputs) else {
          throw Ledger.Refusal(
            message: "\(record.period) was settled without a data bundle on record")
        }
        period.data = folder
        let states = try ledger.full(record)
        opening = states.opening.period == nil ? nil : states.opening
        settled = (ledger, record)
      } catch {
        return UseCaseOutcome(
          nil, diagnostics: [.error(.ledger, error.message, at: .whole(dir), hint: error.hint)])
      }
    }
    // What the scenario names is checked against the contract before any data is read.
    let checked = PeriodInputs.load(period, digests: settled != nil) { contract in
      let problems = scenario.problems(with: contract)
      return problems.isEmpty ? nil : .input(problems, sources)
    }
    if case .failure = checked, let (ledger, record) = settled {
      // A bundle that no longer reads: name the file that changed, when one did.
      do throws(Ledger.Refusal) { _ = try ledger.bundleDirectory(of: record) } catch {
        return refusal(error, scenario.ledger!)
      }
    }
    switch checked {
    case .failure(let stop): return .stopped(stop)
    case .success(let inputs):
      if let (ledger, record) = settled {
        do throws(Ledger.Refusal) { try ledger.check(inputs.bundle, settledAs: record) } catch {
          return refusal(error, scenario.ledger!)
        }
      }
      // Seasonality: the rest of the year's bundles, each read for its own period.
      var seasons = [inputs.bundle]
      var diagnostics = inputs.diagnostics.filter { $0.severity == .error }
      var sources = inputs.sources
      var p = scenario.period
      for dir in scenario.year.dropFirst() {
        p = p.next
        let loaded = DataBundle.load(
          directory: dir, contract: inputs.contract, period: p, threads: request.threads)
        diagnostics += loaded.diagnostics.filter { $0.severity == .error }
        sources += loaded.sources
        guard let bundle = loaded.bundle else {
          return UseCaseOutcome(nil, diagnostics: diagnostics, sources: sources)
        }
        seasons.append(bundle)
      }
      return UseCaseOutcome(
        Simulator(
          contract: inputs.contract, base: inputs.bundle, scenario: scenario, opening: opening,
          seasons: seasons.count > 1 ? seasons : []),
        diagnostics: diagnostics, sources: sources)
    }
  }

  /// The ledger's refusal of a period's bundle, as the run's one diagnostic.
  static func refusal(_ error: Ledger.Refusal, _ dir: String) -> UseCaseOutcome<Simulator> {
    UseCaseOutcome(
      nil, diagnostics: [.error(.ledger, error.message, at: .whole(dir), hint: error.hint)])
  }

  /// A projected period that cannot be computed: the diagnostic, at the clause when known.
  static func cannotProject(_ error: EvaluationFailure, _ sim: Simulator) -> Diagnostic {
    .error(
      .cannotProject, "the projection stops: \(error.message)",
      at: error.clause ?? .whole(sim.contract.file),
      hint: error.hint ?? "check the scenario's factors against the contract's terms")
  }
}
