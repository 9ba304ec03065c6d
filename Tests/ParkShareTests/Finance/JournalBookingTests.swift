import Foundation
import Testing

@testable import ParkShare

/// Where and when the journal books, by hand on the old ledger fixture: 2026-01 (statements
/// 1-3, issued 2026-02-05), 2026-02 (4-6, issued 2026-03-05) and an amendment of 2026-02
/// (7 and 8, issued 2026-03-20: op +0.18, T1 +0.02).
@Suite struct JournalBookingTests {
  static func ledger() throws -> (Ledger, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-journal-booking-\(UUID().uuidString)")
    try FileManager.default.copyItem(
      at: LedgerWrittenBeforeTests.fixture.appendingPathComponent("ledger"), to: dir)
    return (try Ledger.open(dir.path), dir)
  }

  static func balances(_ j: Journal, _ date: String) -> [String: Exact] {
    Dictionary(
      j.balances.filter { $0.date == date }.map {
        ($0.account.split(separator: ":").last!, $0.amount)
      }
      .map { (String($0.0), $0.1) }, uniquingKeysWith: { a, _ in a })
  }

  /// Payable op: 1012.64 (2026-01) + 1017.27 (2026-02) = 2029.91, + 0.18 = 2030.09;
  /// T1: 112.51 + 113.03 = 225.54, + 0.02 = 225.56.
  @Test func anAmendmentIsBookedOnItsIssueDate() throws {
    let (l, dir) = try Self.ledger()
    defer { try? FileManager.default.removeItem(at: dir) }
    let j = try Journal.build(l)
    let amendment = j.transactions.filter { $0.record == "0003-2026-02-amendment.json" }
    #expect(amendment.count == 2 && amendment.allSatisfy { $0.date == "2026-03-20" })
    #expect(Self.balances(j, "2026-03-01") == ["Op": x("-2029.91"), "T1": x("-225.54")])
    #expect(Self.balances(j, "2026-03-21") == ["Op": x("-2030.09"), "T1": x("-225.56")])
    let op = try #require(amendment.last?.postings.first { $0.account.hasSuffix(":Op") })
    #expect(op.statement == 8 && op.amends == 6)
    #expect(amendment.last?.statements == [7, 8] && amendment.last?.issued == "2026-03-20")

    let inPeriod = try Journal.build(l, amendments: .inPeriod)
    #expect(inPeriod.transactions.allSatisfy { $0.date <= "2026-02-28" })
    #expect(Self.balances(inPeriod, "2026-03-01") == ["Op": x("-2030.09"), "T1": x("-225.56")])
  }

  /// 2026-02 alone opens with 2026-01's balance sheet: pool 1125.15 against payables 1012.64
  /// and 112.51 (income 1125.15 less distribution 1125.15 leaves no equity); the amendment is
  /// not in it but in 2026-03, whose opening brings 2255.45 = 1125.15 + 1130.30 forward.
  @Test func aPeriodOpensWithItsBalancesBroughtForward() throws {
    let (l, dir) = try Self.ledger()
    defer { try? FileManager.default.removeItem(at: dir) }
    let feb = try Journal.build(l, period: Period("2026-02")!)
    let opening = try #require(feb.transactions.first)
    #expect(opening.narration.isOpening && opening.date == "2026-01-31")
    #expect(opening.postings.map(\.amount) == [x("1125.15"), x("-1012.64"), x("-112.51")])
    #expect(!opening.postings.contains { $0.account.hasPrefix("Income") })
    #expect(feb.openDate == "2026-01-31")
    #expect(!feb.transactions.contains { $0.record.contains("amendment") })
    #expect(Journal.books(l, Period("2026-03")!))
    #expect(!Journal.books(l, Period("2026-04")!))
    let march = try Journal.build(l, period: Period("2026-03")!)
    #expect(march.transactions.first?.postings.first?.amount == x("2255.45"))
    #expect(march.transactions.count == 3)
  }

  @Test func accountFileNamesAndCodes() throws {
    let good = try JournalAccounts.parse(
      """
      code Liabilities:P:Op = 2202.01  # 应付账款
      name Liabilities:P:Op = 应付账款——运营
      code Equity:P:Opening = 4104
      """
    ).get()
    #expect(good.codes == ["Liabilities:P:Op": "2202.01", "Equity:P:Opening": "4104"])
    #expect(good.names == ["Liabilities:P:Op": "应付账款——运营"])
    for (text, line, says) in [
      ("code Liabilities:P:Op = 22A", 1, "digits"),
      ("code Liabilities:P:Op = 2202.", 1, "digits"),
      ("code Cash:P = 1001", 1, "starts with"),
      ("name Liabilities:P:Op = a\nname Liabilities:P:Op = b", 2, "named twice"),
      ("code Liabilities:P:Op = 1\ncode Liabilities:P:Op = 2", 2, "two codes"),
      ("colour Liabilities:P:Op = red", 1, "expected"),
    ] {
      guard case .failure(let e) = JournalAccounts.parse(text) else {
        Issue.record("accepted \(text)")
        continue
      }
      #expect(e.line == line && e.message.contains(says), "\(text): \(e)")
    }
  }
}
