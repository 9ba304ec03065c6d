import Foundation
import Testing

@testable import ParkShare

/// How caps are added to a run of limits (`Allocator.CapHolds`, indexed so that `cap each` over
/// a registry adds a cap per member without searching the others): two caps on the same parties
/// hold at the tighter; caps on overlapping sets are refused, naming the first cap added that
/// holds one of the parties.
@Suite struct CapHoldsTests {
  /// op 600, m1 300, m2 100 of 1,000 by stake, then `caps`; the settlement or the messages.
  static func settle(_ caps: String) throws -> (Settlement?, String) {
    let t = try TestBundle(
      contract: AllocationTests.contract(
        """
        party op "op" operator capital 600 CNY
        parties borrowers from "borrowers.csv" enterprise
        """,
        "  split op, borrowers by stake\n" + caps),
      files: ["borrowers.csv": "id,name,capital\nm1,M1,300\nm2,M2,100\n"])
    defer { t.remove() }
    return t.settle(try t.facts("2026Q1", [("amount", "1000")]), period: "2026Q1")
  }

  /// 150 per period and 80 over the term (nothing received before): each member holds at 80;
  /// op takes the cuts, 220 + 20.
  @Test func twoCapsOnEachMemberHoldAtTheTighter() throws {
    let (s, messages) = try Self.settle(
      "  cap each borrowers 150 CNY per period\n  cap each borrowers 80 CNY over term\n")
    let settled = try #require(s, "\(messages)")
    #expect(["m1", "m2", "op"].map { settled.net($0) } == ["80", "80", "840"].map(x))
  }

  /// The group's cap meets m2's own cap first (m2 is capped before m1): m2 is named, at the line
  /// of its cap.
  @Test func aGroupCapOverAMembersCapIsRefusedNamingTheFirstCap() throws {
    let (s, messages) = try Self.settle(
      "  cap m2 90 CNY per period\n  cap m1 200 CNY per period\n  cap borrowers 250 CNY per period\n"
    )
    #expect(s == nil)
    #expect(messages.contains("'m2' is held by two caps on different parties in pool, here and at"))
    #expect(messages.contains("test.contract:10"), "\(messages)")
  }
}
