import Foundation
import ParkShare

/// `parkshare fairness CONTRACT --data DIR --period P --assets FILE [--format text|json|html]`
enum FairnessCommand {
  static func run(_ args: Arguments) throws(Arguments.UsageError) -> Int32 {
    guard let assets = args.options["--assets"] else {
      throw Arguments.UsageError(message: "--assets FILE is required")
    }
    let format = try args.format(["text", "json", "html"], "--format is text, json or html")
    let wording = try args.wording(format: format)
    let outcome = FairnessUseCase.run(try args.periodRequest(), assets: assets)
    guard let fairness = try Output.show(outcome) else { return ExitCode.inputError }
    switch format {
    case "json": Output.out(Output.json(fairness))
    case "html": Output.out(NegotiationHTML.fairness(fairness, language: try args.language()))
    default: Output.out(FairnessText.text(fairness, wording: wording))
    }
    return ExitCode.success
  }
}
