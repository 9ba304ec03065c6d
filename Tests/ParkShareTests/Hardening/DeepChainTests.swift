import Foundation
import Testing

@testable import ParkShare

/// Chains of definitions far longer than any stack (issue 12, section 4): 2,500 lets in reverse
/// order used to overflow the stack in `check` and in `settle`. Checking and evaluation now
/// work from explicit stacks, so 100,000 links (2.8 MB, under the 4 MiB contract bound) check
/// and settle to the right amounts, and a 100,000-link cycle is one `cycle` error.
@Suite struct DeepChainTests {
  static let links = 100_000
  static let data = Paths.contracts.appendingPathComponent("data/storage-subsidy/2027Q2")

  /// `let a0 = investment`, then each link adds 1 CNY to the one before; the revenue reads the
  /// last. `reversed` writes the links last first, so each one is used before it is defined.
  static func chain(reversed: Bool) -> String {
    var lets = ["let a0 = investment"]
    for i in 1..<links { lets.append("let a\(i) = a\(i - 1) + 1 CNY") }
    if reversed { lets.reverse() }
    return head + lets.joined(separator: "\n") + "\n" + tail("a\(links - 1)")
  }

  /// a0 reads a1, a1 reads a2, ..., the last reads a0.
  static func cycle() -> String {
    let lets = (0..<links).map { "let a\($0) = a\(($0 + 1) % links) + 1 CNY" }
    return head + lets.joined(separator: "\n") + "\n" + tail("a0")
  }

  static let head = """
    contract chain "100,000 lets"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2030Q4
    party city "市" government
    party esco "储能运营商" energy-service
    meter charge storage-charge
    meter discharge storage-discharge
    input investment CNY

    """

  static func tail(_ last: String) -> String {
    "revenue r = \(last)\npool p = r\n  split city 40%, esco 60%\n"
  }

  static func write(_ text: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-chain-\(UUID().uuidString).contract")
    try Data(text.utf8).write(to: url)
    #expect(text.utf8.count < Limits.contractBytes)
    return url
  }

  @Test(arguments: [false, true])
  func aHundredThousandLinkChainChecksAndSettles(reversed: Bool) throws {
    let url = try Self.write(Self.chain(reversed: reversed))
    defer { try? FileManager.default.removeItem(at: url) }
    let (_, checked) = Checker.check(path: url.path)
    #expect(!checked.diagnostics.hasErrors, "\(checked.diagnostics.prefix(3))")
    #expect(checked.contract?.definitions.count == Self.links + 1)

    let run = try runParkshare([
      "settle", url.path, "--data", Self.data.path, "--period", "2027Q2", "--lang", "en",
    ])
    #expect(run.status == 0, "\(run.err.prefix(2_000))")
    // investment is 8,000,000 CNY; 99,999 links add 1 CNY each.
    #expect(run.out.contains("pool p = 8,099,999.00 CNY"), "\(run.out.suffix(1_000))")
    #expect(run.out.contains("split  city  40%  3,239,999.60"), "\(run.out.suffix(1_000))")
    #expect(run.out.contains("split  esco  60%  4,859,999.40"), "\(run.out.suffix(1_000))")
  }

  @Test func aHundredThousandLinkCycleIsOneErrorNamedByItsEnds() throws {
    let url = try Self.write(Self.cycle())
    defer { try? FileManager.default.removeItem(at: url) }
    let (_, checked) = Checker.check(path: url.path)
    let errors = checked.diagnostics.filter { $0.severity == .error }
    #expect(errors.map(\.id) == [.cycle])
    #expect(
      errors.first?.message
        == "'a0' depends on itself: a0 -> a1 -> a2 -> a3 -> a4 -> a5 -> a6 -> a7 -> a8 -> a9 -> ... 99,981 more ... -> a99991 -> a99992 -> a99993 -> a99994 -> a99995 -> a99996 -> a99997 -> a99998 -> a99999 -> a0"
    )
    #expect(errors.first?.range.start.line == 9)

    let run = try runParkshare([
      "settle", url.path, "--data", Self.data.path, "--period", "2027Q2",
    ])
    #expect(run.status == 1)
    #expect(run.out.isEmpty)
    #expect(run.err.components(separatedBy: "error[").count == 2, "\(run.err.prefix(2_000))")
    #expect(run.err.contains(":9:5: error[cycle]: 'a0' depends on itself: a0 -> a1"))
  }

  /// A sum of 2,500 names or 10,000 ones fits a 32 KiB line but is a tree 10,000 levels deep to its left:
  /// refused at its line before anything recurses down it.
  @Test func aTenThousandTermSumIsRefusedOnItsLine() {
    let sum = Array(repeating: "investment", count: 2_500).joined(separator: "+")
    let terms = Array(repeating: "1", count: 10_000).joined(separator: "+")
    let text = Self.head + "let s = \(sum)\nlet k = (\(terms)) x 1 CNY\n" + Self.tail("s")
    let r = Checker.check(SourceFile(path: "t.contract", text: text)) { _ in
      throw Limits.ReadProblem.unreadable
    }
    let errors = r.diagnostics.filter { $0.severity == .error }
    // The revenue reading `s` stays quiet: `s`'s own line was reported.
    #expect(errors.map(\.id) == [.tooDeep, .tooDeep], "\(errors)")
    #expect(errors.first?.message == "expression is more than 256 operations deep")
    #expect(errors.map(\.range.start.line) == [9, 10])
    // 256 levels are allowed: a sum of 257 terms is 256 operations.
    let fits = Array(repeating: "investment", count: 257).joined(separator: " + ")
    let ok = Checker.check(
      SourceFile(path: "t.contract", text: Self.head + "let s = \(fits)\n" + Self.tail("s"))
    ) { _ in throw Limits.ReadProblem.unreadable }
    #expect(!ok.diagnostics.hasErrors, "\(ok.diagnostics)")
  }
}
