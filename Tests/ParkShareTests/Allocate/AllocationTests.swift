import Foundation
import Testing

@testable import ParkShare

extension Settlement {
  /// What `party` is paid (net), as a decimal string.
  func net(_ party: String) -> Exact? { statements.first { $0.party == party }?.net }
}

/// The waterfall through the whole pipeline: contract text, a data bundle, `Settlement.run`.
@Suite struct AllocationTests {
  static func contract(_ parties: String, _ pool: String, inputs: String = "input amount CNY")
    -> String
  {
    """
    contract alloc "allocation"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2027Q4
    \(parties)
    \(inputs)
    revenue income = amount
    pool p = income
    \(pool)
    """
  }

  static func settle(
    _ contract: String, amount: String, period: String = "2026Q1",
    opening: CarryState? = nil
  ) throws -> Settlement {
    let t = try TestBundle(contract: contract)
    defer { t.remove() }
    let dir = try t.facts(period, [("amount", amount)])
    let (s, messages) = t.settle(dir, period: period, opening: opening)
    return try #require(s, "\(messages)")
  }

  @Test func marginalTiersSplitEachSliceAtItsOwnShares() throws {
    let s = try Self.settle(
      Self.contract(
        """
        party esco "ESCO" energy-service
        party host "host" operator
        """,
        """
          split tiered
            from 0 CNY to 1,000,000 CNY: esco 80%, host 20%
            from 1,000,000 CNY: esco 60%, host 40%
        """), amount: "1500000")
    // 800,000 + 300,000 and 200,000 + 200,000 (DOMAIN.md section 6).
    #expect(s.net("esco") == x("1100000"))
    #expect(s.net("host") == x("400000"))
    #expect(s.reconciliation.residual == x("0"))
  }

  @Test(arguments: [
    ("99.99", "75%", "25%", "74.99", "25.00"),
    ("0.05", "70%", "30%", "0.04", "0.01"),
    ("100.01", "50%", "50%", "50.01", "50.00"),
  ])
  func twoWaySplitsConserveEveryFen(
    amount: String, a: String, b: String, expectA: String, expectB: String
  ) throws {
    let s = try Self.settle(
      Self.contract(
        """
        party a "A" operator
        party b "B" operator
        """, "  split a \(a), b \(b)"), amount: amount)
    #expect(s.net("a") == x(expectA))
    #expect(s.net("b") == x(expectB))
  }

  @Test func eightYuanThreeWaysByEqualStakes() throws {
    let s = try Self.settle(
      Self.contract(
        """
        party a "A" operator capital 1 CNY
        party b "B" operator capital 1 CNY
        party c "C" operator capital 1 CNY
        """, "  split a, b, c by stake"), amount: "8.00")
    // Ties at equal remainders go to the earlier id.
    #expect([s.net("a"), s.net("b"), s.net("c")] == [x("2.67"), x("2.67"), x("2.66")])
  }

  static let arrearsContract = contract(
    """
    party bank "bank" finance
    party op "operator" operator
    party esco "esco" energy-service
    """,
    """
      pay bank 250,000 CNY
      pay esco 10,000 CNY without arrears
      split op 100%
    """)

  @Test func whatThePoolCannotPayIsCarriedAsArrears() throws {
    let q1 = try Self.settle(Self.arrearsContract, amount: "100000")
    #expect(q1.net("bank") == x("100000"))
    #expect(q1.net("esco") == x("0"))
    // esco's is forgone.
    #expect(q1.closing.arrears == [ArrearsKey(pool: "p", step: 1, party: "bank"): x("150000")])
    #expect(q1.reconciliation.arrearsClosing == x("150000"))
    let q2 = try Self.settle(
      Self.arrearsContract, amount: "500000", period: "2026Q2", opening: q1.closing)
    #expect(q2.net("bank") == x("400000"))  // 250,000 due + 150,000 brought forward
    #expect(q2.net("esco") == x("10000"))
    #expect(q2.net("op") == x("90000"))
    #expect(q2.closing.arrears.isEmpty)
  }

  static let capContract = contract(
    """
    party esco "esco" energy-service
    party host "host" operator
    """,
    """
      split esco 80%, host 20%
      cap esco 1,000 CNY over term
    """)

