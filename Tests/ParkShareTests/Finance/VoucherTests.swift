import Foundation
import Testing

@testable import ParkShare

/// Accounting vouchers (记账凭证) from a ledger's journal: every voucher balances, together they
/// post what the journal posts, they are numbered from 1 in each month, and an account without
/// a chart code is named instead of written.
@Suite struct VoucherTests {
  /// A ledger of three quarters and an amendment of the first.
  static func journal(codes: Bool) throws -> (Journal, LedgerTests.Fixture) {
    let f = try LedgerTests.Fixture()
    for q in ["2026Q1", "2026Q2", "2026Q3"] { #expect(try f.settle(q).status == 0) }
    var accounts = JournalAccounts()
    let plain = try Journal.build(try Ledger.open(f.ledger))
    if codes {
      for (i, account) in plain.accounts.enumerated() { accounts.codes[account] = "\(9000 + i)" }
    }
    return (try Journal.build(try Ledger.open(f.ledger), accounts: accounts), f)
  }

  @Test func everyVoucherBalancesAndTheyPostTheJournal() throws {
    let (j, f) = try Self.journal(codes: true)
    defer { f.t.remove() }
    let v = try Vouchers.of(j).get()
    #expect(v.vouchers.count == j.transactions.count)
    var debits = Exact.zero
    for voucher in v.vouchers {
      let debit = try voucher.lines.map(\.debit).sum()
      let credit = try voucher.lines.map(\.credit).sum()
      #expect(debit == credit, "voucher \(voucher.date) \(voucher.number)")
      #expect(voucher.lines.allSatisfy { $0.debit.isZero != $0.credit.isZero })
      debits = try debits + debit
    }
    let posted = try j.transactions.flatMap(\.postings).map(\.amount).filter { !$0.isNegative }
      .sum()
    #expect(debits == posted)
    // Numbered from 1 in each month, in date order.
    var last: (month: Int, number: Int) = (-1, 0)
    for voucher in v.vouchers {
      let month = voucher.date.absoluteMonth
      #expect(voucher.number == (month == last.month ? last.number + 1 : 1))
      last = (month, voucher.number)
    }
    // The CSV has a header and one row per line, with a byte-order mark.
    let csv = VoucherExport.csv(v, decimals: j.decimals, language: .zh)
    #expect(csv.hasPrefix("\u{FEFF}日期,凭证字,凭证号,摘要,科目编码"))
    #expect(
      csv.split(separator: "\r\n").count == 1 + v.vouchers.map(\.lines.count).reduce(0, +))
  }

  @Test func accountsWithoutACodeAreNamed() throws {
    let (j, f) = try Self.journal(codes: false)
    defer { f.t.remove() }
    guard case .failure(let missing) = Vouchers.of(j) else {
      Issue.record("vouchers written without codes")
      return
    }
    #expect(missing.accounts == Set(j.transactions.flatMap(\.postings).map(\.account)).sorted())
  }

  /// A ledger with a payment: the bank account it posts to takes its code and name from the
  /// account file like any other, and a payable's counterparty is the party's own name even
  /// where the file renames the account.
  @Test func paymentsAndRenamedAccountsKeepTheirCodesAndParties() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    #expect(
      try PaymentTests.pay(
        f, ["--party", "bank", "--amount", "1000.00", "--date", "2026-04-20", "--ref", "B1"]
      ).status == 0)
    let plain = try Journal.build(try Ledger.open(f.ledger))
    var accounts = JournalAccounts()
    for (i, account) in plain.accounts.enumerated() { accounts.codes[account] = "\(9000 + i)" }
    let payable = try #require(plain.accounts.first { $0.hasSuffix(":Payable:Bank") })
    accounts.names[payable] = "应付账款——银行"
    let j = try Journal.build(try Ledger.open(f.ledger), accounts: accounts)
    let v = try Vouchers.of(j).get()
    let lines = v.vouchers.flatMap(\.lines)
    #expect(lines.contains { $0.account.hasSuffix(":Bank") && !$0.code.isEmpty })
    let payables = lines.filter { $0.account == payable }
    #expect(!payables.isEmpty)
    #expect(payables.allSatisfy { $0.counterparty == "bank" && $0.name == "应付账款——银行" })
  }

  /// A slice of the ledger (`--period`) posts what was booked in it, not the balances brought
  /// forward: slices imported one after another post the whole ledger once.
  @Test func slicesLeaveTheBalancesBroughtForwardOut() throws {
    let (whole, f) = try Self.journal(codes: true)
    defer { f.t.remove() }
    var accounts = JournalAccounts()
    for (i, account) in whole.accounts.enumerated() { accounts.codes[account] = "\(9000 + i)" }
    var sliced = Exact.zero
    for q in ["2026Q1", "2026Q2", "2026Q3"] {
      let j = try Journal.build(
        try Ledger.open(f.ledger), period: Period(q)!, accounts: accounts)
      for line in try Vouchers.of(j).get().vouchers.flatMap(\.lines) {
        sliced = try sliced + line.debit
      }
    }
    let all = try Vouchers.of(whole).get().vouchers.flatMap(\.lines).map(\.debit).sum()
    #expect(sliced == all)
  }
}
