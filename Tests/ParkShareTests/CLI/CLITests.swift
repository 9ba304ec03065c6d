import Foundation
import Testing

/// End to end: the built binary, its output and its exit codes.
@Suite struct CLITests {
  @Test func checkAllExamples() throws {
    let names = Paths.files(in: Paths.contracts, ending: ".contract").map { "contracts/" + $0 }
    let r = try runParkshare(["check"] + names)
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out == "\(names.count) contracts checked: no errors\n")
    #expect(r.err.isEmpty)
  }

  @Test func checkReportsErrorsWithLocationAndExitsOne() throws {
    let r = try runParkshare([
      "check", "Tests/ParkShareTests/Fixtures/contracts/shares-under.contract",
    ])
    #expect(r.status == 1)
    #expect(
      r.err.hasPrefix(
        "Tests/ParkShareTests/Fixtures/contracts/shares-under.contract:10:3: error[shares-sum]: shares of pool 'p' sum to 95%, not 100%\n"
      ))
    #expect(r.out.isEmpty)
  }

  @Test func missingFileIsAnError() throws {
    let r = try runParkshare(["check", "no/such.contract"])
    #expect(r.status == 1)
    #expect(r.err.contains("cannot read 'no/such.contract'"))
  }

  @Test(arguments: [
    ["check"], ["check", "--bogus", "x"], ["frobnicate"], ["fmt", "--check", "--stdout", "x"],
    [] as [String], ["simulate", "x.contract", "--scenario", "s.json", "--runs", "many"],
    ["simulate", "x.contract", "--scenario", "s.json", "--seed", "-1"],
    ["sensitivity", "x.contract", "--scenario", "s.json", "--threads", "0"],
    ["help", "nosuch"], ["ledger"], ["ledger", "check", "d"], ["ledger", "verify"],
    ["ledger", "verify", "d", "--expect-head", "xyz"],
    ["settle", "x.contract", "--data", "d", "--period", "2026Q1", "--contract-changed", "r"],
  ])
  func usageErrorsExit64(args: [String]) throws {
    let r = try runParkshare(args)
    #expect(r.status == 64)
  }

  @Test func helpAndVersion() throws {
    let help = try runParkshare(["--help"])
    #expect(help.status == 0 && help.out.contains("usage: parkshare <command>"))
    let checkHelp = try runParkshare(["check", "--help"])
    #expect(
      checkHelp.status == 0 && checkHelp.out.contains("usage: parkshare check [--json] FILE..."))
    let version = try runParkshare(["--version"])
    #expect(version.status == 0 && version.out.hasPrefix("parkshare "))
  }

  @Test func jsonModelIsParseableAndCarriesClauses() throws {
    let r = try runParkshare(["check", "--json", "contracts/storage-subsidy.contract"])
    #expect(r.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]]
    let contract = try #require(json?.first?["contract"] as? [String: Any])
    #expect(contract["id"] as? String == "storage-subsidy")
    let subsidies = try #require(contract["subsidies"] as? [[String: Any]])
    #expect(subsidies.map { $0["id"] as? String } == ["operation", "capex", "top_up"])
    #expect(subsidies[1]["once"] as? String == "2026Q2")
    #expect(
      (subsidies[0]["clause"] as? String)?.hasPrefix("contracts/storage-subsidy.contract:") == true)
    // Same input, same bytes.
    #expect(
      try runParkshare(["check", "--json", "contracts/storage-subsidy.contract"]).out == r.out)
  }

  @Test func fmtCheckAndRewrite() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-fmt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("t.contract")
    try Data(
      "contract  t \"t\"\ncurrency CNY\nsettle yearly from 2026 to 2027\nparty a \"A\" operator\n"
        .utf8
    ).write(to: file)
    let before = try runParkshare(["fmt", "--check", file.path])
    #expect(before.status == 1 && before.out.contains("not in canonical form"))
    #expect(try runParkshare(["fmt", file.path]).status == 0)
    #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("contract t \"t\"\n"))
    #expect(try runParkshare(["fmt", "--check", file.path]).status == 0)
    // A broken file is reported and left exactly as it was.
    let broken = "contract t \"t\nparty\n"
    try Data(broken.utf8).write(to: file)
    let r = try runParkshare(["fmt", file.path])
    #expect(r.status == 1 && r.err.contains("string is not closed"))
    #expect(try String(contentsOf: file, encoding: .utf8) == broken)
  }
}

/// A reason is kept in the ledger and printed on statements: a line break or an escape in it
/// would forge a row, so it is a usage error before anything is read.
@Suite struct ReasonTextTests {
  @Test(arguments: ["--reason", "--contract-changed"])
  func controlCharactersInAReasonAreRefused(option: String) throws {
    var args = [
      "settle", "contracts/suyin-microgrid.contract", "--data",
      "contracts/data/suyin-microgrid/2026Q1", "--period", "2026Q1", "--ledger", "/nonexistent",
      option, "ok\nno.  party  FORGED",
    ]
    if option == "--reason" { args.append("--amend") }
    let r = try runParkshare(args)
    #expect(r.status == 64)
    #expect(r.err.contains("\(option) holds"), "\(r.err)")
  }
}
