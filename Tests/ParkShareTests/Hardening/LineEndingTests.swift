import Foundation
import Testing

@testable import ParkShare

/// Windows line ends (issue 12, section 5). Notepad writes CR LF, and Swift reads "\r\n" as one
/// `Character`: a contract split at "\n" was one long line. Contracts, registries, scenario and
/// assets files with CR LF or a lone CR now check, settle and format as with LF; no raw CR
/// reaches a diagnostic; `fmt` keeps the file's line end.
@Suite struct LineEndingTests {
  static let endings = [("crlf", "\r\n"), ("cr", "\r")]

  /// A copy of `contracts/` in a new folder, its contracts, registries, assets and scenario
  /// files rewritten with `end` (the data bundles stay as they are).
  static func copy(_ end: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-eol-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: Paths.contracts, to: dir)
    guard end != "\n" else { return dir }
    let names =
      Paths.files(in: dir, ending: ".contract") + Paths.files(in: dir, ending: ".csv")
      + Paths.files(in: dir, ending: ".txt")
      + Paths.files(in: dir.appendingPathComponent("scenarios"), ending: ".json").map {
        "scenarios/" + $0
      }
    #expect(names.count >= 11)
    for name in names {
      let url = dir.appendingPathComponent(name)
      let text = try String(contentsOf: url, encoding: .utf8)
      #expect(!text.contains("\r"))
      try Data(text.replacingOccurrences(of: "\n", with: end).utf8).write(to: url)
    }
    return dir
  }

  /// The statement names each input file with the digest of its bytes (`b2sum` must agree),
  /// so those of the rewritten files differ, rightly; everything else is compared byte for byte.
  static func withoutDigests(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.contains("\"blake2b256\"") }.joined(separator: "\n")
  }

  static func runs(in dir: URL) throws -> [String: String] {
    var out: [String: String] = [:]
    let contracts = Paths.files(in: dir, ending: ".contract")
    let check = try runParkshare(["check"] + contracts, cwd: dir)
    out["check"] = "\(check.status)\n\(check.out)\(check.err)"
    for (contract, period) in RevenueCommandTests.samples {
      for format in ["text", "json"] {
        let r = try runParkshare(
          [
            "settle", "\(contract).contract", "--data", "data/\(contract)/\(period)", "--period",
            period, "--format", format,
          ], cwd: dir)
        out["settle \(contract) \(format)"] = "\(r.status)\n\(withoutDigests(r.out))\(r.err)"
      }
    }
    let fairness = try runParkshare(
      [
        "fairness", "suyin-microgrid.contract", "--data", "data/suyin-microgrid/2026Q1",
        "--period", "2026Q1", "--assets", "suyin-assets.txt",
      ], cwd: dir)
    out["fairness"] = "\(fairness.status)\n\(fairness.out)\(fairness.err)"
    let simulate = try runParkshare(
      ["simulate", "suyin-microgrid.contract", "--scenario", "scenarios/suyin-base.json"],
      cwd: dir)
    out["simulate"] = "\(simulate.status)\n\(simulate.out)\(simulate.err)"
    return out
  }

  @Test func everyShippedContractChecksSettlesAndProjectsTheSameWithWindowsOrMacLineEnds() throws {
    let lf = try Self.copy("\n")
    defer { try? FileManager.default.removeItem(at: lf) }
    let expected = try Self.runs(in: lf)
    #expect(
      expected["check"]?.hasPrefix(
        "0\n\(RevenueCommandTests.samples.count) contracts checked: no errors") == true)
    #expect(expected.filter { !$0.value.hasPrefix("0\n") }.isEmpty, "\(expected)")
    for (name, end) in Self.endings {
      let dir = try Self.copy(end)
      defer { try? FileManager.default.removeItem(at: dir) }
      let got = try Self.runs(in: dir)
      for key in expected.keys.sorted() {
        #expect(got[key] == expected[key], "\(name) \(key)")
      }
    }
  }

  static let broken = """
    contract t "test deal"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2027Q4
    party a "甲方" operator
    party b "乙方" energy-service
    input kwh kWh
    revenue r = kwh x 0.5 CNY/kWh
    pool p = r
      split a 50%, b 40%

    """

  static func rendered(_ text: String) -> String {
    let source = SourceFile(path: "t.contract", text: text)
    let r = Checker.check(source) { _ in throw Limits.ReadProblem.unreadable }
    return DiagnosticRenderer(sources: [source]).render(r.diagnostics)
  }

  @Test(arguments: ["\r\n", "\r"])
  func anErrorInAWindowsFileIsShownAsInAnLFFileWithNoCR(end: String) {
    let lf = Self.rendered(Self.broken)
    #expect(lf.hasPrefix("t.contract:9:3: error[shares-sum]"), "\(lf)")
    let other = Self.rendered(Self.broken.replacingOccurrences(of: "\n", with: end))
    #expect(other == lf)
    #expect(!other.contains("\r"))
  }

  @Test func aControlCharacterIsShownAsAnEscapeNeverRaw() {
    let text = Self.broken.replacingOccurrences(of: "party b", with: "party \u{1B}[2Jb")
    let out = Self.rendered(text)
    #expect(out.contains("error[bad-character]: unexpected character '\\u{1B}'"), "\(out)")
    #expect(out.contains(" 5 | party ?[2Jb \"乙方\" energy-service\n   |       ^\n"), "\(out)")
    #expect(!out.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
  }

  @Test(arguments: ["\r\n", "\r"])
  func fmtKeepsTheFilesLineEnd(end: String) throws {
    let messy = "contract  t \"t\"\n\n\n\nparty a \"甲\"   operator # note  \n"
    let canonical = try #require(Formatter.format(SourceFile(path: "t", text: messy)).text)
    #expect(canonical == "contract t \"t\"\n\nparty a \"甲\" operator  # note\n")
    let windows = Formatter.format(
      SourceFile(path: "t", text: messy.replacingOccurrences(of: "\n", with: end)))
    #expect(windows.text == canonical.replacingOccurrences(of: "\n", with: end))

    // `fmt --check` on a canonical Windows copy of every example passes.
    let dir = try Self.copy(end)
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try runParkshare(
      ["fmt", "--check"] + Paths.files(in: dir, ending: ".contract"), cwd: dir)
    #expect(r.status == 0, "\(r.out)\(r.err)")
  }

  @Test(arguments: ["\r\n", "\r"])
  func aScenarioMistakeIsReportedOnItsLine(end: String) throws {
    let json = "{\n  \"period\": \"2026Q1\",\n  \"runs\": \"many\"\n}\n"
    func problems(_ text: String) throws -> [String] {
      let json = try PlacedJSON.parse(text, file: "s.json").get()
      return Scenario.read(json).1.map { "\($0.range): \($0.message)" }
    }
    let lf = try problems(json)
    #expect(lf.last == "s.json:3:11: runs must be a whole number from 0 to 1000000", "\(lf)")
    #expect(try problems(json.replacingOccurrences(of: "\n", with: end)) == lf)
  }

  @Test(arguments: ["\r\n", "\r"])
  func aRegistryWithWindowsLineEndsReadsTheSameRows(end: String) throws {
    let text = "id,name\nT001,\"甲\n公司\"\nT002,乙\n"
    let lf = try CSVTable.parse(text).get()
    let other = try CSVTable.parse(text.replacingOccurrences(of: "\n", with: end)).get()
    #expect(other.header == lf.header)
    #expect(other.rows.map(\.line) == [2, 4])
    #expect(other.rows.map(\.fields).map { $0[0] } == ["T001", "T002"])
  }
}
