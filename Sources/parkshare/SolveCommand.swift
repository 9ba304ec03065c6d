import Foundation
import ParkShare

/// `parkshare solve CONTRACT --scenario FILE --vary PARAM --target "irr(esco) = 8%"
/// [--between LOW..HIGH] [--precision P] [--set NAME=VALUE] [--format text|json] [--lang zh|en]`
enum SolveCommand {
  typealias Usage = Arguments.UsageError

  static func run(_ args: Arguments) throws(Usage) -> Int32 {
    let format = try args.format(["text", "json"], "--format is text or json")
    let wording = try args.wording(format: format)
    guard let parameter = args.options["--vary"] else {
      throw Usage(message: "--vary PARAM is required: the contract parameter to solve for")
    }
    guard let text = args.options["--target"] else {
      throw Usage(message: "--target is required, such as --target \"irr(esco) = 8%\"")
    }
    guard let target = GoalSeek.Target(text) else {
      throw Usage(
        message:
          "--target takes FIGURE(PARTY) = VALUE, FIGURE one of \(GoalSeek.Figure.allCases.map(\.rawValue).joined(separator: ", ")); irr and share as percentages, npv and received as amounts, payback in whole years: \"irr(esco) = 8%\", \"npv(op) = 1,000,000\", \"payback(esco) = 6\""
      )
    }
    let request = SolveUseCase.Request(
      simulate: try SimulateCommand.request(args), parameter: parameter, target: target,
      between: args.options["--between"], precision: args.options["--precision"])
    guard let answer = try Output.show(SolveUseCase.run(request)) else {
      return ExitCode.inputError
    }
    if format == "json" {
      Output.out(Output.json(answer))
    } else {
      Output.out(SolveText.text(answer, wording: wording))
    }
    // A search that found nothing is an answer, but not a success.
    return answer.seek.outcome == .solved ? ExitCode.success : ExitCode.inputError
  }
}
