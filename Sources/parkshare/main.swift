import Foundation
import ParkShare

// The CLI is a thin shell: parse argv, call the library, print, exit.
let commands: [String: (valued: Set<String>, flags: Set<String>, run: (Arguments) -> Int32)] = [
  "check": ([], ["--json", "--help"], CheckCommand.run),
  "fmt": ([], ["--check", "--stdout", "--help"], FormatCommand.run),
  "settle": (
    [
      "--data", "--period", "--opening", "--closing", "--threads", "--format", "--out", "--ledger",
      "--lang", "--issued", "--reason", "--contract-changed",
    ],
    ["--bom", "--amend", "--help"], SettleCommand.run
  ),
  "compare": (
    ["--data", "--period", "--opening", "--threads", "--format", "--ledger", "--from", "--to"],
    ["--help"], CompareCommand.run
  ),
  "fairness": (
    ["--data", "--period", "--opening", "--threads", "--assets", "--format"], ["--help"],
    FairnessCommand.run
  ),
  "simulate": (
    ["--scenario", "--runs", "--seed", "--format", "--threads"], ["--help"], SimulateCommand.run
  ),
  "sensitivity": (
    ["--scenario", "--change", "--party", "--format", "--threads"], ["--help"],
    SensitivityCommand.run
  ),
  "report": (["--ledger", "--from", "--to", "--format", "--out"], ["--help"], ReportCommand.run),
  "journal": (
    ["--ledger", "--period", "--format", "--accounts", "--out"], ["--help"], JournalCommand.run
  ),
  "ledger": (["--expect-head", "--threads"], ["--help"], LedgerCommand.run),
  "explain": (
    ["--data", "--period", "--opening", "--threads", "--party"], ["--help"], ExplainCommand.run
  ),
  "revenue": (
    ["--data", "--period", "--opening", "--closing", "--threads"], ["--json", "--help"],
    RevenueCommand.run
  ),
]

@MainActor func main() -> Int32 {
  let argv = Array(CommandLine.arguments.dropFirst())
  if let fault = ProcessInfo.processInfo.environment["PARKSHARE_FAULT"], Files.faults == nil {
    Output.err("parkshare: PARKSHARE_FAULT='\(fault)' is not kill@N, enospc@N, eacces@N or eio@N\n")
    return ExitCode.usage
  }
  let name = argv.first { !$0.hasPrefix("-") }
  if argv.isEmpty || argv == ["--help"] || argv == ["-h"]
    || (name == nil && argv.contains("--help"))
  {
    Output.out(Help.main)
    return argv.isEmpty ? ExitCode.usage : ExitCode.success
  }
  if argv == ["--version"] {
    Output.out("parkshare \(Engine.version)\n")
    return ExitCode.success
  }
  if name == "help" {
    let topic = argv.dropFirst().first
    Output.out(topic.flatMap { Help.commands[$0] } ?? Help.main)
    return ExitCode.success
  }
  guard let name, let command = commands[name] else {
    Output.err("parkshare: unknown command '\(name ?? argv[0])'\n\n" + Help.main)
    return ExitCode.usage
  }
  do throws(Arguments.UsageError) {
    let args = try Arguments(argv, valued: command.valued, flags: command.flags)
    if args.flags.contains("--help") {
      Output.out(Help.commands[name] ?? Help.main)
      return ExitCode.success
    }
    if args.flags.contains("--check") && args.flags.contains("--stdout") {
      throw Arguments.UsageError(message: "--check and --stdout cannot be combined")
    }
    guard !args.operands.isEmpty || ["journal", "report"].contains(name) else {
      throw Arguments.UsageError(message: "no files given")
    }
    return command.run(args)
  } catch {
    Output.err("parkshare \(name): \(error.message)\n\n" + (Help.commands[name] ?? Help.main))
    return ExitCode.usage
  }
}

exit(main())
