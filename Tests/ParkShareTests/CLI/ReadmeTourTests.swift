import Foundation
import Testing

/// The README's tours run as written, on a fresh copy of the shipped examples, and say what
/// the README says they say: every `swift run parkshare` of a tour block is run with the built
/// binary, in order, in one shell, and must succeed.
@Suite struct ReadmeTourTests {
  /// The README's code blocks that settle a year (`--from`): the tours.
  static func tours() throws -> [[String]] {
    let text = try String(
      contentsOf: Paths.root.appendingPathComponent("README.md"), encoding: .utf8)
    var blocks: [[String]] = []
    var current: [String]? = nil
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") {
        if let c = current { blocks.append(c) }
        current = current == nil ? [] : nil
        continue
      }
      current?.append(String(line))
    }
    // Continuation lines (`\`) joined into one command each.
    return blocks.filter { $0.joined().contains("--from") }.map { block in
      block.joined(separator: "\n").replacingOccurrences(of: "\\\n", with: " ")
        .split(separator: "\n").map(String.init)
    }
  }

  @Test func theToursRunAsWritten() throws {
    let tours = try Self.tours()
    #expect(tours.count == 2)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-readme-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.copyItem(
      at: Paths.root.appendingPathComponent("contracts"),
      to: dir.appendingPathComponent("contracts"))
    var outputs: [String] = []
    for command in tours.flatMap({ $0 }) {
      let line = command.replacingOccurrences(
        of: "swift run parkshare", with: "'\(Paths.binary.path)'")
      let r = try runParkshare(["-c", line], cwd: dir, shell: true)
      #expect(r.status == 0, "\(command)\n\(r.err.suffix(2000))")
      outputs.append(r.out + r.err)
    }
    let all = outputs.joined()
    // What the README says the EMC tour shows.
    #expect(
      all.contains(
        "it restates 2028 (difference statements 000011, 000012), 2029 (no amount changed, only the state it carries)"
      ))
    let restated = try String(
      contentsOf: dir.appendingPathComponent("emc-statements/emc-payback-2028-amendment-6.txt"),
      encoding: .utf8)
    #expect(restated.contains("emc   split  3,702,000.00  3,594,000.00  -108,000.00"))
    #expect(restated.contains("emc   split  1,788,000.00  1,896,000.00  108,000.00"))
    let amended = try String(
      contentsOf: dir.appendingPathComponent("emc-statements/emc-payback-2027-amendment-5.txt"),
      encoding: .utf8)
    #expect(amended.contains("4,560,000.00  4,704,000.00  144,000.00"))
    #expect(amended.contains("1,140,000.00  1,176,000.00   36,000.00"))
    #expect(all.contains("recorded 1 line in emc-ledger/payments/0001.json"))
    // The reprint of statement 12 is the statement settle wrote for 2026Q2.
    #expect(all.contains("ledger record 2, head "))
  }
}
