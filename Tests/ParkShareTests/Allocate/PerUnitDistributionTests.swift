import Foundation
import Testing

@testable import ParkShare

/// A REIT's distribution per unit (issue 17, item 8): the rate per 10 units cut down to 4
/// decimals, each holder paid its units x the rate cut down to the fen, what that leaves carried
/// to the next distribution. 中航首钢 (Nov 2024): 7,786,082.26 distributable, 0.7786 CNY per 10
/// units on 100,000,000 units, 7,786,000.00 paid, 82.26 left.
@Suite struct PerUnitDistributionTests {
  static let split =
    "  split unitholders by units truncated to 4 decimals per 10 units, rest carried to undistributed"

  static func contract(_ split: String = Self.split) -> String {
    RegistryColumnSplitTests.contract(split)
  }

  /// Units sum to 10,000,000 (1,000,000 per 10 units). 1,234,567.89 CNY: the rate per 10 units
  /// is 12,345,678.9 / 10,000,000 = 1.23456789, cut to 1.2345. H1 100,000 x 1.2345 =
  /// 123,450.00; H2 250,000 x = 308,625.00; H3 33,333.3 x = 41,149.95885 -> 41,149.95; H4
  /// 16,666.7 x = 20,575.04115 -> 20,575.04; H5 600,000 x = 740,700.00; paid 1,234,499.99, 67.90
  /// carried. Next quarter 1,000,032.10 + 67.90 brought forward = 1,000,100.00: rate 1.0001,
  /// H1 100,010.00, H2 250,025.00, H3 33,336.63333 -> 33,336.63, H4 16,668.36667 -> 16,668.36,
  /// H5 600,060.00; paid 1,000,099.99, 0.01 carried.
  @Test func theRestOfATruncatedRateIsCarriedToTheNextDistribution() throws {
    let t = try TestBundle(
      contract: Self.contract(), files: ["holders.csv": RegistryColumnSplitTests.holders])
    defer { t.remove() }
    let (s1, m1) = t.settle(try t.facts("q1", [("amount", "1234567.89")]), period: "2026Q1")
    let q1 = try #require(s1, "\(m1)")
    let net1 = Dictionary(uniqueKeysWithValues: q1.statements.map { ($0.party, $0.net) })
    #expect(net1["H1"] == Exact("123450.00"))
    #expect(net1["H2"] == Exact("308625.00"))
    #expect(net1["H3"] == Exact("41149.95"))
    #expect(net1["H4"] == Exact("20575.04"))
    #expect(net1["H5"] == Exact("740700.00"))
    #expect(q1.closing.funds["undistributed"] == Exact("67.90"))
    let pool1 = try #require(q1.pools.first)
    #expect(try pool1.lines.map(\.amount).sum() == Exact("1234567.89"))
    #expect(pool1.unallocated.isZero)
    let text = StatementText.render(q1)
    #expect(
      text.contains(
        "1,234,567.89 CNY by units: 333,333 of 10,000,000 at 1.2345 CNY per 10 (truncated to 4 decimals) = 41,149.95885, truncated"
      ), "\(text)")

