import Foundation
import Testing

@testable import ParkShare

/// Adversarial inputs: each bound of `Limits` is met by a clear diagnostic, never a crash, a
/// stack overflow or an out-of-memory kill (issue 7).
@Suite struct LimitsTests {
  static let head = """
    contract t "test deal"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2027Q4
    party a "甲方" operator
    party b "乙方" energy-service
    input kwh kWh
    input price CNY/kWh
    revenue r = kwh x price
    pool p = r
      split a 50%, b 50%

    """

  static func check(_ text: String, files: [String: String] = [:]) -> Checker.Result {
    Checker.check(SourceFile(path: "t.contract", text: text)) { name in
      guard let body = files[name] else { throw Limits.ReadProblem.unreadable }
      return (name, body)
    }
  }

  @Test func aTenThousandDeepParenthesisNestIsRefusedOnItsLine() {
    let nest = String(repeating: "(", count: 10_000) + "kwh" + String(repeating: ")", count: 10_000)
    let minus = String(repeating: "-", count: 10_000) + "kwh"
    let r = Self.check(Self.head + "let n = \(nest) x price\nlet m = \(minus)\nlet z = kwh +\n")
    let ids = r.diagnostics.filter { $0.severity == .error }.map(\.id)
    // Both nests are refused, and the broken third line is still reported: the file was read on.
    #expect(ids == [.tooDeep, .tooDeep, .syntax], "\(r.diagnostics)")
    #expect(r.diagnostics[0].message == "expression nests more than 64 levels")
    #expect(r.diagnostics[0].range.start.line == 11)
  }

  @Test func twoThousandLevelsOfIndentationAreOneError() {
    var text = Self.head
    for i in 1...2_000 { text += String(repeating: " ", count: i) + "split a 50%, b 50%\n" }
    let r = Self.check(text)
    let deep = r.diagnostics.filter { $0.id == .tooDeep }
    #expect(deep.count == 1)
    #expect(deep.first?.message == "indentation nests more than 16 levels")
    #expect(r.contract == nil)
  }

  @Test func aFiftyMegabyteContractIsRefusedBeforeItIsRead() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-50mb-\(UUID().uuidString).contract")
    defer { try? FileManager.default.removeItem(at: url) }
    // Valid clauses repeated to 50 MB: size alone is the fault.
    let line = "let n = kwh x price  # padding padding padding padding padding\n"
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    let block = Data(String(repeating: line, count: 16_384).utf8)
    while try handle.offset() < 50 << 20 { handle.write(block) }
    try handle.close()
    let (source, r) = Checker.check(path: url.path)
    #expect(source == nil)
    #expect(r.diagnostics.map(\.id) == [.tooLarge])
    #expect(r.diagnostics[0].message.hasSuffix("bytes, above the limit of 4 MiB"))
    let run = try runParkshare(["check", url.path])
    #expect(run.status == 1)
    #expect(run.err.contains("error[too-large]: '\(url.path)' is 52,"), "\(run.err)")
  }

  @Test func anOverlongLineIsReportedAndTheRestOfTheFileStillChecked() {
    let long = "let n = kwh x price  # " + String(repeating: "长", count: 12_000)
    let r = Self.check(Self.head + long + "\nlet y = nothing\n")
    #expect(r.diagnostics.map(\.id) == [.lineTooLong, .unknownName], "\(r.diagnostics)")
    #expect(r.diagnostics[0].message == "line is 36,023 bytes long, above the limit of 32 KiB")
    let rendered = DiagnosticRenderer(sources: [SourceFile(path: "t.contract", text: long)])
      .render(r.diagnostics[0])
    #expect(rendered.count < 1_000, "the excerpt is a window, not the whole line")
  }

  @Test func aRegistryOfMoreThanTenThousandPartiesIsRefused() {
    let rows = (1...10_001).map { "T\($0),企业\($0)\n" }.joined()
    let text = Self.head + "parties tenants from \"tenants.csv\" enterprise\n"
    let r = Self.check(text, files: ["tenants.csv": "id,name\n" + rows])
    let errors = r.diagnostics.filter { $0.severity == .error }
    #expect(errors.map(\.id) == [.tooMany])
    #expect(errors.first?.message == "this brings the parties to 10,003, above the limit of 10,000")
    #expect(errors.first?.range.start.line == 11)
    // 9,998 members and the two parties are within the bound.
    let fits = Self.check(
      text,
      files: [
        "tenants.csv": "id,name\n"
          + rows.split(separator: "\n").prefix(9_998).map { $0 + "\n" }.joined()
      ])
    #expect(fits.diagnostics.filter { $0.id == .tooMany }.isEmpty)
  }

  @Test func aHugeRegistryFileIsRefusedByItsSize() throws {
    let t = try TestBundle(contract: Self.head)
    defer { t.remove() }
    let path = t.folder.appendingPathComponent("tenants.csv").path
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.truncate(atOffset: UInt64(Limits.tableBytes + 1))  // sparse: costs no disk
    try handle.close()
    try t.write("big.contract", Self.head + "parties tenants from \"tenants.csv\" enterprise\n")
    let (_, r) = Checker.check(path: t.folder.appendingPathComponent("big.contract").path)
    #expect(r.diagnostics.map(\.id) == [.tooLarge])
    #expect(
      r.diagnostics.first?.message
        == "registry 'tenants.csv' is 67,108,865 bytes, above the limit of 64 MiB")
  }

  @Test func overflowInAContractExpressionNamesTheClause() throws {
    let t = try TestBundle(contract: Self.head)
    defer { t.remove() }
    let dir = try t.bundle(
      "b",
      [
        "meters.csv": "meter,kind,party,interval\n",
        "facts.csv": "fact,value\nkwh,99999999999999999999999\nprice,99999999999999999999\n",
      ])
    let r = t.revenue(dir, period: "2026Q1")
    #expect(r.revenue == nil)
    #expect(r.messages.contains("t.contract:8:"), "\(r.messages)")
    #expect(r.messages.contains("overflow"), "\(r.messages)")
  }
}
