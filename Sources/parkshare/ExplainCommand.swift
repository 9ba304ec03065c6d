import ParkShare

/// `parkshare explain CONTRACT --data DIR --period P --party ID [--opening F]`
enum ExplainCommand {
  static func run(_ args: Arguments) throws(Arguments.UsageError) -> Int32 {
    guard let party = args.options["--party"] else {
      throw Arguments.UsageError(message: "--party ID is required")
    }
    let wording = Wording.of(try args.language())
    let outcome = ExplainUseCase.run(try args.periodRequest(), party: party)
    guard let s = try Output.show(outcome),
      let text = ExplainText.render(s, party: party, wording: wording)
    else {
      return ExitCode.inputError
    }
    Output.out(text)
    return ExitCode.success
  }
}
