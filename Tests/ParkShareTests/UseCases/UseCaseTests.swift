import Foundation
import Testing

@testable import ParkShare

/// The library's use cases called directly, as another front end than the command line would:
/// typed requests in, values and diagnostics out, files written only by `settle`.
@Suite struct UseCaseTests {
  /// LedgerTests' contract and quarterly bundles, settled through the library.
  func request(_ f: LedgerTests.Fixture, _ quarter: String) -> PeriodRequest {
    PeriodRequest(
      contract: f.t.folder.appendingPathComponent("test.contract").path,
      data: f.t.folder.appendingPathComponent(quarter).path, period: Period(quarter)!)
  }

  @Test func revenueGivesTheValueWithoutWritingAnything() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    let outcome = RevenueUseCase.run(request(f, "2026Q1"))
    let revenue = try #require(outcome.value)
    // 3 x 1,500.5 kWh is 4 certificates at 1,000 CNY (the rest carried).
    #expect(try revenue.item("certificates")?.total == Exact(4000))
    #expect(!outcome.failed)
    #expect(!FileManager.default.fileExists(atPath: f.ledger))
  }

  @Test func settleRecordsAndRefusesTheSamePeriodTwice() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    let out = f.t.folder.appendingPathComponent("out").path
    var settle = SettleUseCase.Request(
      inputs: request(f, "2026Q1"),
      ledger: .init(directory: f.ledger, issued: "2026-04-03"))
    let first = SettleUseCase.run(settle) { s, stem in
      [(out + "/" + stem + ".json", try! JSONOutput.document(s))]
    }
    let s = try #require(first.value, "\(first.diagnostics)")
    #expect(s.issue?.record == 1)
    #expect(FileManager.default.fileExists(atPath: out + "/chain-2026Q1.json"))
    #expect(try Ledger.open(f.ledger).records.count == 1)

    let again = SettleUseCase.run(settle)
    #expect(again.value == nil)
    #expect(again.diagnostics.last?.id == .ledger, "\(again.diagnostics)")
    #expect(
      again.diagnostics.last?.message.contains("already settled") == true, "\(again.diagnostics)")

    // The same files again amend nothing: nothing is recorded or written.
    settle.ledger?.issued = "2026-04-20"
    let same = SettleUseCase.amend(settle, reason: "checked again") { _, stem in
      [(out + "/" + stem + ".txt", Data("amended".utf8))]
    }
    #expect(same.diagnostics.contains { $0.id == .unchangedAmendment }, "\(same.diagnostics)")
    #expect(try Ledger.open(f.ledger).records.count == 1)
    // An amendment is the request with corrected data and a reason; its files are named as an
    // amendment.
    try f.correctQ1()
    settle.inputs.data = f.t.folder.appendingPathComponent("2026Q1-fix").path
    let amended = SettleUseCase.amend(settle, reason: "re-read") { _, stem in
      [(out + "/" + stem + ".txt", Data("amended".utf8))]
    }
    #expect(amended.value?.issue?.kind == .amendment, "\(amended.diagnostics)")
    #expect(FileManager.default.fileExists(atPath: out + "/chain-2026Q1-amendment-2.txt"))
    #expect(try Ledger.open(f.ledger).records.count == 2)
  }

  /// A statement file that cannot be written leaves no record: the transaction is all or none.
  @Test func aFailedWriteRecordsNothing() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    let taken = f.t.folder.appendingPathComponent("taken.json").path
    try Data("something else".utf8).write(to: URL(fileURLWithPath: taken))
    let outcome = SettleUseCase.run(
      .init(
        inputs: request(f, "2026Q1"), ledger: .init(directory: f.ledger, issued: "2026-04-03"),
        closing: taken))
    #expect(outcome.value == nil)
    #expect(outcome.diagnostics.last?.id == .wouldOverwrite)
    // The ledger folder this run created is taken back with it.
    #expect(!FileManager.default.fileExists(atPath: f.ledger))
  }

  @Test func explainNamesAnUnknownPartyAsAUsageProblem() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    let outcome = ExplainUseCase.run(request(f, "2026Q1"), party: "opp")
    #expect(outcome.value == nil)
    #expect(outcome.usage == "'opp' is not a party of 'chain'; did you mean 'op'?")
    #expect(ExplainUseCase.run(request(f, "2026Q1"), party: "op").value != nil)
  }

  /// The same contract as both variants, replayed over two settled quarters: no difference,
  /// and the quarters' sums carried through.
  @Test func compareReplaysALedgerRange() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    for (q, day) in [("2026Q1", "2026-04-03"), ("2026Q2", "2026-07-03")] {
      let r = SettleUseCase.run(
        .init(inputs: request(f, q), ledger: .init(directory: f.ledger, issued: day)))
      #expect(r.value != nil, "\(r.diagnostics)")
    }
    let contract = request(f, "2026Q1").contract
    let outcome = CompareUseCase.run(
      .init(contracts: [contract, contract], over: .ledger(f.ledger, from: nil, to: nil)))
    let c = try #require(outcome.value, "\(outcome.diagnostics)")
    #expect(c.through == Period("2026Q2"))
    #expect(c.parties.allSatisfy { $0.difference.isZero })
    #expect(c.byPeriod?.count == 2)
  }

  @Test func reportAndJournalReadTheLedger() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    _ = SettleUseCase.run(
      .init(inputs: request(f, "2026Q1"), ledger: .init(directory: f.ledger, issued: "2026-04-03")))
    let report = ReportUseCase.run(ledger: f.ledger, from: Period("2026Q1")!, to: Period("2026Q1")!)
    #expect(report.value?.rows.isEmpty == false, "\(report.diagnostics)")
    let journal = JournalUseCase.run(.init(ledger: f.ledger, period: Period("2026Q2")))
    #expect(journal.usage == "2026Q2 is not in the ledger")
    #expect(JournalUseCase.run(.init(ledger: f.ledger)).value?.transactions.isEmpty == false)
  }

  /// The record layout is the shared encoder's: one member a line, the reference spaced.
  @Test func theEncoderLaysOutARecordsMembers() throws {
    struct R: Encodable { var sequence = 2, digest = "ab" }
    #expect(try JSONOutput.spaced(R()) == #"{ "digest" : "ab", "sequence" : 2 }"#)
    #expect(try JSONOutput.line(["b": 1, "a": 2]) == #"{"a":2,"b":1}"#)
    let doc = try JSONOutput.members([("z", "1"), ("a", "null")])
    #expect(String(decoding: doc, as: UTF8.self) == "{\n  \"z\" : 1,\n  \"a\" : null\n}\n")
  }
}
