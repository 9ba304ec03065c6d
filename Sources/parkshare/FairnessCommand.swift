import Foundation
import ParkShare

/// `parkshare fairness CONTRACT --data DIR --period P --assets FILE [--format text|json|html]`
enum FairnessCommand {
  static func run(_ args: Arguments) -> Int32 {
    func usage(_ m: String) -> Int32 {
      PeriodInputs.report(.usage(m), command: "fairness", json: false)
    }
    guard let assetsPath = args.options["--assets"] else {
      return usage("--assets FILE is required")
    }
    let format = args.options["--format"] ?? "text"
    guard ["text", "json", "html"].contains(format) else {
      return usage("--format is text, json or html")
    }
    guard let text = try? String(contentsOfFile: assetsPath, encoding: .utf8) else {
      return fail(.error("missing-file", "cannot read '\(assetsPath)'", at: .whole(assetsPath)))
    }
    let assets: [String: [String]]
    switch Fairness.parseAssets(text) {
    case .success(let a): assets = a
    case .failure(let e):
      return fail(
        .error(
          "bad-assets", e.message,
          at: SourceRange(
            file: assetsPath, start: .init(line: e.line, column: 1),
            end: .init(line: e.line, column: 1))),
        SourceFile(path: assetsPath, text: text))
    }
    let settlement: Settlement
    let contract: Contract
    switch PeriodInputs.settle(args, command: "fairness") {
    case .failure(let status): return status.code
    case .success(let s): (settlement, contract) = s
    }
    let fairness: Fairness
    do throws(EvaluationFailure) {
      fairness = try Fairness(settlement, contract: contract, assets: assets)
    } catch {
      return fail(.error("bad-assets", error.message, at: .whole(assetsPath)))
    }
    switch format {
    case "json": Output.out(Output.json(fairness))
    case "html": Output.out(NegotiationHTML.fairness(fairness))
    default: Output.out(FairnessText.text(fairness))
    }
    return ExitCode.success
  }

  static func fail(_ d: Diagnostic, _ source: SourceFile? = nil) -> Int32 {
    Output.err(DiagnosticRenderer(sources: source.map { [$0] } ?? []).render([d]))
    return ExitCode.inputError
  }
}
