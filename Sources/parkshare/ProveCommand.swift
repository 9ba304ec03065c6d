import Foundation
import ParkShare

/// `parkshare prove CONTRACT --scenario FILE [--cases N] [--seed S] [--out DIR] [--set NAME=VALUE]
/// [--format text|json] [--lang zh|en]`
enum ProveCommand {
  typealias Usage = Arguments.UsageError

  static func run(_ args: Arguments) throws(Usage) -> Int32 {
    let format = try args.format(["text", "json"], "--format is text or json")
    let wording = try args.wording(format: format)
    if let t = args.options["--cases"], Int(t).map({ (1...1_000_000).contains($0) }) != true {
      throw Usage(message: "--cases takes a whole number from 1 to 1,000,000")
    }
    let request = ProveUseCase.Request(
      simulate: try SimulateCommand.request(args),
      cases: args.options["--cases"].flatMap { Int($0) },
      seed: args.options["--seed"].flatMap { UInt64($0) }, out: args.options["--out"])
    guard let proof = try Output.show(ProveUseCase.run(request)) else {
      return ExitCode.inputError
    }
    if format == "json" {
      Output.out(Output.json(proof))
    } else {
      Output.out(ProveText.text(proof, wording: wording))
    }
    // A broken promise, or a case the contract cannot settle, is an answer, but like a failing
    // test, not a success.
    return proof.results.contains { $0.counterexample != nil } || proof.unsettled != nil
      ? ExitCode.inputError : ExitCode.success
  }
}
