import Foundation
import Testing

@testable import ParkShare

/// Caps and floors of a pool resolved together to a fixed point (docs/statement.md): no capped
/// party ends above its cap, every cut goes to the free parties by their split, a bound party
/// is paid exactly its limit. The numbers are worked by hand in the comments.
@Suite struct CapFixedPointTests {
  static let four = """
    party a "A" operator
    party b "B" operator
    party c "C" operator
    party d "D" operator
    """

  static func settle(_ steps: String, amount: String = "1000000") throws -> Settlement {
    try AllocationTests.settle(AllocationTests.contract(four, steps), amount: amount)
  }

  /// Split 40/30/20/10 of 1,000,000: 400k, 300k, 200k, 100k. Both caps bind at once; their cuts
  /// (100k and 50k) go to c and d by 200 : 100. One cap after the other used to hand b's cut
  /// back to a, which ended at 357,142.86 above its 300,000 cap.
  @Test func twoCapsHoldTogether() throws {
    let s = try Self.settle(
      """
        split a 40%, b 30%, c 20%, d 10%
        cap a 300,000 CNY per period
        cap b 250,000 CNY per period
      """)
    #expect(s.net("a") == x("300000"))
    #expect(s.net("b") == x("250000"))
    #expect(s.net("c") == x("300000"))  // 200k + 2/3 x 150k
    #expect(s.net("d") == x("150000"))  // 100k + 1/3 x 150k
    // Each cut is shared on its own lines, naming its cap's clause.
    let c = try #require(s.statements.first { $0.party == "c" })
    #expect(
      c.lines.filter { $0.kind == .capShare }.map(\.amount) == [x("66666.67"), x("33333.33")])
    #expect(
      c.lines.filter { $0.kind == .capShare }.map { $0.clause.start.line }
        == [12, 13])
    #expect(s.reconciliation.residual == x("0"))
  }

  /// a's cut (100k) lifts c above its 220k cap: c binds in the second round. What c cannot take
  /// goes to b and d by 300 : 100. a 300k, c 220k, b 300k + 3/4 x 80k = 360k, d 100k + 20k.
  @Test func aCapThatBindsOnlyAfterRedistribution() throws {
    let s = try Self.settle(
      """
        split a 40%, b 30%, c 20%, d 10%
        cap a 300,000 CNY per period
        cap c 220,000 CNY per period
      """)
    #expect(
      ["a", "b", "c", "d"].map { s.net($0) }
        == ["300000", "360000", "220000", "120000"].map(x))
  }

  /// Thirds of 100,000 are 33,333.333...; a's cap of 33,333.33 binds and a is paid exactly that,
  /// not a fen over; the 0.00333... it gives up goes to b and c, and the tie of their remainders
  /// (half a fen each) goes to the earlier party.
  @Test func aBoundCapIsPaidExactly() throws {
    let s = try AllocationTests.settle(
      AllocationTests.contract(
        """
        party a "A" operator capital 1 CNY
        party b "B" operator capital 1 CNY
        party c "C" operator capital 1 CNY
        """,
        """
          split a, b, c by stake
          cap a 33,333.33 CNY per period
        """), amount: "100000")
    #expect(s.net("a") == x("33333.33"))
    #expect(s.net("b") == x("33333.34"))
    #expect(s.net("c") == x("33333.33"))
  }

  /// A floor without a payer is taken from the free parties by their split: d is topped up
  /// from 100k to 200k, a, b, c give 4/9, 3/9, 2/9 of 100k. Exact: 355,555.555...,
  /// 266,666.666..., 177,777.777...; the two fen missing go to the largest remainders (c, b).
  @Test func aFloorIsTakenFromTheFreeParties() throws {
    let s = try Self.settle(
      """
        split a 40%, b 30%, c 20%, d 10%
        floor d 200,000 CNY
      """)
    #expect(
      ["a", "b", "c", "d"].map { s.net($0) }
        == ["355555.55", "266666.67", "177777.78", "200000"].map(x))
  }

  static let three = """
    party a "a" enterprise capital 1 CNY
    party b "b" enterprise capital 1 CNY
    party c "c" enterprise capital 1 CNY
    """

  /// a's cut (13.33...) and c's share fund b's floor: a 20, b 60, c 100/3 + 20/3 - 80/3 = 20.
  @Test func aCapsCutFundsAFloor() throws {
    let s = try AllocationTests.settle(
      AllocationTests.contract(
        Self.three,
        """
          split a, b, c by stake
          cap a 20 CNY per period
          floor b 60 CNY
        """), amount: "100")
    #expect(["a", "b", "c"].map { s.net($0) } == ["20", "60", "20"].map(x))
  }

  /// Floors that the split cannot fund: the pool never pays out more than it holds, and no
  /// party of the split goes below zero for a floor without a payer. Both used to settle with
  /// exit 0: 110.00 paid out of a pool of 100.00, or a and c at -50.00 each.
  /// The error points at the first floor, column and all (it once pointed at column 1).
  @Test(arguments: [
    (
      "  cap a 20 CNY per period\n  floor b 45 CNY\n  floor c 45 CNY", "need 10 CNY more",
      "floor b 45 CNY"
    ),
    ("  floor b 200 CNY", "need 100 CNY more", "floor b 200 CNY"),
  ])
  func floorsNoOneCanFundAreRefused(steps: String, message: String, clause: String) throws {
    let contract = AllocationTests.contract(Self.three, "  split a, b, c by stake\n" + steps)
    let t = try TestBundle(contract: contract)
    defer { t.remove() }
    let (s, messages) = t.settle(try t.facts("2026Q1", [("amount", "100")]), period: "2026Q1")
    #expect(s == nil)
    let lines = contract.split(separator: "\n", omittingEmptySubsequences: false)
    let line = try #require(lines.firstIndex { $0.hasSuffix(clause) }) + 1
    #expect(messages.contains("test.contract:\(line):3: error[cannot-allocate]"), "\(messages)")
    #expect(messages.contains(message), "\(messages)")
  }

  /// A cap on a group's sum: borrowers m1, m2 take 300 and 100 of 1,000 by stake; capped at 200
  /// together, each keeps half (150, 50), and op gets the 200 cut.
  @Test func aGroupCapHoldsTheMembersSum() throws {
    let s = try Self.group("cap borrowers 200 CNY per period")
    #expect(s.net("m1") == x("150"))
    #expect(s.net("m2") == x("50"))
    #expect(s.net("op") == x("800"))
  }

  /// `cap each`: m1 (300) binds at 120; its 180 goes to m2 and op by 100 : 600, which lifts m2
  /// to 125.71 above 120: m2 binds too, and op takes the rest: 600 + 180 - 20 = 760.
  @Test func aCapOnEachMemberReachesAFixedPoint() throws {
    let s = try Self.group("cap each borrowers 120 CNY per period")
    #expect(s.net("m1") == x("120"))
    #expect(s.net("m2") == x("120"))
    #expect(s.net("op") == x("760"))
  }

  static func group(_ cap: String) throws -> Settlement {
    let t = try TestBundle(
      contract: AllocationTests.contract(
        """
        party op "op" operator capital 600 CNY
        parties borrowers from "borrowers.csv" enterprise
        """,
        """
          split op, borrowers by stake
          \(cap)
        """),
      files: ["borrowers.csv": "id,name,capital\nm1,M1,300\nm2,M2,100\n"])
    defer { t.remove() }
    let (s, messages) = t.settle(try t.facts("2026Q1", [("amount", "1000")]), period: "2026Q1")
    return try #require(s, "\(messages)")
  }

  /// Random caps on random splits: every capped party ends at or below its cap, and the pool is
  /// conserved to the fen.
  @Test(arguments: Array(1...25) as [UInt64])
  func noCappedPartyEndsAboveItsCap(seed: UInt64) throws {
    var rng = SplitMix(seed: seed)
    let names = ["a", "b", "c", "d"]
    let weights = names.map { _ in Int(rng.next() % 90) + 1 }
    var caps: [String: Int] = [:]
    for n in names where rng.next() % 2 == 0 { caps[n] = Int(rng.next() % 400_000) + 1 }
    if caps.count == 4 { caps["d"] = nil }
    let steps =
      "  split \(names.map { "\($0)" }.joined(separator: ", ")) by stake\n"
      + caps.sorted { $0.key < $1.key }.map { "  cap \($0.key) \($0.value) CNY per period\n" }
      .joined()
    let parties = zip(names, weights).map { "party \($0) \"\($0)\" operator capital \($1) CNY" }
      .joined(separator: "\n")
    let s = try AllocationTests.settle(
      AllocationTests.contract(parties, steps), amount: "1000000.01")
    for (party, cap) in caps {
      #expect(try #require(s.net(party)) <= Exact(cap), "seed \(seed): \(party) over \(cap)")
    }
    #expect(try s.statements.map(\.net).sum() == x("1000000.01"), "seed \(seed)")
  }
}
