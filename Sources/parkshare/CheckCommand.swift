import ParkShare

/// `parkshare check [--json] FILE...`
enum CheckCommand {
  static func run(_ args: Arguments) -> Int32 {
    let results = CheckUseCase.run(.init(files: args.operands, allowOutsideFiles: args.outside))
    for r in results {
      Output.err(DiagnosticRenderer(sources: r.sources).render(r.diagnostics))
    }
    let failed = results.contains { $0.diagnostics.hasErrors }
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
