import Foundation
import Testing

@testable import ParkShare

/// Failure injection for `pay` (issue 15): a pay run writes its payment record, then
/// `payments/HEAD`, five steps each (create, write, sync, rename, sync-folder). Killed, or
/// failing with a full disk, at every step, it leaves the ledger whole (`ledger verify` passes)
/// and a retry of the same command leaves the payment recorded exactly once.
@Suite struct PaymentFailureInjectionTests {
  static let steps = 1...10

  @Test(arguments: ["kill", "enospc"])
  func aPayStoppedAtAnyWriteStepLeavesTheLedgerWhole(action: String) throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    // One payment recorded before, so the run appends to an existing book.
    #expect(
      try PaymentTests.pay(
        f, ["--party", "bank", "--amount", "1", "--date", "2026-04-02", "--ref", "FIRST"]
      ).status == 0)
    let args = ["--party", "bank", "--amount", "2.50", "--date", "2026-04-03", "--ref", "SECOND"]
    let pristine = f.t.folder.appendingPathComponent("pristine").path
    try FileManager.default.copyItem(atPath: f.ledger, toPath: pristine)
    for step in Self.steps {
      try? FileManager.default.removeItem(atPath: f.ledger)
      try FileManager.default.copyItem(atPath: pristine, toPath: f.ledger)
      let run = try PaymentTests.pay(f, args, fault: "\(action)@\(step)")
      let verify = try runParkshare(["ledger", "verify", f.ledger])
      #expect(verify.status == 0, "\(action)@\(step): \(verify.err)")
      let book = try PaymentBook.read(f.ledger)
      let recorded = book.payments.filter { $0.reference == "SECOND" }.count
      // Recorded or not, never partly: the record is whole wherever it stands.
      #expect(recorded <= 1, "\(action)@\(step)")
      if run.status == 0 { #expect(recorded == 1, "\(action)@\(step)") }
      let retry = try PaymentTests.pay(f, args)
      #expect(retry.status == 0, "\(action)@\(step): \(retry.err)")
      let after = try PaymentBook.read(f.ledger)
      #expect(after.payments.map(\.reference) == ["FIRST", "SECOND"], "\(action)@\(step)")
      #expect(try runParkshare(["ledger", "verify", f.ledger]).status == 0, "\(action)@\(step)")
      // No temporary file stays behind once a later run has written.
      let names = try FileManager.default.contentsOfDirectory(atPath: f.ledger + "/payments")
      #expect(!names.contains { $0.contains("parkshare-tmp") }, "\(action)@\(step): \(names)")
    }
  }
}
