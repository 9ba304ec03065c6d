import Foundation
import ParkShare

/// Typed options shared by several commands, parsed with the messages every command gives.
extension Arguments {
  typealias Usage = Arguments.UsageError

  /// `CONTRACT --data DIR --period P [--opening F] [--threads N]`.
  func periodRequest() throws(Usage) -> PeriodRequest {
    guard operands.count == 1 else { throw Usage(message: "give one contract file") }
    guard let dir = options["--data"] else { throw Usage(message: "--data DIR is required") }
    guard let text = options["--period"] else {
      throw Usage(message: "--period is required (2026Q1, 2026H1, 2026-03 or 2026)")
    }
    return PeriodRequest(
      contract: operands[0], data: dir, period: try period(text), opening: options["--opening"],
      allowOutsideFiles: outside, threads: try threads())
  }

  /// `'X' is not a period` unless `text` is one.
  func period(_ text: String) throws(Usage) -> Period {
    guard let p = Period(text) else {
      throw Usage(message: "'\(text)' is not a period: write 2026Q1, 2026H1, 2026-03 or 2026")
    }
    return p
  }

  /// `--threads N`, by default the number of cores.
  func threads() throws(Usage) -> Int {
    guard let t = options["--threads"] else { return ProcessInfo.processInfo.activeProcessorCount }
    guard let n = Int(t), n >= 1 else { throw Usage(message: "--threads takes a number from 1") }
    return n
  }

  /// `--format F`, one of `formats` (the first is the default).
  func format(_ formats: [String], _ message: String) throws(Usage) -> String {
    let f = options["--format"] ?? formats[0]
    guard formats.contains(f) else { throw Usage(message: message) }
    return f
  }

  var outside: Bool { flags.contains(ContractFiles.option) }
}
