import Foundation
import Testing

@testable import ParkShare

/// `split GROUP by COLUMN`: a group read from a registry split pro rata by a numeric column of
/// that registry (a REIT's unitholders by their units), exactly as `by stake` splits by capital.
@Suite struct RegistryColumnSplitTests {
  /// Five unitholders; `address` is text, `units` the weights, `capital` left empty.
  static let holders = """
    id,name,address,units,capital
    H1,一号持有人,"北京市, 朝阳区",1000000,
    H2,二号持有人,上海市,2500000,
    H3,三号持有人,深圳市,333333,
    H4,四号持有人,广州市,166667,
    H5,五号持有人,宁夏银川,6000000,
    """

  static func contract(_ split: String, inputs: String = "input amount CNY") -> String {
    AllocationTests.contract(
      "parties unitholders from \"holders.csv\" finance", split, inputs: inputs)
  }

  /// Units sum to 10,000,000. Pool 1,234,567.89 CNY; each holder's exact part is
  /// 1,234,567.89 x units / 10,000,000:
  ///   H1 0.1       -> 123,456.789           floor 123,456.78 (remainder 0.9 fen)
  ///   H2 0.25      -> 308,641.9725          floor 308,641.97 (0.25)
  ///   H3 0.0333333 -> 41,152.221847737      floor  41,152.22 (0.1847737)
  ///   H4 0.0166667 -> 20,576.172652263      floor  20,576.17 (0.2652263)
  ///   H5 0.6       -> 740,740.734           floor 740,740.73 (0.4)
  /// The floors sum to 1,234,567.87: the 2 fen missing go to the largest remainders, H1 (0.9)
  /// and H5 (0.4). Paid: 123,456.79 + 308,641.97 + 41,152.22 + 20,576.17 + 740,740.74
  /// = 1,234,567.89, the pool to the fen.
  @Test func unitholdersAreSplitByTheirUnitsToTheFen() throws {
    let t = try TestBundle(
      contract: Self.contract("  split unitholders by units"), files: ["holders.csv": Self.holders])
    defer { t.remove() }
    // The checked contract carries the units: allocation reads no registry file.
    try FileManager.default.removeItem(at: t.folder.appendingPathComponent("holders.csv"))
    let (s, messages) = t.settle(try t.facts("q1", [("amount", "1234567.89")]), period: "2026Q1")
    let settlement = try #require(s, "\(messages)")
    let net = Dictionary(uniqueKeysWithValues: settlement.statements.map { ($0.party, $0.net) })
    #expect(net["H1"] == Exact("123456.79"))
    #expect(net["H2"] == Exact("308641.97"))
    #expect(net["H3"] == Exact("41152.22"))
    #expect(net["H4"] == Exact("20576.17"))
    #expect(net["H5"] == Exact("740740.74"))
    let pool = try #require(settlement.pools.first)
    #expect(pool.unallocated.isZero)
    #expect(try pool.lines.map(\.amount).sum() == Exact("1234567.89"))
    #expect(settlement.reconciliation.unallocated.isZero)
    let line = try #require(pool.lines.first { $0.recipient == .party("H3") })
    guard case .metric(let m) = line.basis else {
      Issue.record("H3's line is not by a metric: \(line.basis)")
      return
    }
    #expect(m.metric == .column("units"))
    #expect(m.value == Exact("333333"))
    #expect(m.total == Exact("10000000"))
    #expect(
      StatementText.render(settlement).contains("1,234,567.89 CNY by units: 333,333 of 10,000,000")
    )
  }

  @Test func theCheckedContractCarriesTheColumnPerMember() throws {
    let t = try TestBundle(
      contract: Self.contract("  split unitholders by units"), files: ["holders.csv": Self.holders])
    defer { t.remove() }
    let h4 = try #require(t.contract.parties.first { $0.id == "H4" })
    #expect(h4.columns?["units"] == Exact("166667"))
    #expect(h4.columns?.count == 1)
    // A registry column no split reads is not carried: the contract's JSON is as before.
    let plain = try TestBundle(
      contract: AllocationTests.contract(
        "parties unitholders from \"holders.csv\" finance\nparty op \"op\" operator",
        "  split op 100%"),
      files: ["holders.csv": Self.holders])
    defer { plain.remove() }
    #expect(plain.contract.parties.allSatisfy { $0.columns == nil })
    #expect(!(try JSONOutput.text(plain.contract)).contains("columns"))
  }

  /// A contract name spelled like a column wins; `by column units` picks the column.
  /// Input units per member: H1..H4 1 each, H5 0: by the input H1..H4 take 25% each of 100.
  @Test func aContractNameWinsOverAColumnAndByColumnPicksTheColumn() throws {
    let inputs = "input amount CNY\ninput units per unitholders"
    let facts =
      "fact,value,member\namount,100,\nunits,1,H1\nunits,1,H2\nunits,1,H3\nunits,1,H4\nunits,0,H5\n"
    for (split, h5) in [
      ("  split unitholders by units", "0.00"), ("  split unitholders by column units", "60.00"),
    ] {
      let t = try TestBundle(
        contract: Self.contract(split, inputs: inputs), files: ["holders.csv": Self.holders])
      defer { t.remove() }
      let (s, messages) = t.settle(try t.bundle("q1", ["facts.csv": facts]), period: "2026Q1")
      let settlement = try #require(s, "\(messages)")
      #expect(settlement.statements.first { $0.party == "H5" }?.net == Exact(h5), "\(split)")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-columns-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.holders.write(
      to: folder.appendingPathComponent("holders.csv"), atomically: true, encoding: .utf8)
    let (bare, _) = checkContract(
      Self.contract("  split unitholders by units", inputs: inputs), name: "c.contract",
      folder: folder)
    let warning = try #require(bare.diagnostics.first { $0.id == .ambiguousColumn })
    #expect(warning.severity == .warning)
    let (explicit, _) = checkContract(
      Self.contract("  split unitholders by column units", inputs: inputs), name: "c.contract",
      folder: folder)
    #expect(!explicit.diagnostics.contains { $0.id == .ambiguousColumn })
  }

  /// Two registries with the same column split together, and a member named alone.
  /// Fund A: A1 3 units, A2 1; fund B: B1 4. Split 800: A1 300, A2 100, B1 400.
  @Test func registriesAndTheirMembersMixInOneSplitByAColumn() throws {
    let t = try TestBundle(
      contract: AllocationTests.contract(
        """
        parties fund_a from "a.csv" finance
        parties fund_b from "b.csv" finance
        """, "  split fund_a, B1 by units"),
      files: ["a.csv": "id,name,units\nA1,a1,3\nA2,a2,1\n", "b.csv": "id,units,name\nB1,4,b1\n"])
    defer { t.remove() }
    let (s, messages) = t.settle(try t.facts("q1", [("amount", "800")]), period: "2026Q1")
    let net = try #require(s, "\(messages)").statements.map { "\($0.party) \($0.net)" }
    #expect(net == ["A1 300.00", "A2 100.00", "B1 400.00"])
  }
}
