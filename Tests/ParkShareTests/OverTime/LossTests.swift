import Foundation
import Testing

@testable import ParkShare

/// Negative pools borne by the declared loss rule, deficits recovered first, and clawbacks.
@Suite struct LossTests {
  static let header = """
    contract losses "losses and clawbacks"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2027Q4
    party gov "government" government
    party esco "ESCO" energy-service capital 1,000,000 CNY
    party op "operator" operator capital 3,000,000 CNY
    input amount CNY
    input accepted
    revenue income = amount
    """

  static func settle(_ pool: String, _ amounts: [String], accepted: [String]? = nil) throws
    -> [Settlement]
  {
    let periods = ["2026Q1", "2026Q2", "2026Q3", "2026Q4"].prefix(amounts.count)
    return try RunningTotalsTests.settleInOrder(
      header + "\npool p = income\n" + pool, Array(periods)
    ) { i in [("amount", amounts[i]), ("accepted", accepted?[i] ?? "1")] }
  }

  /// -1,000 by stake 1:3: esco -250, op -750; the pool reconciles with nothing unallocated.
  @Test func aLossSharedByStake() throws {
    let s = try Self.settle("  split esco 50%, op 50%\n  loss split esco, op by stake\n", ["-1000"])
    #expect(s[0].net("esco") == x("-250") && s[0].net("op") == x("-750"))
    #expect(s[0].reconciliation.residual == .zero && s[0].pools[0].unallocated == .zero)
    #expect(s[0].pools[0].lines.filter { $0.kind == .loss }.count == 2)
  }

  /// -333.33 by fixed shares 1/3, 2/3 rounds to the fen and still sums to the pool.
  @Test func aLossByFixedSharesRoundsToThePool() throws {
    let s = try Self.settle(
      "  split esco 50%, op 50%\n  loss split esco 33.3333%, op 66.6667%\n", ["-333.33"])
    let esco = try #require(s[0].net("esco"))
    let op = try #require(s[0].net("op"))
    #expect(try esco + op == x("-333.33"))
    #expect(esco == x("-111.11"))
  }

  @Test func aLossChargedToOneParty() throws {
    let s = try Self.settle("  split esco 50%, op 50%\n  loss to op\n", ["-120", "200"])
    #expect(s.map { $0.net("op") } == ["-120", "100"].map(x))
    #expect(s.map { $0.net("esco") } == ["0", "100"].map(x))
  }

  /// -100 carried; then +60 all recovers the deficit (40 left); then +100: 40 recovered first,
  /// then gov's 10 a quarter with the 20 of arrears the first two quarters left (30), and the
  /// last 30 split 50/50.
  @Test func aDeficitCarriedIsRecoveredBeforeAnythingElse() throws {
    let s = try Self.settle(
      "  pay gov 10 CNY\n  split esco 50%, op 50%\n  loss carried to deficit\n",
      ["-100", "60", "100"])
    #expect(s.map { $0.closing.funds["deficit"] } == ["-100", "-40", "0"].map(x))
    #expect(s.map { $0.net("esco") } == ["0", "0", "15"].map(x))
    #expect(s.map { $0.net("gov") } == ["0", "0", "30"].map(x))
    let recovery = s[2].pools[0].lines.first { $0.kind == .recovery }
    #expect(recovery?.amount == x("40"))
  }

  /// A 6,000,000 grant paid to the ESCO in Q1 is clawed back in Q2 when acceptance fails, and
  /// paid to the government instead; Q3 finds nothing left to claw back.
  @Test func aClawbackTakesBackWhatWasReceived() throws {
    let s = try Self.settle(
      """
        clawback esco received(esco, p) if accepted < 1
        split esco 100% unless accepted < 1
        split gov 100% if accepted < 1
      """, ["6000000", "0", "0"], accepted: ["1", "0", "0"])
    #expect(s.map { $0.net("esco") } == ["6000000", "-6000000", "0"].map(x))
    #expect(s.map { $0.net("gov") } == ["0", "6000000", "0"].map(x))
  }

  /// Clawing back 7,000,000 of the 6,000,000 received is carried out as written, and noted:
  /// the pool's note names both amounts. Clawing back exactly what was received is not noted.
  @Test func aClawbackBeyondWhatWasReceivedIsNoted() throws {
    let s = try Self.settle(
      """
        clawback esco 7,000,000 CNY if accepted < 1
        split esco 100% unless accepted < 1
        split gov 100% if accepted < 1
      """, ["6000000", "0"], accepted: ["1", "0"])
    #expect(s.map { $0.net("esco") } == ["6000000", "-7000000"].map(x))
    #expect(
      s[1].pools[0].notes.map(\.description) == [
        "clawback of 7,000,000 CNY from 'esco' is more than it has received from the pool so far (6,000,000 CNY)"
      ])
    let exact = try Self.settle(
      """
        clawback esco received(esco, p) if accepted < 1
        split esco 100% unless accepted < 1
        split gov 100% if accepted < 1
      """, ["6000000", "0"], accepted: ["1", "0"])
    #expect(exact[1].pools[0].notes.isEmpty)
  }

  /// Without a loss rule a negative pool stops the period at the pool.
  @Test func aNegativePoolWithoutARuleIsRefused() throws {
    let t = try TestBundle(contract: Self.header + "\npool p = income\n  split esco 50%, op 50%\n")
    defer { t.remove() }
    let (s, messages) = t.settle(
      try t.facts("2026Q1", [("amount", "-5"), ("accepted", "1")]), period: "2026Q1")
    #expect(s == nil)
    #expect(messages.contains("pool 'p' is -5 CNY this period: a loss, and no loss rule bears it"))
  }
}
