import Foundation
import Testing

@testable import ParkShare

/// Opening states read against their contract: what a settlement can close with is read; what
/// none could (a negative amount received, negative arrears, a misspelt key) is refused at its
/// place. The fixture `commands/opening-state-impossible` shows the messages.
@Suite struct CarryStateReaderTests {
  static let contract = AllocationTests.contract(
    """
    party a "a" operator
    party b "b" enterprise
    party c "c" enterprise
    """,
    """
      pay a 10 CNY
      reserve 5% to upkeep
      split b 50%, c 50%
      floor b 60 CNY paid by c
    """)

  func read(_ json: String) throws -> (CarryState?, [Diagnostic]) {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    try t.write("state.json", json)
    return CarryStateReader.read(
      t.folder.appendingPathComponent("state.json").path, contract: t.contract)
  }

  @Test func whatASettlementClosesWithIsRead() throws {
    let (state, problems) = try read(
      """
      { "contract" : "alloc", "period" : "2026Q1", "arrears" : { "p/1/a" : "3.333333" },
        "funds" : { "upkeep" : 5.25 }, "received" : { "p/b" : "60.00", "p/c" : "-12.50" },
        "gecRemainderKWh" : { "e" : "999.9" }, "triggered" : { } }
      """)
    #expect(problems.isEmpty, "\(problems.map(\.message))")
    #expect(state?.received[PoolParty(pool: "p", party: "c")] == Exact("-12.50"))
    #expect(state?.funds["upkeep"] == Exact("5.25"))
    #expect(state?.arrears[ArrearsKey(pool: "p", step: 1, party: "a")] == Exact("3.333333"))
  }

  @Test(arguments: [
    (#""received" : { "p/b" : "-0.01" }"#, "'received' \"p/b\" cannot be -0.01"),
    (#""arrears" : { "p/1/a" : "-1" }"#, "arrears are what a step still owes: 0 or more"),
    (#""arrears" : { "p/2/a" : "1" }"#, "step 2 of pool 'p' is not a 'pay a'"),
    (#""funds" : { "upkeep" : "-5" }"#, "a fund's balance is what was reserved to it"),
    (#""funds" : { "upkeep" : "1e3" }"#, "is '1e3', not an amount"),
    (#""gecRemainderKWh" : { "e" : "-1" }"#, "from 0 to under 1,000 kWh"),
    (#""received" : { "q/b" : "1" }"#, "with POOL a pool of 'alloc'"),
    (#""recieved" : { }"#, "did you mean"),
    (#""triggered" : { "grant: x >= 1" : "2026Q1" }"#, "'grant', which is not a subsidy"),
  ])
  func whatNoSettlementClosesWithIsRefused(field: String, message: String) throws {
    let (state, problems) = try read(
      #"{ "contract" : "alloc", "period" : "2026Q1", "# + field + " }")
    #expect(state == nil)
    let text = problems.map { "\($0.range): \($0.message) \($0.hint ?? "")" }.joined(
      separator: "\n")
    #expect(problems.allSatisfy { $0.id == .badState && $0.range.start.line == 1 }, "\(text)")
    #expect(text.contains(message), "\(text)")
  }
}
