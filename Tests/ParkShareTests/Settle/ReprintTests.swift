import Foundation
import Testing

@testable import ParkShare

/// `parkshare statement` reprints what `settle` wrote, byte for byte, in every format, for
/// initial and difference statements; `explain --ledger` explains what was settled. Neither
/// writes to the ledger.
@Suite struct ReprintTests {
  typealias Fixture = LedgerTests.Fixture

  /// Every file in `dir`, by name.
  static func files(_ dir: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir) where !name.hasPrefix(".")
    {
      out[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
    }
    return out
  }

  func reprint(_ ledger: String, _ args: [String]) throws -> (
    status: Int32, out: String, err: String
  ) {
    try runParkshare(["statement", "--ledger", ledger] + args)
  }

  /// Q1 settled (statements 1 bank, 2 op), then amended from corrected data in another folder
  /// (3 bank, 4 op), each with every format written; each number reprinted with --format all
  /// gives the files of its record, equal to the originals byte for byte. 1,500.5 kWh a month:
  /// 4,501.5 kWh, 4 certificates, 4,000 CNY, all the bank's (of its 5,000); re-read at 2,500.5:
  /// 7,501.5 kWh, 7 certificates, the bank 5,000 (+1,000), the operator 2,000 (+2,000).
  @Test(arguments: [[String](), ["--lang", "zh", "--bom"]])
  func everyFormatReprintsByteForByte(options: [String]) throws {
    let f = try Fixture()
    defer { f.t.remove() }
    let out = f.t.folder.appendingPathComponent("issued").path
    let first = try f.settle("2026Q1", ["--format", "all", "--out", out] + options)
    #expect(first.status == 0, "\(first.err)")
    let fixed = f.t.folder.appendingPathComponent("2026Q1-fixed")
    try FileManager.default.copyItem(at: f.t.folder.appendingPathComponent("2026Q1"), to: fixed)
    let readings = fixed.appendingPathComponent("readings.csv")
    let text = try String(contentsOf: readings, encoding: .utf8)
    try text.replacingOccurrences(of: "1500.5", with: "2500.5").write(
      to: readings, atomically: true, encoding: .utf8)
    let amended = try runParkshare(
      [
        "settle", f.t.folder.appendingPathComponent("test.contract").path, "--data", fixed.path,
        "--period", "2026Q1", "--ledger", f.ledger, "--issued", "2026-04-20", "--amend",
        "--reason", "meter re-read", "--format", "all", "--out", out,
      ] + options)
    #expect(amended.status == 0, "\(amended.err)")
    let issued = try Self.files(out)
    #expect(issued.count == 12)
    #expect(
      String(decoding: issued["chain-2026Q1-amendment-2.json"]!, as: UTF8.self).contains(
        #""difference" : "2000.00""#))
    // The amendment's restated statements are recorded, not previews: the HTML says so, and
    // gives each difference in Chinese capitals.
    let html = String(decoding: issued["chain-2026Q1-amendment-2.html"]!, as: UTF8.self)
    let zh = !options.contains("en")
    #expect(
      html.contains(zh ? "更正后重述" : "Restated by the amendment") && !html.contains("预览"))
    #expect(html.contains("贰仟元整"))
    let ledgerBefore = try Self.files(f.ledger)
    for (n, stem) in [
      (1, "chain-2026Q1."), (2, "chain-2026Q1."), (3, "chain-2026Q1-amendment-2."),
      (4, "chain-2026Q1-amendment-2."),
    ] {
      let again = f.t.folder.appendingPathComponent("again-\(n)").path
      let r = try reprint(
        f.ledger, ["--number", "\(n)", "--format", "all", "--out", again] + options)
      #expect(r.status == 0, "\(r.err)")
      let reprinted = try Self.files(again)
      #expect(reprinted.keys.sorted() == issued.keys.filter { $0.hasPrefix(stem) }.sorted())
      for (name, data) in reprinted { #expect(data == issued[name], "\(name) differs") }
    }
    // Each single format on stdout is the file written (xlsx needs --out, as for settle).
    for (format, ext) in [("text", "txt"), ("json", "json"), ("csv", "csv"), ("html", "html")] {
      let r = try reprint(f.ledger, ["--number", "4", "--format", format] + options)
      #expect(Data(r.out.utf8) == issued["chain-2026Q1-amendment-2.\(ext)"], "\(format)")
      let o = try reprint(f.ledger, ["--number", "1", "--format", format] + options)
      #expect(Data(o.out.utf8) == issued["chain-2026Q1.\(ext)"], "\(format)")
    }
    // The party's latest for the period is its difference statement.
    let latest = try reprint(f.ledger, ["--period", "2026Q1", "--party", "op"] + options)
    #expect(Data(latest.out.utf8) == issued["chain-2026Q1-amendment-2.txt"])
    #expect(try Self.files(f.ledger) == ledgerBefore, "a reprint wrote to the ledger")
    // An input changed since: the original is not reprinted from it.
    let original = f.t.folder.appendingPathComponent("2026Q1/readings.csv")
    try (try String(contentsOf: original, encoding: .utf8) + "\n").write(
      to: original, atomically: true, encoding: .utf8)
    let gone = try reprint(f.ledger, ["--number", "1"])
    #expect(gone.status == 1)
    #expect(gone.err.contains("error[not-as-settled]"), "\(gone.err)")
    #expect(gone.err.contains("2026Q1/readings.csv' has another BLAKE2b-256"), "\(gone.err)")
    #expect(try reprint(f.ledger, ["--number", "3"]).status == 0)
  }

  /// The original restored beside the amendment's data reprints the original: the statement
  /// numbered 1 is the initial settlement again.
  @Test func theOriginalReprintsFromItsOwnInputs() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    let out = f.t.folder.appendingPathComponent("issued").path
    #expect(try f.settle("2026Q1", ["--format", "all", "--out", out]).status == 0)
    #expect(try f.settle("2026Q2", ["--format", "all", "--out", out]).status == 0)
    let r = try reprint(f.ledger, ["--number", "2", "--format", "json"])
    #expect(r.status == 0, "\(r.err)")
    #expect(Data(r.out.utf8) == (try Self.files(out))["chain-2026Q1.json"])
    let q2 = try reprint(f.ledger, ["--period", "2026Q2", "--party", "bank", "--format", "csv"])
    #expect(Data(q2.out.utf8) == (try Self.files(out))["chain-2026Q2.csv"])
  }

