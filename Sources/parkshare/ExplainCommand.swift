import ParkShare

/// `parkshare explain CONTRACT --data DIR --period P --party ID [--opening F]`, or from a ledger
/// `parkshare explain --ledger DIR --period P --party ID`.
enum ExplainCommand {
  static func run(_ args: Arguments) throws(Arguments.UsageError) -> Int32 {
    guard let party = args.options["--party"] else {
      throw Arguments.UsageError(message: "--party ID is required")
    }
    let wording = Wording.of(try args.language())
    let outcome: UseCaseOutcome<Settlement>
    if let ledger = args.options["--ledger"] {
      outcome = try fromLedger(args, ledger, party: party)
    } else {
      outcome = ExplainUseCase.run(try args.periodRequest(), party: party)
    }
    guard let s = try Output.show(outcome),
      let text = ExplainText.render(s, party: party, wording: wording)
    else {
      return ExitCode.inputError
    }
    Output.out(text)
    return ExitCode.success
  }

  /// The period as the ledger settled it: its recorded contract, data and opening state.
  static func fromLedger(_ args: Arguments, _ ledger: String, party: String)
    throws(Arguments.UsageError) -> UseCaseOutcome<Settlement>
  {
    for option in ["--data", "--opening"] where args.options[option] != nil {
      throw Arguments.UsageError(
        message: "--ledger gives the recorded contract, data and opening state: leave out \(option)"
      )
    }
    guard args.operands.isEmpty else {
      throw Arguments.UsageError(
        message: "--ledger gives the recorded contract: leave out the contract file")
    }
    guard let text = args.options["--period"] else {
      throw Arguments.UsageError(message: "--period is required: the settled period explained")
    }
    return ExplainUseCase.run(
      ledger: ledger, period: try args.period(text), party: party, threads: try args.threads())
  }
}
