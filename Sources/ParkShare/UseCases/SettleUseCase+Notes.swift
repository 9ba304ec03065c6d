import Foundation

/// What a settle says besides the settlement: what an amendment restated, an amendment that
/// changes nothing, and what opening the ledger set aside.
extension SettleUseCase {
  /// What an amendment restated besides its own period: each later period, and the difference
  /// statements it issued (none when only the carried state changed).
  static func restatedNote(_ amended: Settlement, _ restated: [Restated]) -> Diagnostic {
    let periods = restated.map { r in
      let numbers = (r.settlement.issue?.differences ?? []).map { Statement.numberText($0.number) }
      return "\(r.settlement.period) ("
        + (numbers.isEmpty
          ? "no amount changed, only the state it carries"
          : "difference statement\(numbers.count == 1 ? "" : "s") \(numbers.joined(separator: ", "))")
        + ")"
    }
    return .warning(
      .restated,
      "the amendment of \(amended.period) changes the state later periods open with: it restates \(periods.joined(separator: ", "))",
      at: .whole(amended.contract.file),
      hint:
        "the restatements are recorded with the amendment; their statements are written with --out")
  }

  /// Whether `settlement` is what `amended` already records: the same input files, the same
  /// closing state and not one amount different on any party's statement.
  static func unchanged(_ settlement: Settlement, amends amended: Ledger.Record, in l: Ledger)
    throws(Ledger.Refusal) -> Bool
  {
    let recorded = try l.settlement(of: amended)
    guard recorded.inputs == settlement.inputs,
      Ledger.compact(recorded.closing) == Ledger.compact(settlement.closing)
    else { return false }
    var probe = settlement
    do throws(ArithmeticError) {
      _ = try probe.issueAmendment(
        against: recorded, latest: [:], from: 1, issued: "", reason: "")
    } catch {
      return false
    }
    return probe.issue?.differences.isEmpty ?? false
  }

  static func unchangedNote(_ settlement: Settlement, _ amended: Ledger.Record) -> Diagnostic {
    .warning(
      .unchangedAmendment,
      "the amendment of \(settlement.period) settles from the same files to the same statements and state as '\(amended.file)': nothing is recorded and no file is written",
      at: .whole(settlement.contract.file),
      hint: "an amendment records a change: correct the data or the contract first")
  }

  /// What opening the ledger set aside: an amendment a crash interrupted before HEAD recorded
  /// it. Its statements were never issued, so their numbers are issued again.
  static func setAsideNote(_ l: Ledger) -> Diagnostic {
    let names = l.setAside.map { "'\($0.file)'" }.joined(separator: ", ")
    let numbers = l.setAside.flatMap { ($0.numbers ?? [:]).values }.sorted()
    let printed =
      numbers.isEmpty
      ? ""
      : "; statements \(Statement.numberText(numbers.first!)) to \(Statement.numberText(numbers.last!)) printed by that run were never issued, and their numbers are issued again"
    return .warning(
      .ledger,
      "\(names) \(l.setAside.count == 1 ? "was" : "were") written by an amendment interrupted before the ledger recorded it (HEAD never named \(l.setAside.count == 1 ? "it" : "them")): set aside as '.interrupted-NAME' in the ledger folder\(printed)",
      at: .whole(l.directory),
      hint:
        "discard the statement files that run wrote; settle the amendment again if it is still wanted"
    )
  }
}
