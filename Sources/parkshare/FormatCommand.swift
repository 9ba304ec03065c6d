import Foundation
import ParkShare

/// `parkshare fmt [--check | --stdout] FILE...`
enum FormatCommand {
  static func run(_ args: Arguments) -> Int32 {
    var status = ExitCode.success
    for path in args.operands {
      let text: String
      switch Limits.read(path, maxBytes: Limits.contractBytes) {
      case .success(let t): text = t
      case .failure(let d):
        Output.err(DiagnosticRenderer(sources: []).render([d]))
        status = ExitCode.inputError
        continue
      }
      let source = SourceFile(path: path, text: text)
      let (formatted, diagnostics) = Formatter.format(source)
      guard let formatted else {
        Output.err(DiagnosticRenderer(sources: [source]).render(diagnostics))
        status = ExitCode.inputError
        continue
      }
      if args.flags.contains("--stdout") {
        Output.out(formatted)
      } else if args.flags.contains("--check") {
        if formatted != text {
          Output.out("\(path): not in canonical form (run 'parkshare fmt \(path)')\n")
          status = ExitCode.inputError
        }
      } else if formatted != text {
        // A contract reached through a link is not rewritten: the rename would replace the link.
        if let kind = AtomicFile.refusedTarget(path) {
          Output.err(DiagnosticRenderer(sources: []).render(OutputFiles.unsafe(path, kind)))
          status = ExitCode.inputError
          continue
        }
        do {
          try AtomicFile.write(Data(formatted.utf8), to: path, faults: Output.faults)
        } catch {
          Output.err(DiagnosticRenderer(sources: []).render(OutputFiles.unwritable(path, error)))
          status = ExitCode.inputError
        }
      }
    }
    return status
  }
}
