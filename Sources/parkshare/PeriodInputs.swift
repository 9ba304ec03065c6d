import Foundation
import ParkShare

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

  /// The inputs, or how the command ends: a usage error (64) or the diagnostics that stop it.
  enum Failure: Error {
    case usage(String)
    case input([Diagnostic], [SourceFile])
  }

  /// Loads everything; `digests` also takes the digest of every file read (for `settle`).
  /// `before` checks the command's own files against the contract before the data is read.
  static func load(
    _ args: Arguments, digests: Bool = false, before: ((Contract) -> Failure?)? = nil
  ) -> Result<PeriodInputs, Failure> {
    guard args.operands.count == 1 else { return .failure(.usage("give one contract file")) }
    guard let dir = args.options["--data"] else {
      return .failure(.usage("--data DIR is required"))
    }
    guard let periodText = args.options["--period"] else {
      return .failure(.usage("--period is required (2026Q1, 2026H1, 2026-03 or 2026)"))
    }
    guard let period = Period(periodText) else {
      return .failure(
        .usage("'\(periodText)' is not a period: write 2026Q1, 2026H1, 2026-03 or 2026"))
    }
    var threads = ProcessInfo.processInfo.activeProcessorCount
    if let t = args.options["--threads"] {
      guard let n = Int(t), n >= 1 else {
        return .failure(.usage("--threads takes a number from 1"))
      }
      threads = n
    }
    let (source, checked) = Checker.check(
      path: args.operands[0], allowOutsideFiles: args.flags.contains(ContractFiles.option))
    var sources = (source.map { [$0] } ?? []) + checked.sources
    var diagnostics = checked.diagnostics
    guard let contract = checked.contract else { return .failure(.input(diagnostics, sources)) }
    switch before?(contract) {
    case .input(let more, let files)?:
      return .failure(.input(diagnostics + more, sources + files))
    case let other?: return .failure(other)
    case nil: break
    }
    if let problem = DataBundle.problem(with: period, in: contract) {
      return .failure(.usage(problem))
    }
    var opening: CarryState? = nil
    if let path = args.options["--opening"] {
      let (state, problems) = State.read(path, contract: contract)
      if !problems.isEmpty {
        return .failure(.input(diagnostics + problems, sources + State.source(path)))
      }
      opening = state
    }
    let loaded = DataBundle.load(
      directory: dir, contract: contract, period: period, threads: threads, digests: digests)
    sources += loaded.sources
    diagnostics += loaded.diagnostics
    guard let bundle = loaded.bundle else { return .failure(.input(diagnostics, sources)) }
    return .success(
      PeriodInputs(
        contract: contract, period: period, opening: opening, bundle: bundle,
        diagnostics: diagnostics, sources: sources))
  }

  /// Loads the inputs and settles the period, printing every diagnostic: the settlement, or the
  /// exit status the command ends with (`explain`, `fairness`, `compare`).
  static func settle(
    _ args: Arguments, command: String, before: ((Contract) -> Failure?)? = nil
  ) -> Result<(settlement: Settlement, contract: Contract), ExitStatus> {
    let inputs: PeriodInputs
    switch load(args, before: before) {
    case .failure(let f):
      return .failure(ExitStatus(code: report(f, command: command, json: false)))
    case .success(let i): inputs = i
    }
    let outcome = Settlement.run(
      contract: inputs.contract, bundle: inputs.bundle, opening: inputs.opening,
      statePath: args.options["--opening"])
    let diagnostics = inputs.diagnostics + outcome.diagnostics
    Output.err(DiagnosticRenderer(sources: inputs.sources).render(diagnostics))
    guard let settlement = outcome.settlement, !diagnostics.hasErrors else {
      return .failure(ExitStatus(code: ExitCode.inputError))
    }
    return .success((settlement, inputs.contract))
  }

  /// How a command ends when it cannot go on.
  struct ExitStatus: Error { var code: Int32 }

  /// Prints a failure the way every command does and returns its exit status.
  static func report(_ failure: Failure, command: String, json: Bool) -> Int32 {
    switch failure {
    case .usage(let message):
      Output.err("parkshare \(command): \(message)\n\n" + (Help.commands[command] ?? ""))
      return ExitCode.usage
    case .input(let diagnostics, let sources):
      Output.err(DiagnosticRenderer(sources: sources).render(diagnostics))
      if json { Output.out(Output.json(["diagnostics": diagnostics])) }
      return ExitCode.inputError
    }
  }
}
