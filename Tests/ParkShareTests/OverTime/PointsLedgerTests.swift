import Foundation
import Testing

@testable import ParkShare

/// Points over time through the command line: a ledger carries the balances from quarter to
/// quarter, verifies, and `explain` reads the movement from the state file it wrote; the
/// checker refuses what cannot carry or expire.
@Suite struct PointsLedgerTests {
  @Test func aLedgerCarriesTheBalancesAndVerifies() throws {
    let text = PointsOverTimeTests.contract(
      points: "  carry over, expire after 2 quarters",
      steps:
        "  redeem gp at 2 CNY per point to tenants cap 300 CNY each, 500 CNY in all from 2026Q3")
    let t = try TestBundle(contract: text, files: ["tenants.csv": "id,name\nA,甲\nB,乙\n"])
    defer { t.remove() }
    let ledger = t.folder.appendingPathComponent("ledger").path
    let contract = t.folder.appendingPathComponent("test.contract").path
    var last = ""
    for (i, q) in PointsOverTimeTests.periods.prefix(4).enumerated() {
      let dir = try t.bundle(
        q,
        [
          "facts.csv":
            "fact,value,member\namount,\(PointsOverTimeTests.amounts[i]),\ncut,\(PointsOverTimeTests.cutsA[i]),A\ncut,\(PointsOverTimeTests.cutsB[i]),B\n"
        ])
      let r = try runParkshare(
        [
          "settle", contract, "--data", dir, "--period", q, "--ledger", ledger, "--format", "json",
          "--issued", issueDate(after: Period(q)!),
        ]
          + (q == "2026Q3" ? ["--closing", t.folder.appendingPathComponent("q3.json").path] : []))
      #expect(r.status == 0, "\(q): \(r.err)")
      last = r.out
    }
    // 2026Q4 as the worked example has it: A 100 - 50 + 200 - 125 = 125.
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
    let statements = try #require(json["statements"] as? [[String: Any]])
    let a = try #require(statements.first { $0["party"] as? String == "A" })
    let moves = try #require(a["points"] as? [[String: String]])
    #expect(
      moves == [
        [
          "scheme": "gp", "opening": "100", "expired": "50", "earned": "200", "redeemed": "125",
          "closing": "125",
        ]
      ])
    let verified = try runParkshare(["ledger", "verify", ledger])
    #expect(verified.status == 0, "\(verified.err)")
    let explain = try runParkshare(
      [
        "explain", contract, "--data", t.folder.appendingPathComponent("2026Q4").path, "--period",
        "2026Q4", "--opening", t.folder.appendingPathComponent("q3.json").path, "--party", "A",
      ])
    #expect(explain.status == 0, "\(explain.err)")
    #expect(
      explain.out.contains(
        "gp: opening 100 - expired 50 + earned 200 - redeemed 125 = closing 125 points"))
  }

  /// What the checker refuses: an expiry that is not a whole number of periods, a redemption to
  /// another group, `balance()` of points that do not carry over.
  @Test(arguments: [
    ("  carry over, expire after 4 months", "", "not a whole number of quarterly periods"),
    (
      "  carry over", "  redeem gp at 2 CNY per point to other",
      "'gp' are earned by 'tenants', not 'other'"
    ),
    ("\nlet b = balance(gp)", "  rebate 10% to tenants by b", "'gp' do not carry over"),
    ("  carry over", "  redeem gp at 2 kWh per point to tenants", "the price of a point must be"),
  ])
  func checkErrors(points: String, steps: String, message: String) throws {
    let text =
      PointsOverTimeTests.contract(points: points, steps: steps)
      .replacingOccurrences(
        of: "parties tenants", with: "parties other from \"other.csv\" enterprise\nparties tenants")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-points-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try TestBundle.write(folder, "test.contract", text)
    try TestBundle.write(folder, "tenants.csv", "id,name\nA,甲\nB,乙\n")
    try TestBundle.write(folder, "other.csv", "id,name\nC,丙\n")
    let (_, checked) = Checker.check(path: folder.appendingPathComponent("test.contract").path)
    #expect(checked.contract == nil)
    #expect(
      checked.diagnostics.contains { $0.message.contains(message) },
      "\(checked.diagnostics.map(\.message))")
  }
}
