import Foundation
import Testing

@testable import ParkShare

/// A ledger's contract saved again with CR LF line ends or a UTF-8 BOM (Notepad, WPS) is the
/// same text: the next period settles without `--contract-changed` and the ledger verifies; a
/// real change (a fee from 3% to 30%) is still refused. A ledger written before text digests
/// were kept (records holding the file's byte digest only) keeps verifying and settling.
@Suite struct ContractLineEndsTests {
  static let contract = """
    contract fee "fee deal"
    currency CNY
    settle quarterly from 2026Q1 to 2027Q4
    gaps zero
    party bank "bank" finance
    party op "operator" operator
    meter pv_export on-grid-export
    input gec_price CNY/cert by vintage
    revenue certificates = gec(pv_export) x gec_price
    # The platform fee.
    pool p = certificates
      pay bank 3% of pool
      split op 100%

    """

  struct Fixture {
    let t: TestBundle
    let ledger: String
    var path: String { t.folder.appendingPathComponent("test.contract").path }

    init() throws {
      t = try TestBundle(contract: ContractLineEndsTests.contract)
      ledger = t.folder.appendingPathComponent("ledger").path
      for q in ["2026Q1", "2026Q2", "2026Q3", "2026Q4"] {
        let p = Period(q)!
        let rows = (p.firstMonth...p.lastMonth).map { m in
          "E,\(Period(containing: m, length: .month))-10T12:00:00+08:00,1500.5\n"
        }.joined()
        _ = try t.bundle(
          q,
          [
            "meters.csv": "meter,kind,interval\nE,on-grid-export,60\n",
            "readings.csv": "meter,timestamp,kwh\n" + rows,
            "facts.csv": "fact,value,vintage\ngec_price,1000,2026\n",
          ])
      }
    }

    func settle(_ period: String, _ extra: [String] = []) throws -> (
      status: Int32, out: String, err: String
    ) {
      try runParkshare(
        [
          "settle", path, "--data", t.folder.appendingPathComponent(period).path, "--period",
          period, "--ledger", ledger, "--issued", "2026-12-01",
        ] + extra)
    }

    func verify() throws -> (status: Int32, out: String, err: String) {
      try runParkshare(["ledger", "verify", ledger])
    }

    /// Writes the contract with CR LF line ends, and a BOM when `bom`.
    func saveAsWindows(_ text: String, bom: Bool) throws {
      let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
      try Data(((bom ? "\u{FEFF}" : "") + crlf).utf8).write(to: URL(fileURLWithPath: path))
    }

    var text: String { get throws { try String(contentsOfFile: path, encoding: .utf8) } }
  }

  @Test func theTextDigestIgnoresLineEndsAndBOMOnly() throws {
    let lf = Array("a\nb\n".utf8)
    #expect(ContractDigest.normalised(Array("\u{FEFF}a\r\nb\r".utf8)) == lf)
    #expect(ContractDigest.normalised(lf) == lf)
    // A BOM is dropped at the start only; a CR inside a line is a line end (as the lexer reads it).
    #expect(ContractDigest.normalised(Array("a\u{FEFF}\r\r\n".utf8)) == Array("a\u{FEFF}\n\n".utf8))
  }

