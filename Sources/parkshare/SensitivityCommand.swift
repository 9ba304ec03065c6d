import Foundation
import ParkShare

/// `parkshare sensitivity CONTRACT --scenario FILE [--change 10%] [--party ID] [--format F]`
enum SensitivityCommand {
  static func run(_ args: Arguments) -> Int32 {
    func usage(_ m: String) -> Int32 {
      PeriodInputs.report(.usage(m), command: "sensitivity", json: false)
    }
    let format = args.options["--format"] ?? "text"
    guard ["text", "json", "html"].contains(format) else {
      return usage("--format is text, json or html")
    }
    var change = Exact("0.1")!  // 10%
    if let text = args.options["--change"] {
      let digits = text.hasSuffix("%") ? String(text.dropLast()) : text
      guard let v = Exact(digits), v > .zero, v < Exact(100) else {
        return usage("--change takes a percentage, such as 10%")
      }
      change = (try? v * .percent) ?? change
    }
    let (prepared, status) = SimulateCommand.prepare(args, command: "sensitivity")
    guard let sim = prepared else { return status }
    if let p = args.options["--party"], !sim.contract.parties.contains(where: { $0.id == p }) {
      return usage("--party: '\(p)' is not a party of '\(sim.contract.id)'")
    }
    do throws(EvaluationFailure) {
      let s = try Sensitivity.run(sim, change: change)
      // The parties that invest (or the one asked for): theirs is the decision on the table.
      let parties =
        args.options["--party"].map { [$0] }
        ?? Set(sim.scenario.investments.map(\.party)).sorted()
      switch format {
      case "json": Output.out(Output.json(s))
      case "html": Output.out(NegotiationHTML.sensitivity(s, parties: parties))
      default: Output.out(ProjectionText.sensitivity(s, parties: parties))
      }
      return ExitCode.success
    } catch {
      return SimulateCommand.cannotProject(error, sim)
    }
  }
}
