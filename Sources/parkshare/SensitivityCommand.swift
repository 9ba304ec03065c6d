import Foundation
import ParkShare

/// `parkshare sensitivity CONTRACT --scenario FILE [--change 10%] [--party ID] [--format F]`
enum SensitivityCommand {
  typealias Usage = Arguments.UsageError

  static func run(_ args: Arguments) throws(Usage) -> Int32 {
    if args.repeated["--grid"] != nil || args.options["--figure"] != nil {
      return try grid(args)
    }
    let format = try args.format(["text", "json", "html"], "--format is text, json or html")
    let wording = try args.wording(format: format)
    var change = Exact("0.1")!  // 10%
    if let text = args.options["--change"] {
      let digits = text.hasSuffix("%") ? String(text.dropLast()) : text
      // Below 100 with at most the digits a number may have: a hundredth of it is exact.
      guard let v = Exact(digits), v > .zero, v < Exact(100), let c = try? v * .percent else {
        throw Usage(message: "--change takes a percentage, such as 10%")
      }
      change = c
    }
    let outcome = SensitivityUseCase.run(
      try SimulateCommand.request(args), change: change, party: args.options["--party"])
    guard let s = try Output.show(outcome) else { return ExitCode.inputError }
    switch format {
    case "json": Output.out(Output.json(s.sensitivity))
    case "html":
      Output.out(
        NegotiationHTML.sensitivity(
          s.sensitivity, parties: s.parties, language: try args.language()))
    default:
      Output.out(ProjectionText.sensitivity(s.sensitivity, parties: s.parties, wording: wording))
    }
    return ExitCode.success
  }

  /// `--grid A --grid B --figure F`: the figure for every pair of values, as a table (text),
  /// JSON or a heat map (svg).
  static func grid(_ args: Arguments) throws(Usage) -> Int32 {
    let format = try args.format(
      ["text", "json", "svg"], "--format with --grid is text, json or svg")
    let wording = try args.wording(format: format == "svg" ? "html" : format)
    guard let specs = args.repeated["--grid"], specs.count == 2 else {
      throw Usage(
        message: "give two --grid axes: --grid esco_share=20%..40%/5% --grid ccer_price=40..100/20")
    }
    // A figure without a target: read as a target of either form, the value unused.
    guard let text = args.options["--figure"],
      let figure = GoalSeek.Target(text + " = 0") ?? GoalSeek.Target(text + " = 0%")
    else {
      throw Usage(
        message: "--figure is required with --grid: FIGURE(PARTY), such as --figure \"irr(esco)\"")
    }
    let outcome = GridUseCase.run(try SimulateCommand.request(args), axes: specs, figure: figure)
    guard let g = try Output.show(outcome) else { return ExitCode.inputError }
    switch format {
    case "json": Output.out(Output.json(g))
    case "svg": Output.out(GridText.svg(g))
    default: Output.out(GridText.text(g, wording: wording))
    }
    return ExitCode.success
  }
}
