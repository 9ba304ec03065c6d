import Foundation
import ParkShare

/// `parkshare ledger verify DIR [--expect-head DIGEST] [--threads N]`: checks a ledger from its
/// files alone (LedgerVerification): what was checked on stdout, every problem on stderr.
enum LedgerCommand {
  static func run(_ args: Arguments) throws(Arguments.UsageError) -> Int32 {
    func usage(_ m: String) -> Arguments.UsageError { Arguments.UsageError(message: m) }
    guard args.operands.first == "verify" else {
      throw usage("the ledger command is 'verify': parkshare ledger verify DIR")
    }
    guard args.operands.count == 2 else { throw usage("give one ledger folder: verify DIR") }
    let dir = args.operands[1]
    let expected = args.options["--expect-head"]
    if let expected {
      guard expected.count == 64, expected.allSatisfy({ "0123456789abcdef".contains($0) }) else {
        throw usage("--expect-head takes the 64 hex digits a statement prints after 'head'")
      }
    }
    let v = LedgerVerification.run(dir, expectHead: expected, threads: try args.threads())
    Output.err(DiagnosticRenderer(sources: []).render(v.diagnostics))
    var out = v.lines.map { $0 + "\n" }.joined()
    let errors = v.diagnostics.filter { $0.severity == .error }.count
    out +=
      "ledger \(dir): \(v.records) record\(v.records == 1 ? "" : "s"), head \(v.head): "
      + (v.holds ? "verified\n" : "\(errors) problem\(errors == 1 ? "" : "s")\n")
    Output.out(out)
    return v.holds ? ExitCode.success : ExitCode.inputError
  }
}
