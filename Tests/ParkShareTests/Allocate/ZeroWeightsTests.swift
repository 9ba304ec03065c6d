import Foundation
import Testing

@testable import ParkShare

/// Weights that are all 0. Stakes are capital, known when the contract is checked: all 0 is the
/// check error `zero-stakes` (fixtures `zero-stakes`, `registry-zero-stakes`). Weights computed
/// from data can all be 0 in one period: the period settles, a split's remainder is left
/// unallocated and a rebate's stays in the remainder, each with a warning naming the period and
/// the clause (docs/statement.md), never a silent zero.
@Suite struct ZeroWeightsTests {
  static func contract(_ steps: String) -> String {
    AllocationTests.contract(
      """
      party a "a" operator
      party b "b" enterprise
      """, steps, inputs: "input amount CNY\ninput kwh kWh per party")
  }

  func settle(_ steps: String, kwh: (String, String)) throws -> (Settlement?, String) {
    let t = try TestBundle(contract: Self.contract(steps))
    defer { t.remove() }
    let dir = try t.bundle(
      "q1", ["facts.csv": "fact,value,member\namount,100,\nkwh,\(kwh.0),a\nkwh,\(kwh.1),b\n"])
    return t.settle(dir, period: "2026Q1")
  }

  @Test func aSplitByAMetricThatIsAllZeroLeavesTheRemainderUnallocated() throws {
    let (s, messages) = try settle("  split a, b by kwh", kwh: ("0", "0"))
    let pool = try #require(s?.pools.first)
    #expect(pool.unallocated == Exact("100.00"))
    #expect(s?.statements.allSatisfy { $0.net.isZero } == true)
    #expect(s?.reconciliation.unallocated == Exact("100.00"))
    #expect(messages.contains("warning[pool-note]: pool 'p': 2026Q1: no one has any 'kwh' ("))
    #expect(
      messages.contains(
        "/test.contract:10): 100 CNY not divided; it is left unallocated"
      ), "\(messages)")
  }

  @Test func aRebateByAMetricThatIsAllZeroStaysInTheRemainder() throws {
    let t = try TestBundle(
      contract: AllocationTests.contract(
        """
        party a "a" operator
        parties tenants from "t.csv" enterprise
        """, "  rebate 10% to tenants by kwh\n  split a 100%",
        inputs: "input amount CNY\ninput kwh kWh per tenants"),
      files: ["t.csv": "id,name\nT1,one\nT2,two\n"])
    defer { t.remove() }
    let dir = try t.bundle(
      "q1", ["facts.csv": "fact,value,member\namount,100,\nkwh,0,T1\nkwh,0,T2\n"])
    let (s, messages) = t.settle(dir, period: "2026Q1")
    #expect(s?.statements.first { $0.party == "a" }?.net == Exact("100.00"))
    #expect(messages.contains("it stays in the remainder for the steps after it"), "\(messages)")
  }

  @Test func stakesThatAreAllZeroAreACheckError() throws {
    let text = AllocationTests.contract(
      """
      party a "a" operator capital 0 CNY
      party b "b" enterprise capital 0 CNY
      """, "  split a, b by stake")
    let f = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-zero-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: f, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: f) }
    let (result, _) = checkContract(text, name: "z.contract", folder: f)
    let d = try #require(result.diagnostics.first { $0.id == .zeroStakes })
    #expect(d.severity == .error)
    #expect(d.range.start == SourceLocation(line: 9, column: 3))
    // One party with capital is enough: the others take nothing by their 0.
    let some = text.replacingOccurrences(
      of: "operator capital 0 CNY", with: "operator capital 5 CNY")
    #expect(!checkContract(some, name: "z.contract", folder: f).0.diagnostics.hasErrors)
  }
}
