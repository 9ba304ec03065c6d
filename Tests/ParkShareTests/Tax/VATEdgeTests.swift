import Foundation
import Testing

@testable import ParkShare

/// VAT where a review broke it: a pool whose lines sum to zero, a deficit recovered from a pool
/// shared gross, one rate written two ways, an amendment that moves VAT between classes only.
@Suite struct VATEdgeTests {
  static let header = """
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2026Q4
    party op "op" operator
    party esco "esco" energy-service
    input a CNY
    input b CNY
    revenue power = a
    revenue ops = b

    """

  /// power 1,130.00 including 13% (VAT 130.00) and a penalty of -1,000.00, exempt: shared net
  /// the steps work on 0.00 (op's 500 and the split's -250 / -250 sum to nothing), so no line
  /// carries VAT and the pool's 130.00 stays with its holder, left unallocated.
  @Test func linesSummingToZeroLeaveTheVATWithTheHolder() throws {
    let t = try TestBundle(
      contract: "contract zt \"zero\"\n" + Self.header + """
        vat 13% included on power
        vat exempt on ops
        pool p = power + ops shared net
          pay op 500 CNY
          split op 50%, esco 50%
          loss split op 50%, esco 50%
        """)
    defer { t.remove() }
    let (s, messages) = t.settle(
      try t.facts("q", [("a", "1130"), ("b", "-1000")]), period: "2026Q1")
    let settlement = try #require(s, "\(messages)")
    let pool = try #require(settlement.pools.first)
    #expect(pool.unallocated == Exact("130.00"))
    #expect(pool.total == Exact("130.00"))
    #expect(pool.lines.allSatisfy { $0.vat?.tax.isZero == true })
    let r = try #require(settlement.reconciliation.vat)
    #expect(
      [r.output, r.onParties, r.retained] == [Exact("130.00"), Exact("0.00"), Exact("130.00")])
    #expect(settlement.reconciliation.residual.isZero)
  }

  /// Q1: -11,300.00 including 13% (-10,000.00 + VAT -1,300.00) and 1,000.00 exempt: a gross
  /// pool of -10,300.00 carried to the fund, which keeps -9,000.00 (the VAT comes back to the
  /// holder). Q2: 22,600.00 including 13% (excluding 20,000.00): the deficit is recovered
  /// grossed up, 9,000 x 22,600 / 20,000 = 10,170.00, whose VAT share is 2,600 x 10,170 / 22,600
  /// = 1,170.00: the fund gets 9,000.00 and is whole.
  @Test func aDeficitIsRecoveredWholeFromAGrossPool() throws {
    let t = try TestBundle(
      contract: "contract lc \"loss carried\"\n" + Self.header + """
        vat 13% included on power
        vat exempt on ops
        pool p = power + ops shared gross
          split op 50%, esco 50%
          loss carried to deficit
        """)
    defer { t.remove() }
    let (q1, m1) = t.settle(try t.facts("q1", [("a", "-11300"), ("b", "1000")]), period: "2026Q1")
    let first = try #require(q1, "\(m1)")
    #expect(first.closing.funds["deficit"] == Exact("-9000.00"))
    let (q2, m2) = t.settle(
      try t.facts("q2", [("a", "22600"), ("b", "0")]), period: "2026Q2", opening: first.closing)
    let second = try #require(q2, "\(m2)")
    let recovery = try #require(second.pools.first?.lines.first { $0.kind == .recovery })
    #expect(recovery.amount == Exact("10170.00"))
    #expect(recovery.vat?.tax == Exact("1170.00"))
    #expect(second.closing.funds["deficit"]?.isZero == true)
  }

  /// `13%` and `13.0%` are one tax class, written 13%.
  @Test func oneRateWrittenTwoWaysIsOneClass() throws {
    let t = try TestBundle(
      contract: "contract r \"rates\"\n" + Self.header + """
        vat 13% included on power
        vat 13.0% excluded on ops
        pool p = power + ops shared gross
          split op 50%, esco 50%
        """)
    defer { t.remove() }
    let (s, messages) = t.settle(
      try t.facts("q", [("a", "1130"), ("b", "1000")]), period: "2026Q1")
    let settlement = try #require(s, "\(messages)")
    #expect(Set(settlement.pools[0].lines.flatMap { $0.vat!.parts.map(\.rate) }) == ["13%"])
  }

  /// Amended from power 11,300 + ops 1,000 to power 5,650 + ops 6,650: each party's amount is
  /// unchanged (the pool is 12,300.00 either way) but its invoices move from 13% to exempt, so
  /// each gets a difference statement of 0.00 with its corrections by rate.
  @Test func anAmendmentThatOnlyMovesVATBetweenClassesIsStillACorrection() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-vat-class-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let contract = folder.appendingPathComponent("c.contract").path
    try
      ("contract cc \"class change\"\n" + Self.header + """
        vat 13% included on power
        vat exempt on ops
        pool p = power + ops shared gross
          split op 40%, esco 60%

        """).write(toFile: contract, atomically: true, encoding: .utf8)
    for (name, a, b) in [("q", "11300", "1000"), ("fixed", "5650", "6650")] {
      let dir = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      try "fact,value\na,\(a)\nb,\(b)\n".write(
        to: dir.appendingPathComponent("facts.csv"), atomically: true, encoding: .utf8)
    }
    let ledger = folder.appendingPathComponent("L").path
    let first = try runParkshare([
      "settle", contract, "--data", folder.appendingPathComponent("q").path, "--period",
      "2026Q1", "--ledger", ledger, "--issued", "2026-04-03",
    ])
    try #require(first.status == 0, "\(first.err)")
    let amend = try runParkshare([
      "settle", contract, "--data", folder.appendingPathComponent("fixed").path, "--period",
      "2026Q1", "--ledger", ledger, "--amend", "--reason", "reclassified", "--issued",
      "2026-05-10",
    ])
    try #require(amend.status == 0, "\(amend.err)")
    let l = try Ledger.open(ledger)
    let d = try #require(try l.settlement(of: l.records[1]).issue?.differences)
    #expect(d.map(\.party) == ["esco", "op"])
    #expect(d.allSatisfy { $0.difference.isZero && $0.lines.isEmpty })
    // esco takes 60% of 12,300.00 = 7,380.00. Before: exempt 1,000 x 0.6 = 600.00, 13% the rest
    // 6,780.00 (its VAT 1,300 x 6,780 / 11,300 = 780.00, excluding 6,000.00). Now the exempt
    // class is the larger: 13% is 5,650 x 0.6 = 3,390.00 (VAT 650 x 0.6 = 390.00, excluding
    // 3,000.00), exempt 3,990.00. The correction: 13% -3,000.00 and VAT -390.00 (a red-letter
    // invoice), exempt +3,390.00.
    let esco = try #require(d.first?.vat)
    #expect(
      esco.map { "\($0.rate) \($0.excluded) \($0.tax)" } == [
        "13% -3000.00 -390.00", "exempt 3390.00 0.00",
      ])
  }
}
