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
      allowOutsideFiles: outside, threads: try threads(), parameters: try parameters())
  }

  /// `--set NAME=VALUE`, as often as given, in order: the contract's parameters overridden.
  func parameters() throws(Usage) -> [(name: String, value: String)] {
    var out: [(name: String, value: String)] = []
    for text in repeated["--set"] ?? [] {
      guard let eq = text.firstIndex(of: "=") else {
        throw Usage(message: "--set takes NAME=VALUE, e.g. --set esco_share=25%: '\(text)'")
      }
      let name = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
      let value = String(text[text.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
      guard !name.isEmpty, !value.isEmpty else {
        throw Usage(message: "--set takes NAME=VALUE, e.g. --set esco_share=25%: '\(text)'")
      }
      guard !out.contains(where: { $0.name == name }) else {
        throw Usage(message: "--set \(name) is given twice: keep one value")
      }
      out.append((name, value))
    }
    return out
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

  /// `--lang zh|en`: the language of the labels, `fallback` when not given.
  func language(_ fallback: Language = .en) throws(Usage) -> Language {
    guard let text = options["--lang"] else { return fallback }
    guard let l = Language(rawValue: text) else { throw Usage(message: "--lang is zh or en") }
    return l
  }

  /// The wording of a negotiation command: its text and its HTML pages speak both languages.
  func wording(format: String) throws(Usage) -> Wording {
    .of(try language())
  }

  /// Whether a CSV starts with a UTF-8 byte-order mark: by default, so that Excel and WPS on a
  /// Chinese Windows read the names as UTF-8 rather than as GBK; `--no-bom` for programs that
  /// want none; `--bom` (the default said aloud) is still accepted.
  func bom() throws(Usage) -> Bool {
    if flags.contains("--bom") && flags.contains("--no-bom") {
      throw Usage(message: "--bom and --no-bom cannot be combined")
    }
    return !flags.contains("--no-bom")
  }

  var outside: Bool { flags.contains(ContractFiles.option) }
}
