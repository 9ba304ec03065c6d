import Foundation
import Testing

@testable import ParkShare

/// The shipped examples: they check clean, format idempotently, and any corrupted line is
/// reported at that line.
@Suite struct ExampleContractTests {
  static let names = Paths.files(in: Paths.contracts, ending: ".contract")

  static func text(_ name: String) throws -> String {
    try String(contentsOf: Paths.contracts.appendingPathComponent(name), encoding: .utf8)
  }

  @Test func thereAreAtLeastFiveExamples() {
    #expect(Self.names.count >= 5)
  }

  @Test(arguments: names)
  func checksClean(name: String) throws {
    let (result, rendered) = checkContract(try Self.text(name), name: name, folder: Paths.contracts)
    #expect(!result.diagnostics.hasErrors, "\(rendered)")
    #expect(result.diagnostics.isEmpty, "\(rendered)")
    #expect(result.contract != nil)
  }

  @Test(arguments: names)
  func formatIsIdempotentAndChecksClean(name: String) throws {
    let text = try Self.text(name)
    let once = try #require(Formatter.format(SourceFile(path: name, text: text)).text)
    let twice = try #require(Formatter.format(SourceFile(path: name, text: once)).text)
    #expect(once == twice)
    #expect(once == text, "the shipped example is not in canonical form")
    #expect(!checkContract(once, name: name, folder: Paths.contracts).result.diagnostics.hasErrors)
  }

  /// Corrupting line N, two ways, always gives an error that names line N.
  @Test(arguments: names)
  func corruptionIsReportedAtItsLine(name: String) throws {
    let lines = try Self.text(name).split(separator: "\n", omittingEmptySubsequences: false).map(
      String.init)
    for (i, line) in lines.enumerated() {
      let code =
        line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
      guard !code.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
      let indent = String(line.prefix { $0 == " " })
      let words = code.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
      // Insert before any trailing comment, where it is code.
      let comment = line.dropFirst(code.count)
      let corruptions = [
        String(code) + " @@" + comment,
        indent + "frobnicate" + (words.count > 1 ? " " + words[1] : ""),
      ]
      for bad in corruptions {
        var copy = lines
        copy[i] = bad
        let (result, rendered) = checkContract(
          copy.joined(separator: "\n"), name: name, folder: Paths.contracts)
        #expect(result.diagnostics.hasErrors, "\(name) line \(i + 1): \(bad)")
        #expect(
          result.diagnostics.contains { $0.severity == .error && $0.range.start.line == i + 1 },
          "\(name) line \(i + 1) corrupted as '\(bad)' but no error names it:\n\(rendered)")
      }
    }
  }
}
