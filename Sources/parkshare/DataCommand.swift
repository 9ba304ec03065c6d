import Foundation
import ParkShare

/// `parkshare data check DIR [--period P] [--spike X] [--flat N] [--lang L] [--threads N]`:
/// a bundle's meter data validated without a contract (DataCheckUseCase). The table on stdout,
/// every finding on stderr at its file and row.
enum DataCommand {
  static func run(_ args: Arguments) throws(Arguments.UsageError) -> Int32 {
    func usage(_ m: String) -> Arguments.UsageError { Arguments.UsageError(message: m) }
    guard args.operands.first == "check" else {
      throw usage("the data command is 'check': parkshare data check DIR")
    }
    guard args.operands.count == 2 else { throw usage("give one bundle folder: check DIR") }
    let dir = args.operands[1]
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
      throw usage("no bundle folder '\(dir)'")
    }
    // A bundle folder is usually named for its period (contracts/data/x/2026Q1).
    let named = URL(fileURLWithPath: dir).lastPathComponent
    guard let text = args.options["--period"] ?? (Period(named) != nil ? named : nil) else {
      throw usage("--period is required when the folder is not named for one (2026Q1, 2026-03)")
    }
    let period = try args.period(text)
    func whole(_ option: String, _ fallback: Int, _ range: ClosedRange<Int>) throws(Arguments
      .UsageError) -> Int
    {
      guard let t = args.options[option] else { return fallback }
      guard let n = Int(t), range.contains(n) else {
        throw usage(
          "\(option) takes a whole number from \(range.lowerBound) to \(range.upperBound)")
      }
      return n
    }
    let limits = MeterFindings.Limits(
      spikeFactor: try whole("--spike", 10, 2...1000), flatRun: try whole("--flat", 12, 2...10_000))
    let wording = Wording.of(try args.language())
    let outcome = DataCheckUseCase.run(
      .init(directory: dir, period: period, limits: limits, threads: try args.threads()))
    Output.err(DiagnosticRenderer(sources: outcome.sources).render(outcome.diagnostics))
    if let report = outcome.value { Output.out(DataCheckText.render(report, wording: wording)) }
    return outcome.failed ? ExitCode.inputError : ExitCode.success
  }
}
