import Foundation
import ParkShare

/// `parkshare compare A.contract B.contract --data DIR --period P [--format text|json|csv|html]`,
/// or over the settled periods of a ledger: `--ledger DIR [--from P] [--to P]`.
enum CompareCommand {
  typealias Usage = Arguments.UsageError

  static func run(_ args: Arguments) throws(Usage) -> Int32 {
    guard args.operands.count == 2 else { throw Usage(message: "give two contract files: A and B") }
    let format = try args.format(
      ["text", "json", "csv", "html"], "--format is text, json, csv or html")
    let wording = try args.wording(format: format)
    if let scenario = args.options["--scenario"] {
      return try overTerm(args, scenario: scenario, format: format, wording: wording)
    }
    let range: CompareUseCase.Range
    if let dir = args.options["--ledger"] {
      guard args.options["--data"] == nil, args.options["--period"] == nil,
        args.options["--opening"] == nil
      else {
        throw Usage(
          message: "--ledger replays its settled periods: leave out --data, --period and --opening")
      }
      let from = try args.options["--from"].map { t throws(Usage) in try args.period(t) }
      let to = try args.options["--to"].map { t throws(Usage) in try args.period(t) }
      range = .ledger(dir, from: from, to: to)
    } else {
      guard args.options["--from"] == nil, args.options["--to"] == nil else {
        throw Usage(message: "--from and --to choose periods of a --ledger")
      }
      var one = args
      one.operands = [args.operands[0]]
      range = .period(try one.periodRequest())
    }
    // `--set` goes to both variants (in a single period's request, or here for a ledger);
    // `--set-a` and `--set-b` to one.
    let (common, a, b) = try variantParameters(args)
    let ledger = args.options["--ledger"] != nil
    let outcome = CompareUseCase.run(
      .init(
        contracts: args.operands, allowOutsideFiles: args.outside, over: range,
        parameters: [(ledger ? common : []) + a, (ledger ? common : []) + b]))
    guard let comparison = try Output.show(outcome) else { return ExitCode.inputError }
    switch format {
    case "json": Output.out(Output.json(comparison))
    case "csv": Output.out((try args.bom() ? "\u{FEFF}" : "") + ComparisonText.csv(comparison))
    case "html": Output.out(NegotiationHTML.compare(comparison, language: try args.language()))
    default: Output.out(ComparisonText.text(comparison, wording: wording))
    }
    return ExitCode.success
  }

  typealias Parameters = [(name: String, value: String)]

  /// `--set` (both variants), `--set-a` and `--set-b`.
  static func variantParameters(_ args: Arguments) throws(Usage) -> (
    Parameters, Parameters, Parameters
  ) {
    var one = args
    let common = try one.parameters()
    one.repeated["--set"] = args.repeated["--set-a"]
    let a = try one.parameters()
    one.repeated["--set"] = args.repeated["--set-b"]
    let b = try one.parameters()
    return (common, a, b)
  }

  /// `--year 2028`: a calendar year of the term.
  static func year(_ args: Arguments) throws(Usage) -> Int? {
    guard let text = args.options["--year"] else { return nil }
    guard let y = Int(text), (1900...2200).contains(y) else {
      throw Usage(message: "--year takes a calendar year, such as 2028")
    }
    return y
  }

  /// `compare A B --scenario S`: both variants projected over the term.
  static func overTerm(_ args: Arguments, scenario: String, format: String, wording: Wording)
    throws(Usage) -> Int32
  {
    for option in ["--data", "--period", "--opening", "--ledger", "--from", "--to"]
    where args.options[option] != nil {
      throw Usage(message: "--scenario projects the term from its own period: leave out \(option)")
    }
    guard format == "text" || format == "json" else {
      throw Usage(message: "--scenario compares as text or json")
    }
    let (common, a, b) = try variantParameters(args)
    let outcome = CompareUseCase.overTerm(
      .init(
        contracts: args.operands, allowOutsideFiles: args.outside,
        over: .ledger("", from: nil, to: nil),
        parameters: [common + a, common + b]),
      scenario: scenario, threads: try args.threads(), year: try year(args))
    guard let c = try Output.show(outcome) else { return ExitCode.inputError }
    Output.out(format == "json" ? Output.json(c) : ComparisonText.term(c, wording: wording))
    return ExitCode.success
  }
}
