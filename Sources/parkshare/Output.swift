import Foundation
import ParkShare

/// The only place the program writes to the terminal.
enum Output {
  static func out(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func err(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// A JSON output, by the library's one encoder. None of the engine's types can fail to encode
  /// (they write strings and containers only); if one did, the output is an empty object, shown
  /// rather than a crash, as before.
  static func json<T: Encodable>(_ value: T) -> String {
    (try? JSONOutput.text(value)) ?? "{}\n"
  }

  /// Shows a use case's diagnostics on stderr and returns its value; its usage problem is
  /// thrown, to be reported as the command's own.
  static func show<V>(_ outcome: UseCaseOutcome<V>) throws(Arguments.UsageError) -> V? {
    if !outcome.diagnostics.isEmpty {
      err(DiagnosticRenderer(sources: outcome.sources).render(outcome.diagnostics))
    }
    if let usage = outcome.usage { throw Arguments.UsageError(message: usage) }
    return outcome.value
  }

  /// Writes `data` to `path` when given (all or nothing, never over another file), else to stdout.
  static func write(_ data: Data, to path: String?) -> Int32 {
    guard let path else {
      out(String(decoding: data, as: UTF8.self))
      return ExitCode.success
    }
    if case .failure(let problem) = OutputFiles.write([(path, data)], faults: faults) {
      err(DiagnosticRenderer(sources: []).render([problem]))
      return ExitCode.inputError
    }
    return ExitCode.success
  }

  /// Failure injection for tests (`PARKSHARE_FAULT=kill@3`, see `WriteFaults`): every write of
  /// the run, outputs and ledger alike, counts towards the step it strikes at.
  static let faults: WriteFaults? = ProcessInfo.processInfo.environment[
    "PARKSHARE_FAULT"
  ].flatMap(WriteFaults.init)
}

/// Exit codes: 0 success, 1 input errors (contract or data), 64 usage (BSD sysexits EX_USAGE).
enum ExitCode {
  static let success: Int32 = 0
  static let inputError: Int32 = 1
  static let usage: Int32 = 64
}
