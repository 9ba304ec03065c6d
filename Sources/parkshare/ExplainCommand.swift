import Foundation
import ParkShare

/// `parkshare explain CONTRACT --data DIR --period P --party ID [--opening F]`
enum ExplainCommand {
  static func run(_ args: Arguments) -> Int32 {
    guard let party = args.options["--party"] else {
      return PeriodInputs.report(.usage("--party ID is required"), command: "explain", json: false)
    }
    let settlement: Settlement
    switch PeriodInputs.settle(args, command: "explain") {
    case .failure(let status): return status.code
    case .success(let s): settlement = s.settlement
    }
    guard let text = ExplainText.render(settlement, party: party) else {
      let known = settlement.statements.map(\.party)
      let near = Spelling.nearest(party, in: known).map { "; did you mean '\($0)'?" } ?? ""
      return PeriodInputs.report(
        .usage("'\(party)' is not a party of '\(settlement.contract.id)'\(near)"),
        command: "explain", json: false)
    }
    Output.out(text)
    return ExitCode.success
  }
}
