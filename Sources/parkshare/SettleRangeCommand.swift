import Foundation
import ParkShare

/// `parkshare settle CONTRACT --from P --to Q --data ROOT --ledger DIR [--issued D] [--format F]
/// [--out DIR]`: every missing period of the range, each from `ROOT/PERIOD/`.
enum SettleRangeCommand {
  typealias Usage = Arguments.UsageError

  static func run(_ args: Arguments) throws(Usage) -> Int32 {
    guard let fromText = args.options["--from"], let toText = args.options["--to"] else {
      throw Usage(message: "a range takes both ends: --from P --to Q")
    }
    let from = try args.period(fromText)
    let to = try args.period(toText)
    if case .failure(let problem) = SettleRangeUseCase.periods(from: from, to: to) {
      throw Usage(message: problem.message)
    }
    for option in ["--period", "--opening", "--closing", "--reason"]
    where args.options[option] != nil {
      throw Usage(
        message: "\(option) settles one period: a range (--from, --to) takes no \(option)")
    }
    if args.flags.contains("--amend") {
      throw Usage(message: "--amend corrects one period: settle it alone with --period")
    }
    guard args.operands.count == 1 else { throw Usage(message: "give one contract file") }
    guard let root = args.options["--data"] else {
      throw Usage(message: "--data ROOT is required: the folder with one bundle folder per period")
    }
    guard let ledger = args.options["--ledger"] else {
      throw Usage(message: "a range is settled into a ledger: give --ledger DIR")
    }
    if let d = args.options["--issued"], !SettleOptions.isDate(d) {
      throw Usage(message: "--issued takes a date: YYYY-MM-DD")
    }
    if let text = args.options["--contract-changed"], let found = ControlCharacters.first(in: text)
    {
      throw Usage(
        message:
          "--contract-changed holds \(ControlCharacters.describe(found.scalar)) at character \(found.position): write the reason on one line, without control characters"
      )
    }
    let format = try args.format(
      SettleCommand.formats, "--format is one of \(SettleCommand.formats.joined(separator: ", "))")
    let out = args.options["--out"]
    if format != "text" && out == nil {
      throw Usage(message: "--format \(format) of a range writes a file per period: give --out DIR")
    }
    let render = try SettleCommand.renderer(args)
    let request = SettleRangeUseCase.Request(
      contract: args.operands[0], root: root, from: from, to: to, ledger: ledger,
      issued: args.options["--issued"] ?? SettleOptions.today(),
      contractChanged: args.options["--contract-changed"], allowOutsideFiles: args.outside,
      threads: try args.threads(), faults: Output.faults)
    let outcome = SettleRangeUseCase.run(
      request, outputs: SettleCommand.files(format, out, render))
    let settled = try Output.show(outcome)
    SettleCommand.noteInvoices(format, settled ?? [])
    // The periods recorded are issued: their statements are printed even when a later one failed.
    if out == nil {
      for s in settled ?? [] { Output.out(String(decoding: render(s, "text"), as: UTF8.self)) }
    }
    return outcome.diagnostics.hasErrors || settled == nil ? ExitCode.inputError : ExitCode.success
  }
}