  @Test func aCapOverTheTermHandsTheExcessToTheOthers() throws {
    let q1 = try Self.settle(Self.capContract, amount: "1000")
    #expect(q1.net("esco") == x("800"))
    let q2 = try Self.settle(
      Self.capContract, amount: "1000", period: "2026Q2", opening: q1.closing)
    #expect(q2.net("esco") == x("200"))  // 1,000 over the term, 800 received before
    #expect(q2.net("host") == x("800"))
    #expect(q2.closing.received[PoolParty(pool: "p", party: "esco")] == x("1000"))
    let q3 = try Self.settle(
      Self.capContract, amount: "1000", period: "2026Q3", opening: q2.closing)
    #expect(q3.net("esco") == x("0"))
    #expect(q3.net("host") == x("1000"))
  }

  @Test func aFloorIsPaidByTheLiableParty() throws {
    let c = Self.contract(
      """
      party host "host" operator
      party esco "esco" energy-service
      """,
      """
        pay host 400,000 CNY without arrears
        split esco 70%, host 30%
        floor host 400,000 CNY paid by esco
      """)
    let short = try Self.settle(c, amount: "300000")
    #expect(short.net("host") == x("400000"))
    #expect(short.net("esco") == x("-100000"))  // the ESCO bears the shortfall
    let esco = try #require(short.statements.first { $0.party == "esco" })
    #expect(esco.deductions == x("-100000"))
    #expect(short.reconciliation.residual == x("0"))
    let plenty = try Self.settle(c, amount: "1000000")
    #expect(plenty.net("host") == x("580000"))  // 400,000 + 30% of 600,000
    #expect(plenty.net("esco") == x("420000"))
  }

  @Test func reservesAndRebatesFollowThePool() throws {
    let t = try TestBundle(
      contract: """
        contract r "rebate"
        currency CNY
        settle quarterly from 2026Q1 to 2026Q4
        party op "op" operator
        parties tenants from "tenants.csv" enterprise
        input amount CNY
        input use kWh per tenants
        revenue income = amount
        pool p = income
          reserve 10% to fund
          rebate 20% of remainder to tenants by use
          split op 100%
        """, files: ["tenants.csv": "id,name\nA,甲\nB,乙\nC,丙\n"])
    defer { t.remove() }
    let dir = try t.bundle(
      "q1", ["facts.csv": "fact,value,member\namount,1000,\nuse,1,A\nuse,2,B\nuse,0,C\n"])
    let (r, messages) = t.settle(dir, period: "2026Q1")
    let s = try #require(r, "\(messages)")
    // 100 reserved; 20% of 900 = 180 rebated 1:2; the rest to op.
    #expect(s.net("A") == x("60"))
    #expect(s.net("B") == x("120"))
    #expect(s.net("C") == x("0"))
    #expect(s.net("op") == x("720"))
    #expect(s.closing.funds["fund"] == x("100"))
    #expect(s.reconciliation.reserved == x("100"))
  }
}

extension AllocationTests {
  /// Supplementary agreement No. 1 of the 苏银 deal: the carbon shares change from 2028Q1.
  @Test(arguments: [("2027Q4", "30", "40"), ("2028Q1", "25", "45")])
  func termsChangeAtTheirEffectiveDate(period: String, gov: String, op: String) throws {
    let c = """
      contract dated "effective dates"
      currency CNY
      settle quarterly from 2026Q1 to 2030Q4
      party gov "gov" government
      party op "op" operator
      party esco "esco" energy-service
      input amount CNY
      revenue income = amount
      pool p = income
        split gov 30%, op 40%, esco 30% until 2027Q4
        split gov 25%, op 45%, esco 30% from 2028Q1
      """
    let t = try TestBundle(contract: c)
    defer { t.remove() }
    let dir = try t.facts(period, [("amount", "1000")])
    let s = try #require(t.settle(dir, period: period).settlement)
    #expect(try s.net("gov") == x(gov) * x("10"))
    #expect(try s.net("op") == x(op) * x("10"))
    #expect(s.net("esco") == x("300"))
  }
}
