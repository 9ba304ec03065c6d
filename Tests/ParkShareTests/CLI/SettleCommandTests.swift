import Foundation
import Testing

@testable import ParkShare

/// `parkshare settle` end to end on the shipped sample bundles: reviewed statements in every
/// format, byte-identical on a re-run.
@Suite struct SettleCommandTests {
  static func args(_ contract: String, _ period: String, _ format: String) -> [String] {
    RevenueCommandTests.args(contract, period).dropFirst().map { $0 }.with(prefix: "settle")
      + ["--format", format]
  }

  static let cases: [(contract: String, format: String)] = RevenueCommandTests.samples.flatMap {
    s in ["text", "json", "csv", "html"].map { (s.contract, $0) }
  }

  @Test(arguments: cases.map { "\($0.contract) \($0.format)" })
  func statements(name: String) throws {
    let parts = name.split(separator: " ").map(String.init)
    let (contract, format) = (parts[0], parts[1])
    let period = RevenueCommandTests.samples.first { $0.contract == contract }!.period
    // English labels for one of them, Chinese (the default) for the others.
    let lang = contract == "rooftop-pv" ? ["--lang", "en"] : []
    let r = try runParkshare(Self.args(contract, period, format) + lang)
    #expect(r.status == 0, "\(r.err)")
    #expect(!r.err.contains("error"), "\(r.err)")
    let ext = format == "text" ? "txt" : format
    let snapshot = Paths.tests.appendingPathComponent("Snapshots/settle-\(contract).\(ext)")
    #expect(try r.out == Golden.check(r.out, at: snapshot))
    #expect(try runParkshare(Self.args(contract, period, format) + lang).out == r.out)
  }

  @Test func jsonReconcilesToTheFen() throws {
    let r = try runParkshare(Self.args("suyin-microgrid", "2026Q1", "json"))
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    let reconciliation = try #require(json["reconciliation"] as? [String: Any])
    #expect(reconciliation["residual"] as? String == "0.00")
    let statements = try #require(json["statements"] as? [[String: Any]])
    let nets = try statements.map { try #require($0["net"] as? String) }.map(x)
    let reserved = x(try #require(reconciliation["reserved"] as? String))
    #expect(try (nets + [reserved]).sum() == x(try #require(reconciliation["pools"] as? String)))
    let inputs = try #require(json["inputs"] as? [[String: String]])
    #expect(inputs.first?["path"] == "contracts/suyin-microgrid.contract")
    #expect(inputs.count == 7)  // contract, registry, facts, meters, three readings files
  }

  @Test func outputsAreWrittenTogetherAndNeverOverAnother() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-out-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let state = dir.appendingPathComponent("state/2026Q1.json").path
    let args =
      Self.args("suyin-microgrid", "2026Q1", "csv") + [
        "--out", dir.path, "--closing", state, "--bom",
      ]
    let first = try runParkshare(args)
    #expect(first.status == 0, "\(first.err)")
    #expect(first.out.isEmpty)
    let csv = try Data(contentsOf: dir.appendingPathComponent("suyin-microgrid-2026Q1.csv"))
    #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
    #expect(FileManager.default.fileExists(atPath: state))
    // A statement that exists with other content: nothing at all is written.
    try Data("{}".utf8).write(to: URL(fileURLWithPath: state))
    try FileManager.default.removeItem(at: dir.appendingPathComponent("suyin-microgrid-2026Q1.csv"))
    let second = try runParkshare(args)
    #expect(second.status == 1)
    #expect(
      !FileManager.default.fileExists(
        atPath: dir.appendingPathComponent("suyin-microgrid-2026Q1.csv").path))
  }
}

extension Array where Element == String {
  func with(prefix: String) -> [String] { [prefix] + self }
}

/// `parkshare explain`: the tree behind one party's amounts.
@Suite struct ExplainCommandTests {
  static func args(_ party: String) -> [String] {
    [
      "explain", "contracts/suyin-microgrid.contract", "--data",
      "contracts/data/suyin-microgrid/2026Q1", "--period", "2026Q1", "--party", party,
    ]
  }

  /// A tenant paid by points and the government paid by stake and share, reviewed once.
  @Test(arguments: ["T006", "gov"])
  func tree(party: String) throws {
    let r = try runParkshare(Self.args(party))
    #expect(r.status == 0, "\(r.err)")
    let snapshot = Paths.tests.appendingPathComponent("Snapshots/explain-suyin-\(party).txt")
    #expect(try r.out == Golden.check(r.out, at: snapshot))
    // The tree ends at the statement's net, and marks the party's own lines.
    let settle = try runParkshare(SettleCommandTests.args("suyin-microgrid", "2026Q1", "json"))
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(settle.out.utf8)) as? [String: Any])
    let statements = try #require(json["statements"] as? [[String: Any]])
    let net = try #require(statements.first { $0["party"] as? String == party }?["net"] as? String)
    #expect(r.out.hasSuffix("= \(Money.text(x(net), decimals: 2)) CNY\n"))
    #expect(r.out.contains("→"))
  }

  @Test func anUnknownPartyIsAUsageErrorWithASuggestion() throws {
    let r = try runParkshare(Self.args("T0006"))
    #expect(r.status == 64)
    #expect(r.err.contains("'T0006' is not a party of 'suyin-microgrid'; did you mean 'T006'?"))
  }
}

extension SettleCommandTests {
  /// Every CSV row, of a preview and of an amendment, has exactly the header's columns.
  @Test func csvRowsHaveTheHeadersColumns() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    let readings = f.t.folder.appendingPathComponent("2026Q1/readings.csv")
    let text = try String(contentsOf: readings, encoding: .utf8)
    try text.replacingOccurrences(of: "1500.5", with: "2500.5").write(
      to: readings, atomically: true, encoding: .utf8)
    let amended = try f.settle("2026Q1", ["--amend", "--reason", "re-read"])
    #expect(amended.status == 0)
    var outputs = [try runParkshare(Self.args("suyin-microgrid", "2026Q1", "csv")).out]
    let csv = try runParkshare([
      "settle", f.t.folder.appendingPathComponent("test.contract").path, "--data",
      f.t.folder.appendingPathComponent("2026Q1").path, "--period", "2026Q1", "--format", "csv",
    ])
    outputs.append(csv.out)
    for out in outputs {
      let table = try CSVTable.parse(out).get()
      #expect(table.header == StatementCSV.header)
      for row in table.rows { #expect(row.fields.count == table.header.count, "line \(row.line)") }
    }
  }
}
