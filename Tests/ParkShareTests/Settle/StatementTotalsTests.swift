import Foundation
import Testing

@testable import ParkShare

/// A statement's payable total and per-pool totals are added where the statement is built and
/// again where a record is read back, never by a renderer, and are not written to JSON.
@Suite struct StatementTotalsTests {
  static func payable(_ amount: String) -> Statement.Payable {
    Statement.Payable(subsidy: "s", clause: SourceRange(clause: "c.contract:1"), amount: x(amount))
  }

  @Test func totalsAreAddedOnceAndReadBack() throws {
    let st = try Statement(
      party: "T1", name: "一号", role: "tenant", lines: [], gross: x("0"), deductions: x("0"),
      net: x("0"), payable: [Self.payable("10.25"), Self.payable("4.75")], arrearsOwed: x("0"))
    #expect(st.payableTotal == x("15"))
    let json = try JSONOutput.text(st)
    #expect(!json.contains("payableTotal") && !json.contains("poolTotals"))
    let back = try JSONDecoder().decode(Statement.self, from: Data(json.utf8))
    #expect(back.payableTotal == x("15"))
    #expect(try JSONOutput.text(back) == json)
  }

  /// Payables too large to add up are an error of the statement, not a total shown as zero.
  @Test func anOverflowIsATypedError() {
    let huge = String(repeating: "9", count: 38)
    #expect(throws: ArithmeticError.self) {
      try Statement(
        party: "T1", name: "n", role: "", lines: [], gross: x("0"), deductions: x("0"),
        net: x("0"), payable: [Self.payable(huge), Self.payable(huge)], arrearsOwed: x("0"))
    }
  }
}