  @Test func aContractSavedWithCRLFAndBOMSettlesTheNextPeriod() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    let q1 = try f.settle("2026Q1")
    #expect(q1.status == 0, "\(q1.err)")
    let lf = try f.text
    try f.saveAsWindows(lf, bom: true)
    let q2 = try f.settle("2026Q2")
    #expect(q2.status == 0, "\(q2.err)")
    #expect(!q2.err.contains("contract-changed"))
    let v = try f.verify()
    #expect(v.status == 0, "\(v.err)")
    #expect(
      v.out.contains("0001-2026Q1.json  settlement 2026Q1  chain and digests hold; re-settled"))
    #expect(
      v.out.contains("0002-2026Q2.json  settlement 2026Q2  chain and digests hold; re-settled"))
    // Back to LF, without the BOM: still the same text, so acknowledging a change is refused.
    try Data(lf.utf8).write(to: URL(fileURLWithPath: f.path))
    let q3 = try f.settle("2026Q3", ["--contract-changed", "none"])
    #expect(q3.status == 1)
    #expect(q3.err.contains("there is no change to acknowledge"), "\(q3.err)")
    #expect(try f.settle("2026Q3").status == 0)
    #expect(try f.verify().status == 0)
  }

  @Test func aRealChangeSavedWithCRLFIsStillRefused() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    try f.saveAsWindows(
      try f.text.replacingOccurrences(of: "pay bank 3% of pool", with: "pay bank 30% of pool"),
      bom: true)
    let q2 = try f.settle("2026Q2")
    #expect(q2.status == 1)
    #expect(q2.err.contains("error[contract-changed]"), "\(q2.err)")
    let acknowledged = try f.settle("2026Q2", ["--contract-changed", "fee raised by the board"])
    #expect(acknowledged.status == 0, "\(acknowledged.err)")
    let v = try f.verify()
    #expect(v.status == 0, "\(v.err)")
    // The first period's contract is gone (changed in place): checked, not re-settled.
    #expect(v.err.contains("warning[not-resettled]"))
  }

  /// Records as engines before text digests wrote them: the `contractText` field taken out of
  /// each record and the chain and HEAD recomputed. The contract had CR LF line ends all along,
  /// so its byte digest is not its text digest.
  static func makeOld(_ ledger: String) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: ledger)
      .filter { $0.hasSuffix(".json") }.sorted()
    var previous = Ledger.genesis
    for name in names {
      let url = URL(fileURLWithPath: ledger + "/" + name)
      var text = try String(contentsOf: url, encoding: .utf8)
      let field = try #require(
        text.range(of: #",\n  "contractText" : "[0-9a-f]{64}""#, options: .regularExpression))
      text.removeSubrange(field)
      let link = try #require(
        text.range(of: #""previous" : "[0-9a-f]{64}""#, options: .regularExpression))
      text.replaceSubrange(link, with: "\"previous\" : \"\(previous)\"")
      try Data(text.utf8).write(to: url)
      previous = SHA256.hex(Data(text.utf8))
    }
    try "\(names.count) \(previous)\n".write(
      toFile: ledger + "/HEAD", atomically: true, encoding: .utf8)
  }

  @Test func aLedgerOfByteDigestsKeepsVerifyingAndSettling() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    try f.saveAsWindows(ContractLineEndsTests.contract, bom: false)
    #expect(try f.settle("2026Q1").status == 0)
    try Self.makeOld(f.ledger)
    let record = try String(contentsOfFile: f.ledger + "/0001-2026Q1.json", encoding: .utf8)
    #expect(!record.contains("contractText"))
    let old = try f.verify()
    #expect(old.status == 0, "\(old.err)")
    #expect(
      old.out.contains("0001-2026Q1.json  settlement 2026Q1  chain and digests hold; re-settled"))
    // The same file settles the next period: its bytes are those recorded.
    let q2 = try f.settle("2026Q2")
    #expect(q2.status == 0, "\(q2.err)")
    #expect(try f.verify().status == 0)
    // Converted to LF since: the second record, settled from the CR LF file, knows its text.
    try Data(ContractLineEndsTests.contract.utf8).write(to: URL(fileURLWithPath: f.path))
    #expect(try f.settle("2026Q3").status == 0)
    let v = try f.verify()
    #expect(v.status == 0, "\(v.err)")
    #expect(!v.err.contains("warning"), "\(v.err)")
    // A real change is refused still.
    try Data(
      ContractLineEndsTests.contract.replacingOccurrences(of: "3% of pool", with: "30% of pool")
        .utf8
    ).write(to: URL(fileURLWithPath: f.path))
    let q4 = try f.settle("2026Q4")
    #expect(q4.status == 1)
    #expect(q4.err.contains("error[contract-changed]"), "\(q4.err)")
  }

  /// An old ledger of an LF contract (byte digest = text digest) takes a CR LF re-save.
  @Test func anOldLedgerOfAnLFContractTakesACRLFResave() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    try Self.makeOld(f.ledger)
    try f.saveAsWindows(ContractLineEndsTests.contract, bom: true)
    let q2 = try f.settle("2026Q2")
    #expect(q2.status == 0, "\(q2.err)")
    let v = try f.verify()
    #expect(v.status == 0, "\(v.err)")
    #expect(!v.err.contains("warning"), "\(v.err)")
  }
}
