import Foundation
import Testing

@testable import ParkShare

/// Demand response (issue 17): members paid for verified reductions only above a threshold of
/// what they declared (`at-least`), under a programme budget that scales every member down pro
/// rata when the claims exceed it (`min` of the claims and the budget, split by the eligible
/// reductions), the aggregator keeping a fee.
@Suite struct DemandResponseTests {
  static let contract = """
    contract dr "demand response"
    currency CNY rounding half-up
    settle quarterly from 2026Q3 to 2027Q2
    party agg "aggregator" operator
    parties members from "members.csv" enterprise
    input declared kWh per members
    input reduction kWh per members
    input rate CNY/kWh
    input budget CNY
    let eligible = at-least(reduction, 50% x declared)
    let claims = sum(eligible) x rate
    revenue dr = min(claims, budget)
    pool p = dr
      pay agg 10% of pool
      split members by eligible
    """

  /// Declared 1,000 / 2,000 / 3,000 / 1,000 kWh, verified 900 / 1,500 / 3,000 / 400: D's 400 is
  /// under half its 1,000, so D is paid nothing. The eligible 5,400 kWh at 4 CNY claim 21,600
  /// CNY, over the 12,000 budget: everyone is scaled to 12,000 / 21,600. The aggregator keeps
  /// 10% (1,200); the members share 10,800 by eligible kWh: A 900 / 5,400 = 1,800, B 3,000, C
  /// 6,000, which is each one's own claim (3,600, 6,000, 12,000) x 0.5.
  @Test func aBudgetScalesThreeMembersAndAThresholdPaysTheFourthNothing() throws {
    let t = try TestBundle(
      contract: Self.contract, files: ["members.csv": "id,name\nA,甲\nB,乙\nC,丙\nD,丁\n"])
    defer { t.remove() }
    let facts = """
      fact,value,unit,member
      declared,1000,,A
      declared,2000,,B
      declared,3000,,C
      declared,1000,,D
      reduction,900,,A
      reduction,1500,,B
      reduction,3000,,C
      reduction,400,,D
      rate,4,,
      budget,12000,,

      """
    let dir = try t.bundle("q", ["facts.csv": facts])
    let (s, messages) = t.settle(dir, period: "2026Q3")
    let settlement = try #require(s, "\(messages)")
    let net = Dictionary(
      uniqueKeysWithValues: settlement.statements.map { ($0.party, "\($0.net)") })
    #expect(
      net == ["agg": "1200.00", "A": "1800.00", "B": "3000.00", "C": "6000.00", "D": "0.00"],
      "\(net)")
    // Under the budget nothing is scaled: a 30,000 budget pays the claims, 21,600.
    try t.write("q/facts.csv", facts.replacingOccurrences(of: "budget,12000", with: "budget,30000"))
    let (full, _) = t.settle(dir, period: "2026Q3")
    let members = try #require(full).statements.filter { $0.party != "agg" }
    #expect(
      members.map { "\($0.party)=\($0.net)" } == ["A=3240.00", "B=5400.00", "C=10800.00", "D=0.00"])
  }

  @Test func aThresholdPerAnotherGroupIsRefused() throws {
    let text = Self.contract.replacingOccurrences(
      of: "parties members from \"members.csv\" enterprise\n",
      with:
        "parties members from \"members.csv\" enterprise\nparties others from \"members.csv\" enterprise\n"
    ).replacingOccurrences(
      of: "input declared kWh per members", with: "input declared kWh per others")
    #expect(text.contains("per others"))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-dr-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "id,name\nA,甲\n".write(
      to: folder.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
    let path = folder.appendingPathComponent("dr.contract").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let (_, checked) = Checker.check(path: path)
    let d = try #require(checked.diagnostics.first { $0.severity == .error })
    #expect(d.id == .perMismatch, "\(checked.diagnostics.map(\.message))")
    #expect(d.range.start.line == 11)
  }
}
