import Foundation
import ParkShare

// The CLI is a thin shell: parse argv into a command's typed request, call the library's use
// case, render, write, exit. The options each command
// accepts are the ones its help lists (Help.all).
let commands: [String: (Arguments) throws(Arguments.UsageError) -> Int32] = [
  "check": CheckCommand.run, "fmt": FormatCommand.run, "settle": SettleCommand.run,
  "compare": CompareCommand.run, "fairness": FairnessCommand.run,
  "simulate": SimulateCommand.run, "sensitivity": SensitivityCommand.run,
  "solve": SolveCommand.run, "prove": ProveCommand.run, "termsheet": TermSheetCommand.run,
  "report": ReportCommand.run, "journal": JournalCommand.run, "ledger": LedgerCommand.run,
  "explain": ExplainCommand.run, "revenue": RevenueCommand.run, "statement": StatementCommand.run,
  "pay": PayCommand.run, "data": DataCommand.run,
]

@MainActor func main() -> Int32 {
  let argv = Array(CommandLine.arguments.dropFirst())
  if let fault = ProcessInfo.processInfo.environment["PARKSHARE_FAULT"], Output.faults == nil {
    Output.err("parkshare: PARKSHARE_FAULT='\(fault)' is not kill@N, enospc@N, eacces@N or eio@N\n")
    return ExitCode.usage
  }
  let name = argv.first { !$0.hasPrefix("-") }
  // No arguments is a usage error like any other: the help goes to stderr, exit 64.
  if argv.isEmpty {
    Output.err(Help.main)
    return ExitCode.usage
  }
  if argv == ["--help"] || argv == ["-h"] || (name == nil && argv.contains("--help")) {
    Output.out(Help.main)
    return ExitCode.success
  }
  if argv == ["--version"] {
    Output.out("parkshare \(Engine.version)\n")
    return ExitCode.success
  }
  if name == "help" {
    let topics = argv.dropFirst()
    guard let topic = topics.first else {
      Output.out(Help.main)
      return ExitCode.success
    }
    guard topics.count == 1, let text = Help.commands[topic] else {
      Output.err(
        "parkshare help: unknown command '\(topics.joined(separator: " "))'\n\n" + Help.main)
      return ExitCode.usage
    }
    Output.out(text)
    return ExitCode.success
  }
  guard let name, let command = commands[name], let help = Help.all[name] else {
    Output.err("parkshare: unknown command '\(name ?? argv[0])'\n\n" + Help.main)
    return ExitCode.usage
  }
  do throws(Arguments.UsageError) {
    let args = try Arguments(argv, valued: help.valued, flags: help.flags)
    if args.flags.contains("--help") {
      Output.out(Help.commands[name] ?? Help.main)
      return ExitCode.success
    }
    if args.flags.contains("--check") && args.flags.contains("--stdout") {
      throw Arguments.UsageError(message: "--check and --stdout cannot be combined")
    }
    guard
      !args.operands.isEmpty
        || ["journal", "report", "ledger", "statement", "pay", "data"].contains(name)
        || (name == "explain" && args.options["--ledger"] != nil)
    else {
      throw Arguments.UsageError(message: "no files given")
    }
    return try command(args)
  } catch {
    Output.err("parkshare \(name): \(error.message)\n\n" + (Help.commands[name] ?? Help.main))
    return ExitCode.usage
  }
}

exit(main())
