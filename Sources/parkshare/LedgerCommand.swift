import Foundation
import ParkShare

/// `parkshare ledger verify DIR [--expect-head DIGEST] [--threads N]`: checks a ledger from its
/// files alone (LedgerVerification): what was checked on stdout, every problem on stderr.
enum LedgerCommand {
  static func run(_ args: Arguments) -> Int32 {
    func usage(_ m: String) -> Int32 {
      PeriodInputs.report(.usage(m), command: "ledger", json: false)
    }
    guard args.operands.first == "verify" else {
      return usage("the ledger command is 'verify': parkshare ledger verify DIR")
    }
    guard args.operands.count == 2 else { return usage("give one ledger folder: verify DIR") }
    let dir = args.operands[1]
    let expected = args.options["--expect-head"]
    if let expected {
      guard expected.count == 64, expected.allSatisfy({ "0123456789abcdef".contains($0) }) else {
        return usage("--expect-head takes the 64 hex digits a statement prints after 'head'")
      }
    }
    var threads = ProcessInfo.processInfo.activeProcessorCount
    if let t = args.options["--threads"] {
      guard let n = Int(t), n >= 1 else { return usage("--threads takes a number from 1") }
      threads = n
    }
    let v = LedgerVerification.run(dir, expectHead: expected, threads: threads)
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
