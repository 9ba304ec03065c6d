import Foundation
import Testing

@testable import ParkShare

@Suite struct FinanceMathTests {
  @Test func npvIrrAndPaybackOfHandComputedFlows() throws {
    let cash = [x("-100"), x("60"), x("60")]
    // -100 + 60/1.1 + 60/1.21 = 4.132231404958677685950413223...
    let npv = try Finance.npv(cash, rate: x("0.1"))
    #expect(try npv.rounded(scale: 12, .halfEven) == x("4.132231404959"))
    // 60/(1+r) + 60/(1+r)^2 = 100 at r = 13.0662%.
    #expect(Finance.irr(cash) == x("0.130662"))
    #expect(try Finance.payback(cash) == 3)
    #expect(Finance.irr([x("10"), x("10")]) == nil)  // never negative: no rate
  }

  /// A REIT's 80 quarters (272,000,000 paid in, 8,400,000 a quarter back for 79): 11^80 and
  /// 0.01^-80 pass the range of exact numbers, so the bracket narrows until both ends can be
  /// valued; the rate is 2.716620% a quarter (Python's bisection: 0.0271662009...). It was
  /// shown as "-" (no rate).
  @Test func theIrrOfALongTermIsFound() throws {
    let cash = [x("-272000000")] + Array(repeating: x("8400000"), count: 79)
    #expect(Finance.irr(cash) == x("0.027166"))
  }

  /// On random flows (an investment, then ten years of mixed returns) the IRR found is within
  /// a millionth of the root: the NPV changes sign across irr - 0.000001 ... irr + 0.000001.
  @Test func theIrrBracketsTheRootOfRandomFlows() throws {
    var rng = SplitMix(seed: 11)
    var found = 0
    for i in 0..<300 {
      var cash = [Exact(-Int(rng.next() % 10_000_000 + 1))]
      for _ in 0..<10 { cash.append(Exact(Int(rng.next() % 3_000_000) - 500_000)) }
      guard let irr = Finance.irr(cash) else { continue }
      found += 1
      let step = Exact(unchecked: 1, scale: 6)
      let below = try Finance.npv(cash, rate: irr - step)
      let above = try Finance.npv(cash, rate: irr + step)
      #expect(
        below.isNegative != above.isNegative || below.isZero || above.isZero,
        "\(i): \(cash) irr \(irr)")
    }
    #expect(found > 200)
  }
}

/// `parkshare simulate`: a projection is the same engine as `settle`, period by period.
@Suite struct SimulateTests {
  @Test func aFlatScenarioReproducesWhatSettleGives() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    // Q1 and Q2 settled from their own bundles...
    let q1 = try LedgerTests.json(try f.settle("2026Q1").out)
    let q2 = try LedgerTests.json(try f.settle("2026Q2").out)
    // ...and projected from Q1's bundle with nothing changing (every month has the same data).
    let scenario = f.t.folder.appendingPathComponent("flat.json")
    try """
    { "data": "2026Q1", "period": "2026Q1", "discountRate": "0.05" }
    """.write(to: scenario, atomically: true, encoding: .utf8)
    let r = try runParkshare([
      "simulate", f.t.folder.appendingPathComponent("test.contract").path, "--scenario",
      scenario.path, "--format", "json",
    ])
    #expect(r.status == 0, "\(r.err)")
    let json = try LedgerTests.json(r.out)
    let projection = try #require(json["projection"] as? [String: Any])
    let parties = try #require(projection["parties"] as? [[String: Any]])
    for (i, settled) in [q1, q2].enumerated() {
      for st in try #require(settled["statements"] as? [[String: Any]]) {
        let party = try #require(st["party"] as? String)
        let row = try #require(parties.first { $0["party"] as? String == party })
        let received = try #require(row["received"] as? [String])
        #expect(x(received[i]) == x(try #require(st["net"] as? String)), "\(party) period \(i + 1)")
      }
    }
  }

  /// Starting from a ledger's settled period: its bundle and its opening state, so the first
  /// projected period is the settled one. Without Q1's carried 501.5 kWh, Q2 would issue 4
  /// certificates instead of 5 (4,000 CNY to the bank, not 5,000).
  @Test func aScenarioStartsFromALedgersSettledPeriod() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    let q2 = try LedgerTests.json(try f.settle("2026Q2").out)
    let scenario = f.t.folder.appendingPathComponent("from-ledger.json")
    try """
    { "ledger": "ledger", "period": "2026Q2", "discountRate": "0.05" }
    """.write(to: scenario, atomically: true, encoding: .utf8)
    let contract = f.t.folder.appendingPathComponent("test.contract").path
    let r = try runParkshare([
      "simulate", contract, "--scenario", scenario.path, "--format", "json",
    ])
    #expect(r.status == 0, "\(r.err)")
    let projection = try #require(try LedgerTests.json(r.out)["projection"] as? [String: Any])
    let parties = try #require(projection["parties"] as? [[String: Any]])
    for st in try #require(q2["statements"] as? [[String: Any]]) {
      let party = try #require(st["party"] as? String)
      let row = try #require(parties.first { $0["party"] as? String == party })
      let received = try #require(row["received"] as? [String])
      #expect(x(received[0]) == x(try #require(st["net"] as? String)), "\(party)")
    }
    let bank = try #require(parties.first { $0["party"] as? String == "bank" })
    #expect((bank["received"] as? [String])?.first == "5000.00")
    // A period the ledger does not hold is refused.
    try """
    { "ledger": "ledger", "period": "2026Q3", "discountRate": "0.05" }
    """.write(to: scenario, atomically: true, encoding: .utf8)
    let missing = try runParkshare(["simulate", contract, "--scenario", scenario.path])
    #expect(missing.status == 1)
    #expect(missing.err.contains("the ledger holds no settlement of 2026Q3"), "\(missing.err)")
  }

  static let args = [
    "simulate", "contracts/suyin-microgrid.contract", "--scenario",
    "contracts/scenarios/suyin-base.json", "--format", "json",
  ]

  @Test func theSameSeedGivesTheSameOutput() throws {
    let a = try runParkshare(Self.args + ["--runs", "6", "--seed", "7"])
    #expect(a.status == 0, "\(a.err)")
    let b = try runParkshare(Self.args + ["--runs", "6", "--seed", "7", "--threads", "1"])
    #expect(a.out == b.out)
    let c = try runParkshare(Self.args + ["--runs", "6", "--seed", "8"])
    #expect(c.out != a.out)
    let json = try LedgerTests.json(a.out)
    let mc = try #require(json["monteCarlo"] as? [String: Any])
    let esco = try #require(
      (mc["parties"] as? [[String: Any]])?.first { $0["party"] as? String == "esco" })
    let npv = try #require(esco["npv"] as? [String: String])
    #expect(x(npv["p10"]!) <= x(npv["p50"]!))
    #expect(x(npv["p50"]!) <= x(npv["p90"]!))
  }
}
