import Foundation
import Testing

@testable import ParkShare

/// `cap each` over a registry: worked by hand on three members, and at the size of a real
/// registry (9,999 tenants), where the caps bind one after another as the cuts raise the
/// others' shares: conserved to the fen and exactly, and no member above its cap.
@Suite struct CapEachRegistryTests {
  static func settle(
    op: Int, members: [(String, Int)], cap: String, amount: String
  ) throws -> Settlement {
    let t = try TestBundle(
      contract: AllocationTests.contract(
        """
        party op "op" operator capital \(op) CNY
        parties tenants from "tenants.csv" enterprise
        """,
        """
          split op, tenants by stake
          cap each tenants \(cap) CNY per period
        """),
      files: [
        "tenants.csv": "id,name,capital\n" + members.map { "\($0.0),\($0.0),\($0.1)\n" }.joined()
      ])
    defer { t.remove() }
    let (s, messages) = t.settle(try t.facts("2026Q1", [("amount", amount)]), period: "2026Q1")
    return try #require(s, "\(messages)")
  }

  /// Stakes 1 : 2 : 3 and the operator 4 of a pool of 1,000: 100, 200, 300 and op 400. Capped at
  /// 150 each, t3 binds (300), its 150 goes to t1, t2 and op by 1 : 2 : 4, which lifts t2 to
  /// 200 + 300/7 = 242.86: t2 binds too. t3's and t2's cuts, 150 + 50 = 200, go to t1 and op by
  /// 1 : 4: t1 140, below the cap, and op 400 + 160 = 560. Lines: each cut is shared on its own,
  /// t3's 150 as 30 and 120, t2's 50 as 10 and 40.
  @Test func threeMembersByHand() throws {
    let s = try Self.settle(
      op: 4, members: [("t1", 1), ("t2", 2), ("t3", 3)], cap: "150", amount: "1000")
    #expect(["t1", "t2", "t3", "op"].map { s.net($0) } == ["140", "150", "150", "560"].map(x))
    let pool = try #require(s.pools.first)
    #expect(
      pool.lines.filter { $0.kind == .cap }.map { "\($0.recipient.recorded) \($0.amount)" }
        == ["t2 -50.00", "t3 -150.00"])
    #expect(
      pool.lines.filter { $0.kind == .capShare }.map { "\($0.recipient.recorded) \($0.amount)" }
        == ["op 40.00", "t1 10.00", "op 120.00", "t1 30.00"])
  }

  /// The same members alone (the operator has no stake) sharing 600: 100, 200, 300. t3 and t2
  /// bind at 150; their cuts, 150 + 50, all go to t1, which then has 300 and binds too. No one
  /// is left free: the 150 cut from t1 is unallocated, with a note.
  @Test func threeMembersAloneAllBind() throws {
    let s = try Self.settle(
      op: 0, members: [("t1", 1), ("t2", 2), ("t3", 3)], cap: "150", amount: "600")
    #expect(["t1", "t2", "t3"].map { s.net($0) } == ["150", "150", "150"].map(x))
    let pool = try #require(s.pools.first)
    #expect(pool.unallocated == x("150"))
    #expect(pool.notes.contains { $0.description.contains("no free party left to take it") })
  }

  /// 9,999 tenants with stakes 100 to 999 (and one with a stake of 1, which no cap reaches)
  /// share 10,000,000.01 CNY with an operator of stake 100: 10,000 parties, the most a contract
  /// may have. Capped at 1,000 CNY each: 5,007 tenants start above the cap and the other 4,991
  /// bind one after another as the cuts come in (the rounds took one round each), all but the
  /// one; the operator and that one take the cuts. Each cut is shared on its own lines, one per
  /// free party (docs/statement.md), so lines grow with capped x free parties: this case keeps
  /// the free parties few.
  @Test func tenThousandTenantsCappedEach() throws {
    var members: [(String, Int)] = []
    for i in 1...9_999 {
      members.append(
        ("T\(String(format: "%05d", i))", i == 5_000 ? 1 : 100 + (i * 7_919) % 900))
    }
    let s = try Self.settle(op: 100, members: members, cap: "1000", amount: "10000000.01")
    let pool = try #require(s.pools.first)
    // Conserved exactly (the lines and what is unallocated sum to the pool's exact total) and
    // to the fen.
    let exact = try (pool.lines.map(\.exact) + [pool.unallocatedExact]).sum()
    #expect(exact == Fraction(x("10000000.01")))
    #expect(try pool.lines.map(\.amount).sum() + pool.unallocated == x("10000000.01"))
    #expect(try s.statements.map(\.net).sum() == x("10000000.01"))
    let nets = Dictionary(uniqueKeysWithValues: s.statements.map { ($0.party, $0.net) })
    #expect(members.allSatisfy { nets[$0.0]! <= x("1000") })
    let capped = members.filter { nets[$0.0]! == x("1000") }.count
    #expect(capped == 9_998)
    #expect(nets["T05000"]! < x("1000"))
    #expect(pool.lines.count == 9_999 + 1 + 9_998 * 3)
  }
}