  /// 13 export meters: the record lists the first 12 of the formula's meters and how many more
  /// (record format 1), the JSON statement lists all 13; the reprint settles again and gives
  /// them all.
  @Test func aRecordWithAbbreviatedDetailsReprintsInFull() throws {
    let t = try TestBundle(contract: LedgerTests.contract)
    defer { t.remove() }
    let meters = (1...13).map { String(format: "E%02d", $0) }
    let data = try t.bundle(
      "2026Q1",
      [
        "meters.csv": "meter,kind,interval\n"
          + meters.map { "\($0),on-grid-export,60\n" }.joined(),
        "readings.csv": "meter,timestamp,kwh\n"
          + meters.map { "\($0),2026-02-10T12:00:00+08:00,100.5\n" }.joined(),
        "facts.csv": "fact,value,vintage\ngec_price,1000,2026\n",
      ])
    let ledger = t.folder.appendingPathComponent("ledger").path
    let out = t.folder.appendingPathComponent("issued").path
    let s = try runParkshare([
      "settle", t.folder.appendingPathComponent("test.contract").path, "--data", data,
      "--period", "2026Q1", "--ledger", ledger, "--issued", "2026-04-10", "--format", "json",
      "--out", out,
    ])
    #expect(s.status == 0, "\(s.err)")
    let record = try String(contentsOfFile: ledger + "/0001-2026Q1.json", encoding: .utf8)
    let issued = try #require(try Self.files(out)["chain-2026Q1.json"])
    let text = String(decoding: issued, as: UTF8.self)
    #expect(record.contains("pv_export: 1 more meters") && !record.contains("meter E13"))
    #expect(text.contains("pv_export: meter E13"))
    let r = try reprint(ledger, ["--number", "1", "--format", "json"])
    #expect(r.status == 0, "\(r.err)")
    #expect(Data(r.out.utf8) == issued)
  }

  /// `explain --ledger` is `explain` on the recorded inputs with the recorded opening state.
  @Test func explainFromTheLedgerIsExplainOnTheRecordedInputs() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    let q1Closing = f.t.folder.appendingPathComponent("q1-closing.json").path
    #expect(try f.settle("2026Q1", ["--closing", q1Closing]).status == 0)
    #expect(try f.settle("2026Q2").status == 0)
    for party in ["bank", "op"] {
      let direct = try runParkshare([
        "explain", f.t.folder.appendingPathComponent("test.contract").path, "--data",
        f.t.folder.appendingPathComponent("2026Q2").path, "--period", "2026Q2", "--party", party,
        "--opening", q1Closing,
      ])
      #expect(direct.status == 0, "\(direct.err)")
      let recorded = try runParkshare([
        "explain", "--ledger", f.ledger, "--period", "2026Q2", "--party", party,
      ])
      #expect(recorded.status == 0, "\(recorded.err)")
      #expect(recorded.out == direct.out)
    }
    let unknown = try runParkshare([
      "explain", "--ledger", f.ledger, "--period", "2026Q2", "--party", "opp",
    ])
    #expect(unknown.status == 64)
    #expect(unknown.err.contains("did you mean 'op'?"))
  }

  /// Asking for what the ledger did not issue: refused with what it holds.
  @Test func whatWasNotIssuedIsRefused() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    let number = try reprint(f.ledger, ["--number", "9"])
    #expect(number.status == 1)
    #expect(number.err.contains("no statement numbered 9: its statements are numbered 1 to 2"))
    let period = try reprint(f.ledger, ["--period", "2026Q3", "--party", "op"])
    #expect(period.err.contains("2026Q3 is not settled in the ledger: it holds 2026Q1 to 2026Q1"))
    let party = try reprint(f.ledger, ["--period", "2026Q1", "--party", "bnak"])
    #expect(party.err.contains("issued 'bnak' no statement for 2026Q1; did you mean 'bank'?"))
    // The number as printed, six digits, is the number.
    let printed = try reprint(f.ledger, ["--number", "000002"])
    let one = try reprint(f.ledger, ["--number", "1"])
    #expect(printed.status == 0 && printed.out == one.out)
    // Inputs are found at their recorded paths: absolute here, so from any folder.
    let elsewhere = try runParkshare(
      ["statement", "--ledger", f.ledger, "--number", "1"], cwd: URL(fileURLWithPath: "/"))
    #expect(elsewhere.status == 0 && elsewhere.out == printed.out, "\(elsewhere.err)")
    for bad in [
      ["--number", "0"], ["--number", "x"], ["--number", "1", "--period", "2026Q1"],
      ["--number", "1", "--party", "op"], ["--period", "2026Q1"],
    ] {
      #expect(try reprint(f.ledger, bad).status == 64, "\(bad)")
    }
  }
}
