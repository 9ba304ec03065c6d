import Foundation
import ParkShare

/// `parkshare statement --ledger DIR (--number N | --period P --party ID) [--format F] [--out DIR]
/// [--lang L] [--bom]`: an issued statement reprinted, in the bytes `settle` wrote.
enum StatementCommand {
  typealias Usage = Arguments.UsageError

  static func run(_ args: Arguments) throws(Usage) -> Int32 {
    guard args.operands.isEmpty else {
      throw Usage(message: "a statement is read from the ledger: give no contract or other file")
    }
    guard let ledger = args.options["--ledger"] else {
      throw Usage(message: "--ledger DIR is required")
    }
    let selection: StatementUseCase.Selection
    switch (args.options["--number"], args.options["--period"], args.options["--party"]) {
    case (nil, nil, nil) where args.options["--record"] != nil:
      guard let r = Int(args.options["--record"]!), r >= 1 else {
        throw Usage(message: "--record takes a ledger record's sequence from 1: --record 6")
      }
      selection = .record(r)
    case (let n?, nil, nil) where args.options["--record"] == nil:
      guard let number = Int(n), number >= 1 else {
        throw Usage(message: "--number takes a statement number from 1, as printed: --number 7")
      }
      selection = .number(number)
    case (nil, let p?, let party?): selection = .latest(period: try args.period(p), party: party)
    default:
      throw Usage(message: "give --number N, --period P --party ID, or --record N (one of them)")
    }
    let format = try args.format(
      SettleCommand.formats, "--format is one of \(SettleCommand.formats.joined(separator: ", "))")
    let out = args.options["--out"]
    if SettleCommand.fileOnly.contains(format) && out == nil {
      throw Usage(message: "--format \(format) writes files: give --out DIR")
    }
    let render = try SettleCommand.renderer(args)
    let outcome = StatementUseCase.run(ledger: ledger, selection, threads: try args.threads())
    guard let reprint = try Output.show(outcome) else { return ExitCode.inputError }
    SettleCommand.noteInvoices(format, [reprint.settlement])
    guard out != nil else {
      Output.out(String(decoding: render(reprint.settlement, format), as: UTF8.self))
      return ExitCode.success
    }
    let files = SettleCommand.files(format, out, render)(reprint.settlement, reprint.stem)
    if case .failure(let problem) = OutputFiles.write(files, faults: Output.faults) {
      Output.err(DiagnosticRenderer(sources: []).render([problem]))
      return ExitCode.inputError
    }
    return ExitCode.success
  }
}