    let (s2, m2) = t.settle(
      try t.facts("q2", [("amount", "1000032.10")]), period: "2026Q2", opening: q1.closing)
    let q2 = try #require(s2, "\(m2)")
    let net2 = Dictionary(uniqueKeysWithValues: q2.statements.map { ($0.party, $0.net) })
    #expect(net2["H1"] == Exact("100010.00"))
    #expect(net2["H2"] == Exact("250025.00"))
    #expect(net2["H3"] == Exact("33336.63"))
    #expect(net2["H4"] == Exact("16668.36"))
    #expect(net2["H5"] == Exact("600060.00"))
    #expect(q2.closing.funds["undistributed"] == Exact("0.01"))
    let pool2 = try #require(q2.pools.first)
    let back = try #require(pool2.lines.first { $0.kind == .broughtForward })
    #expect(back.amount == Exact("-67.90"))
    #expect(back.recipient == .fund("undistributed"))
    #expect(try pool2.lines.map(\.amount).sum() == Exact("1000032.10"))
  }

  /// Without `rest carried to`, what the cut leaves stays in the pool for the steps after:
  /// here the manager's. Per 1 unit to 2 decimals: 100 CNY over 3 holders of 1 unit is 33.33
  /// each, 0.01 to the manager.
  @Test func withoutACarryTheRestGoesToTheNextStep() throws {
    let holders = "id,name,units\nA,a,1\nB,b,1\nC,c,1\n"
    let t = try TestBundle(
      contract: AllocationTests.contract(
        "parties unitholders from \"holders.csv\" finance\nparty mgr \"manager\" operator",
        "  split unitholders by units truncated to 2 decimals\n  split mgr 100%"),
      files: ["holders.csv": holders])
    defer { t.remove() }
    let (s, m) = t.settle(try t.facts("q1", [("amount", "100")]), period: "2026Q1")
    let q1 = try #require(s, "\(m)")
    let net = Dictionary(uniqueKeysWithValues: q1.statements.map { ($0.party, $0.net) })
    #expect(
      net == ["A": Exact("33.33"), "B": Exact("33.33"), "C": Exact("33.33"), "mgr": Exact("0.01")])
  }

  /// Checked at the place: more than 8 decimals, a rate per 0 units, a carry fund reserved to
  /// elsewhere, per-unit on fixed shares, a loss truncated.
  @Test func badPerUnitTermsAreRefusedAtTheirPlace() throws {
    func rendered(_ pool: String) -> String {
      let text = AllocationTests.contract(
        "parties unitholders from \"holders.csv\" finance\nparty mgr \"manager\" operator", pool)
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "parkshare-perunit-\(UUID().uuidString)")
      try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: folder) }
      try? RegistryColumnSplitTests.holders.write(
        to: folder.appendingPathComponent("holders.csv"), atomically: true, encoding: .utf8)
      return checkContract(text, name: "c.contract", folder: folder).rendered
    }
    #expect(
      rendered("  split unitholders by units truncated to 9 decimals").contains(
        "the rate per unit is cut to 0 to 8 decimals, not 9"))
    #expect(
      rendered("  split unitholders by units truncated to 2 decimals per 0 units").contains(
        "the rate is per a whole number of units from 1 to 1,000,000,000, not 0"))
    let reserved = rendered(
      "  reserve 1% to undistributed\n  split unitholders by units truncated to 2 decimals, rest carried to undistributed"
    )
    #expect(reserved.contains("'undistributed' is already defined as a fund"), "\(reserved)")
    #expect(
      rendered("  split mgr 100% truncated to 2 decimals").contains("error[syntax]"))
    #expect(
      rendered("  loss split unitholders by units truncated to 2 decimals\n  split mgr 100%")
        .contains("a loss is shared in full: it is not truncated per unit"))
  }

  /// What was carried is the holders' money: it comes back into the per-unit base only, so a
  /// fee on the remainder before the split does not take a share of it. Q1: 1,000 CNY, the
  /// manager 10% of the remainder (100); 900 over 7,000 units is 128.57 per 1,000 units, cut
  /// to 128: A's 3,000 are paid 384, B's 4,000 512, 4 carried. Q2: 1,000 again: the manager
  /// 100 (not 100.40), 900 + 4 = 904 is 129.14 per 1,000 units, cut to 129: 387 and 516, 1
  /// carried. Q3, the holders holding nothing: the whole base, 900 + 1, is carried on.
  @Test func theCarriedRestJoinsTheHoldersBaseOnly() throws {
    let t = try TestBundle(
      contract: AllocationTests.contract(
        "parties unitholders from \"holders.csv\" finance\nparty mgr \"manager\" operator",
        "  pay mgr 10% of remainder\n  split unitholders by held truncated to 0 decimals per 1,000 units, rest carried to und",
        inputs: "input amount CNY\ninput held per unitholders"),
      files: ["holders.csv": "id,name\nA,a\nB,b\n"])
    defer { t.remove() }
    func facts(_ a: String, _ b: String) -> String {
      "fact,value,member\namount,1000,\nheld,\(a),A\nheld,\(b),B\n"
    }
    let (s1, m1) = t.settle(
      try t.bundle("q1", ["facts.csv": facts("3000", "4000")]), period: "2026Q1")
    let q1 = try #require(s1, "\(m1)")
    let n1 = Dictionary(uniqueKeysWithValues: q1.statements.map { ($0.party, $0.net) })
    #expect(n1 == ["mgr": Exact("100.00"), "A": Exact("384.00"), "B": Exact("512.00")])
    #expect(q1.closing.funds["und"] == Exact("4.00"))
    #expect(
      StatementText.render(q1).contains(
        "900 CNY by held: 3,000 of 7,000 at 128 CNY per 1,000 (truncated to 0 decimals) = 384, truncated"
      ))
    let (s2, m2) = t.settle(
      try t.bundle("q2", ["facts.csv": facts("3000", "4000")]), period: "2026Q2",
      opening: q1.closing)
    let q2 = try #require(s2, "\(m2)")
    let n2 = Dictionary(uniqueKeysWithValues: q2.statements.map { ($0.party, $0.net) })
    #expect(n2 == ["mgr": Exact("100.00"), "A": Exact("387.00"), "B": Exact("516.00")])
    #expect(q2.closing.funds["und"] == Exact("1.00"))
    let (s3, m3) = t.settle(
      try t.bundle("q3", ["facts.csv": facts("0", "0")]), period: "2026Q3", opening: q2.closing)
    let q3 = try #require(s3, "\(m3)")
    #expect(q3.closing.funds["und"] == Exact("901.00"))
    #expect(q3.pools[0].unallocated.isZero)
  }

  /// A notice prints the rate with its decimals (1.0000, not 1); a pool shared gross under
  /// VAT cannot carry a rest (the fund keeps amounts without VAT).
  @Test func theRateKeepsItsDecimalsAndGrossVATCannotCarry() throws {
    let t = try TestBundle(
      contract: Self.contract(), files: ["holders.csv": RegistryColumnSplitTests.holders])
    defer { t.remove() }
    let (s, m) = t.settle(try t.facts("q1", [("amount", "1000000")]), period: "2026Q1")
    let text = StatementText.render(try #require(s, "\(m)"))
    #expect(text.contains("at 1.0000 CNY per 10 (truncated to 4 decimals)"), "\(text)")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-perunit-vat-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try RegistryColumnSplitTests.holders.write(
      to: folder.appendingPathComponent("holders.csv"), atomically: true, encoding: .utf8)
    let gross = Self.contract().replacingOccurrences(
      of: "pool p = income", with: "vat 6% included on income\npool p = income shared gross")
    let (result, rendered) = checkContract(gross, name: "c.contract", folder: folder)
    #expect(result.contract == nil)
    #expect(
      rendered.contains(
        "error[bad-vat]: pool 'p' is shared gross: a distribution per unit cannot carry its rest in 'undistributed'"
      ), "\(rendered)")
  }
}
