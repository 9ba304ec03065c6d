import ParkShare

/// `parkshare check [--json] FILE...`
enum CheckCommand {
  struct FileResult: Encodable {
    var file: String
    var contract: Contract?
    var diagnostics: [Diagnostic]
  }

  static func run(_ args: Arguments) -> Int32 {
    var failed = false
    var results: [FileResult] = []
    for path in args.operands {
      let (source, result) = Checker.check(
        path: path, allowOutsideFiles: args.flags.contains(ContractFiles.option))
      let renderer = DiagnosticRenderer(sources: (source.map { [$0] } ?? []) + result.sources)
      Output.err(renderer.render(result.diagnostics))
      if result.diagnostics.hasErrors { failed = true }
      results.append(
        FileResult(file: path, contract: result.contract, diagnostics: result.diagnostics))
    }
    if args.flags.contains("--json") {
      Output.out(Output.json(results))
    } else if !failed {
      let warnings = results.reduce(0) {
        $0 + $1.diagnostics.filter { $0.severity == .warning }.count
      }
      Output.out(
        "\(results.count) contract\(results.count == 1 ? "" : "s") checked: no errors"
          + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "") + "\n")
    }
    return failed ? ExitCode.inputError : ExitCode.success
  }
}
