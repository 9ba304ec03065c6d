import Foundation
import ParkShare

/// `parkshare simulate CONTRACT --scenario FILE [--runs N] [--seed S] [--format text|json|html]`
enum SimulateCommand {
  typealias Usage = Arguments.UsageError

  /// The request both `simulate` and `sensitivity` make.
  static func request(_ args: Arguments) throws(Usage) -> SimulateUseCase.Request {
    guard let path = args.options["--scenario"] else {
      throw Usage(message: "--scenario FILE is required")
    }
    for flag in ["--runs", "--threads"] {
      if let t = args.options[flag], Int(t).map({ $0 >= (flag == "--runs" ? 0 : 1) }) != true {
        throw Usage(message: "\(flag) takes a whole number\(flag == "--runs" ? "" : " from 1")")
      }
    }
    if let t = args.options["--seed"], UInt64(t) == nil {
      throw Usage(message: "--seed takes a whole number from 0")
    }
    guard args.operands.count == 1 else { throw Usage(message: "give one contract file") }
    return SimulateUseCase.Request(
      contract: args.operands[0], scenario: path, runs: args.options["--runs"].flatMap { Int($0) },
      seed: args.options["--seed"].flatMap { UInt64($0) }, allowOutsideFiles: args.outside,
      threads: try args.threads(), parameters: try args.parameters())
  }

  static func run(_ args: Arguments) throws(Usage) -> Int32 {
    let format = try args.format(["text", "json", "html"], "--format is text, json or html")
    let wording = try args.wording(format: format)
    guard let s = try Output.show(SimulateUseCase.run(try request(args))) else {
      return ExitCode.inputError
    }
    switch format {
    case "json": Output.out(Output.json(s))
    case "html":
      Output.out(
        NegotiationHTML.simulation(
          s.projection, monteCarlo: s.monteCarlo, language: try args.language()))
    default:
      Output.out(ProjectionText.text(s.projection, monteCarlo: s.monteCarlo, wording: wording))
    }
    return ExitCode.success
  }
}
