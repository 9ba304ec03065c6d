import Foundation
import ParkShare

/// `settle`'s options checked in the order its usage errors have always come, then typed.
enum SettleOptions {
  typealias Usage = Arguments.UsageError

  static func recording(_ args: Arguments) throws(Usage) -> SettleUseCase.Recording? {
    let reason = args.options["--reason"]
    guard let dir = args.options["--ledger"] else { return nil }
    return SettleUseCase.Recording(
      directory: dir, issued: args.options["--issued"] ?? today(), amendment: reason,
      contractChanged: args.options["--contract-changed"])
  }

  /// The period request, after the checks that combine options.
  static func inputs(_ args: Arguments) throws(Usage) -> PeriodRequest {
    let ledger = args.options["--ledger"] != nil
    let amend = args.flags.contains("--amend")
    if ledger && args.options["--opening"] != nil {
      throw Usage(message: "--ledger supplies the opening state: leave out --opening")
    }
    // A ledger records what the contract's text says, so that `ledger verify` can settle it
    // again from the text: a variant is settled as a preview.
    if ledger && args.repeated["--set"] != nil {
      throw Usage(
        message:
          "--set settles a variant, which a ledger does not record: write the value into the contract (and --contract-changed), or settle without --ledger"
      )
    }
    if amend && !ledger {
      throw Usage(message: "--amend records an amendment in a ledger: give --ledger DIR")
    }
    if amend != (args.options["--reason"] != nil) {
      throw Usage(
        message: "an amendment takes a reason, and only an amendment: --amend --reason TEXT")
    }
    if let d = args.options["--issued"], !isDate(d) {
      throw Usage(message: "--issued takes a date: YYYY-MM-DD")
    }
    if args.options["--issued"] != nil && !ledger {
      throw Usage(
        message:
          "--issued dates statements recorded in a ledger: give --ledger DIR (a preview is not issued)"
      )
    }
    if args.options["--contract-changed"] != nil && !ledger {
      throw Usage(
        message: "--contract-changed acknowledges a change against a ledger: give --ledger DIR")
    }
    // Reasons are kept in the ledger and printed on statements: no line break, tab, escape or
    // bidi control may forge or reorder what a statement shows.
    for option in ["--reason", "--contract-changed"] {
      if let text = args.options[option], let found = ControlCharacters.first(in: text) {
        throw Usage(
          message:
            "\(option) holds \(ControlCharacters.describe(found.scalar)) at character \(found.position): write the reason on one line, without control characters"
        )
      }
    }
    return try args.periodRequest()
  }

  static func isDate(_ text: String) -> Bool { CalendarDay(text) != nil }

  /// Today on the park clock: the issue date a ledger records when none is given.
  static func today() -> String {
    let minutes = Int(Date().timeIntervalSince1970 / 60) + Timestamp.parkOffsetMinutes
    return String(Timestamp.text(parkMinutes: minutes).prefix(10))
  }
}
