import Foundation
import Testing

@testable import ParkShare

/// VAT in the books: a ledger of the shipped park-carbon-assets example (6% included, shared
/// net) booked as a journal and as vouchers.
@Suite struct VATJournalTests {
  static func ledger() throws -> (ledger: String, folder: URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-vat-\(UUID().uuidString)")
    let ledger = folder.appendingPathComponent("ledger").path
    let contract = Paths.contracts.appendingPathComponent("park-carbon-assets.contract").path
    for p in ["2026Q1", "2026Q2", "2026Q3"] {
      let data = Paths.contracts.appendingPathComponent("data/park-carbon-assets/\(p)").path
      let r = try runParkshare([
        "settle", contract, "--data", data, "--period", p, "--ledger", ledger,
      ])
      try #require(r.status == 0, "\(p): \(r.err)")
    }
    return (ledger, folder)
  }

  /// The revenues' output VAT is credited to the output VAT account, the parties' invoices'
  /// VAT debited to the input VAT account, each to the fen of the settlements' reconciliations;
  /// income is the revenues excluding VAT.
  @Test func outputAndInputVATAreBookedAsSettled() throws {
    let (path, folder) = try Self.ledger()
    defer { try? FileManager.default.removeItem(at: folder) }
    let ledger = try Ledger.open(path)
    var output = Exact.zero
    var onParties = Exact.zero
    var excluded = Exact.zero
    for record in ledger.latest {
      let s = try ledger.settlement(of: record)
      guard let vat = s.reconciliation.vat else { continue }
      output = try output + vat.output
      onParties = try onParties + vat.onParties
      for src in s.pools.flatMap(\.sources) { excluded = try excluded + src.vat!.excluded }
    }
    #expect(try output == Exact("196516.99")! + Exact("160347.17")!)
    let j = try Journal.build(ledger)
    func posted(_ suffix: String) throws -> Exact {
      try j.transactions.flatMap(\.postings).filter { $0.account.hasSuffix(suffix) }
        .map(\.amount).sum()
    }
    #expect(try posted(":VAT:Output") == output.negated)
    #expect(try posted(":VAT:Input") == onParties)
    let income = try j.transactions.flatMap(\.postings).filter {
      $0.account.hasPrefix("Income:") && !$0.account.hasSuffix(":Rounding")
    }.map(\.amount).sum()
    #expect(income == excluded.negated)
    // Every transaction balances.
    for t in j.transactions { #expect(try t.postings.map(\.amount).sum().isZero, "\(t.date)") }
  }

  /// With a code for every account (2221.01.01 进项税额, 2221.01.02 销项税额 for the VAT ones),
  /// every voucher balances and the VAT accounts appear with their codes.
  @Test func vouchersCarryTheVATAccounts() throws {
    let (path, folder) = try Self.ledger()
    defer { try? FileManager.default.removeItem(at: folder) }
    let plain = try Journal.build(try Ledger.open(path))
    var accounts = JournalAccounts()
    for (i, account) in plain.accounts.enumerated() {
      accounts.codes[account] =
        account.hasSuffix(":VAT:Input")
        ? "2221.01.01" : account.hasSuffix(":VAT:Output") ? "2221.01.02" : "\(9000 + i)"
    }
    let j = try Journal.build(try Ledger.open(path), accounts: accounts)
    let v = try Vouchers.of(j).get()
    for voucher in v.vouchers {
      #expect(try voucher.lines.map(\.debit).sum() == voucher.lines.map(\.credit).sum())
    }
    let codes = Set(v.vouchers.flatMap(\.lines).map(\.code))
    #expect(codes.contains("2221.01.01") && codes.contains("2221.01.02"))
  }
}

/// An amendment under VAT: each difference statement carries the correction of the party's
/// invoices by tax class (a red-letter invoice where it lowers them), and the invoice list
/// lists them.
@Suite struct VATAmendmentTests {
  @Test func differenceStatementsCorrectTheInvoices() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-vat-amend-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let ledger = folder.appendingPathComponent("ledger").path
    let contract = Paths.contracts.appendingPathComponent("park-carbon-assets.contract").path
    let data = Paths.contracts.appendingPathComponent("data/park-carbon-assets/2026Q1")
    let first = try runParkshare([
      "settle", contract, "--data", data.path, "--period", "2026Q1", "--ledger", ledger,
    ])
    try #require(first.status == 0, "\(first.err)")
    // The CCER price corrected down from 70.76 to 50.00 CNY/tCO2e.
    let amended = folder.appendingPathComponent("amended")
    try FileManager.default.copyItem(at: data, to: amended)
    let facts = amended.appendingPathComponent("facts.csv")
    let text = try String(contentsOf: facts, encoding: .utf8)
    let corrected = text.replacingOccurrences(of: "ccer_price,70.76,", with: "ccer_price,50.00,")
    #expect(corrected != text)
    try corrected.write(to: facts, atomically: true, encoding: .utf8)
    let amend = try runParkshare([
      "settle", contract, "--data", amended.path, "--period", "2026Q1", "--ledger", ledger,
      "--amend", "--reason", "CCER price corrected", "--format", "invoices", "--no-bom",
    ])
    try #require(amend.status == 0, "\(amend.err)")
    let l = try Ledger.open(ledger)
    let before = try l.settlement(of: l.records[0])
    let after = try l.settlement(of: l.records[1])
    let differences = try #require(after.issue?.differences)
    #expect(!differences.isEmpty)
    // Every party's correction is its invoices now less before, and they add up to the change
    // of the VAT on the parties' lines.
    var tax = Exact.zero
    for d in differences {
      let old = before.statements.first { $0.party == d.party }?.vat
      let new = after.statements.first { $0.party == d.party }?.vat
      let parts = try #require(d.vat)
      #expect(try parts.map(\.tax).sum() == (new?.tax ?? .zero) - (old?.tax ?? .zero))
      #expect(try parts.map(\.total).sum() == d.difference)
      tax = try tax + parts.map(\.tax).sum()
    }
    let change = try after.reconciliation.vat!.onParties - before.reconciliation.vat!.onParties
    #expect(tax == change)
    #expect(change.isNegative)
    // The invoice list of an amendment holds its corrections only: the holder's for the CCER
    // revenue, then one per party and rate, by difference statement (the restated invoices were
    // issued before). CCER was 353,800.00 including 6% (VAT 353,800 x 6/106 = 20,026.42) and is
    // 5,000 x 50.00 = 250,000.00 (VAT 14,150.94): the correction is the difference of the two
    // invoices, -103,800.00 of which VAT -5,875.48 and -97,924.52 excluding it.
    let rows = amend.out.split(separator: "\r\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(rows.allSatisfy { $0[3] == "correction" })
    let revenue = rows.filter { !$0[8].isEmpty }
    #expect(
      revenue.map { "\($0[8]) \($0[10]) \($0[11]) \($0[12])" } == [
        "ccer -97924.52 -5875.48 -103800.00"
      ])
    let parties = rows.filter { $0[8].isEmpty }
    #expect(parties.count == differences.count)
    #expect(
      parties.allSatisfy { row in
        differences.contains { row[4] == Statement.numberText($0.number) && row[5] == $0.party }
      })
  }
}

/// An account template may name only what its key fills: `{pool}` in the VAT accounts would
/// stay in the account's name and no tool would read the journal.
@Suite struct AccountPlaceholderTests {
  @Test func aPlaceholderTheKeyDoesNotFillIsRefusedAtItsLine() {
    guard
      case .failure(let e) = JournalAccounts.parse("# codes\nvat-output = Liabilities:{pool}:Out\n")
    else {
      Issue.record("accepted a template with {pool}")
      return
    }
    #expect(e.line == 2)
    #expect(e.message.contains("{pool}"))
    if case .failure(let e) = JournalAccounts.parse("payable = Liabilities:P:{party}:{contract}\n")
    {
      Issue.record("refused a template with the key's own placeholders: \(e.message)")
    }
  }
}
