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
    let text: String
    switch Limits.read(
      assetsPath, maxBytes: Limits.tableBytes, unreadableID: .missingFile,
      unreadableHint: "check the path of --assets")
    {
    case .failure(let d): return fail(d)
    case .success(let t): text = t
    }
    // The assets file is checked against the contract before any data is read.
    var assets: [String: [String]] = [:]
    let settled = PeriodInputs.settle(args, command: "fairness") { contract in
      let parsed = Fairness.parseAssets(text, path: assetsPath, contract: contract)
      assets = parsed.assets
      return parsed.problems.isEmpty
        ? nil : .input(parsed.problems, [SourceFile(path: assetsPath, text: text)])
    }
    let settlement: Settlement
    let contract: Contract
    switch settled {
    case .failure(let status): return status.code
    case .success(let s): (settlement, contract) = s
    }
    let fairness: Fairness
    do throws(EvaluationFailure) {
      fairness = try Fairness(settlement, contract: contract, assets: assets)
    } catch {
      return fail(.error(.badAssets, error.message, at: .whole(assetsPath)))
    }
    switch format {
    case "json": Output.out(Output.json(fairness))
    case "html": Output.out(NegotiationHTML.fairness(fairness))
    default: Output.out(FairnessText.text(fairness))
    }
    return ExitCode.success
  }

  static func fail(_ d: Diagnostic) -> Int32 {
    Output.err(DiagnosticRenderer(sources: []).render([d]))
    return ExitCode.inputError
  }
}
