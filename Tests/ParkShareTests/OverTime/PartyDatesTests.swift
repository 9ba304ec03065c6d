import Foundation
import Testing

@testable import ParkShare

/// Parties that join or leave inside a period: REIT unitholders who buy in or sell out, a
/// party declared `from` a day. Their days cut the pools that may pay them; where they do not
/// take part, pro-rata splits weigh them 0 (docs/contract-language.md, "Parties over time").
@Suite struct PartyDatesTests {
  static let contract = """
    contract pd "unitholders over time"
    currency CNY rounding half-up
    settle quarterly from 2029Q1 to 2029Q4
    parties holders from "holders.csv" finance
    input income CNY
    revenue distributable = income
    pool p = distributable
      split holders by stake

    """

  static let holders = """
    id,name,capital,from,until
    u1,"Unitholder 1",100,,2029-01-31
    u2,"Unitholder 2",100,,
    u3,"Unitholder 3",200,2029-02-01,

    """

  static func settle(_ text: String = contract, holders: String = holders, income: String)
    throws -> Settlement
  {
    let t = try TestBundle(contract: text, files: ["holders.csv": holders])
    defer { t.remove() }
    let dir = try t.facts("2029Q1", [("income", income)])
    let (s, messages) = t.settle(dir, period: "2029Q1")
    return try #require(s, "\(messages)")
  }

  static func totals(_ s: Settlement) -> [String: String] {
    var out: [String: Exact] = [:]
    for l in s.pools[0].lines {
      out[Wording.en.recipient(l.recipient), default: .zero] =
        (try? out[Wording.en.recipient(l.recipient), default: .zero] + l.amount) ?? .zero
    }
    return out.mapValues { "\($0)" }
  }

  /// 90,000.00 over 2029Q1's 90 days, cut at 2029-02-01 (u1 leaves, u3 joins): January's 31
  /// days take 31,000.00, shared by u1 and u2 (100 and 100: 15,500.00 each); the 59 days after
  /// take 59,000.00, shared by u2 and u3 (100 and 200: 19,666.666... and 39,333.333...).
  /// Rounded once for the pool: u1 15,500.00, u2 35,166.67, u3 39,333.33; the sum is 90,000.00.
  @Test func unitholdersWhoBuyInOrSellOutShareTheirDays() throws {
    let s = try Self.settle(income: "90000")
    #expect(Self.totals(s) == ["u1": "15500.00", "u2": "35166.67", "u3": "39333.33"])
    #expect(
      s.pools[0].lines.map {
        "\($0.subPeriod.map { "\($0)" } ?? "-") \(Wording.en.recipient($0.recipient))"
      }
        == [
          "2029-01-01..2029-01-31 u1", "2029-01-01..2029-01-31 u2",
          "2029-02-01..2029-03-31 u2", "2029-02-01..2029-03-31 u3",
        ])
    #expect(s.reconciliation.residual == .zero)
  }

  /// A member whose dates cover the whole period is settled as if it had none: the period is not
  /// cut, and the lines are those of a registry without dates.
  @Test func datesThatCoverThePeriodChangeNothing() throws {
    let dated = try Self.settle(
      holders: "id,name,capital,from,until\nu1,a,100,2029-01-01,2029-12-31\nu2,b,300,,\n",
      income: "1000")
    let plain = try Self.settle(holders: "id,name,capital\nu1,a,100\nu2,b,300\n", income: "1000")
    #expect(Self.totals(dated) == ["u1": "250.00", "u2": "750.00"])
    #expect(Self.totals(plain) == Self.totals(dated))
    #expect(dated.pools[0].lines.allSatisfy { $0.subPeriod == nil })
  }

  /// A member who joins on the first day of the next quarter takes nothing in this one and gets
  /// no statement for it, and the period is not cut: u1 and u2 share it 100 : 100.
  @Test func aMemberWhoJoinsLaterTakesNothingBefore() throws {
    let s = try Self.settle(
      holders: "id,name,capital,from\nu1,a,100,\nu2,b,100,\nu3,c,200,2029-04-01\n",
      income: "1000")
    #expect(Self.totals(s) == ["u1": "500.00", "u2": "500.00"])
    // Nor a statement: it is not in the deal yet.
    #expect(s.statements.map(\.party) == ["u1", "u2"])
  }

  /// A named party declared `from` a day, paid by steps dated with it: the developer until
  /// 2029-01-31, the REIT from 2029-02-01 (as the step dates already cut the pool).
  @Test func aPartyFromADayIsPaidByStepsDatedWithIt() throws {
    let text = """
      contract pd2 "REIT from a day"
      currency CNY rounding half-up
      settle quarterly from 2029Q1 to 2029Q4
      party dev "developer" enterprise until 2029-01-31
      party reit "PV REIT" finance from 2029-02-01
      input income CNY
      revenue r = income
      pool p = r
        split dev 100% until 2029-01-31
        split reit 100% from 2029-02-01

      """
    let s = try Self.settle(text, income: "90000")
    #expect(Self.totals(s) == ["dev": "31000.00", "reit": "59000.00"])
  }

  /// A fixed amount in a period cut five times still pays its whole: each sub-period's share is
  /// rounded cumulatively (the amount through its last day less the amount through the day
  /// before it), so 100 CNY over cuts on 2029-01-05, -09, -13 and -17 pays 4.44, 4.45, 4.44,
  /// 4.45 and 82.22, together 100.00 (rounded one by one they would be 99.98).
  @Test func aFixedAmountCutManyTimesPaysItsWhole() throws {
    let text = Self.contract.replacingOccurrences(
      of: "  split holders by stake", with: "  pay op 100 CNY\n  split holders by stake"
    ).replacingOccurrences(
      of: "parties holders", with: "party op \"operator\" operator\nparties holders")
    let days = ["", "2029-01-05", "2029-01-09", "2029-01-13", "2029-01-17"]
    let holders =
      "id,name,capital,from\n"
      + days.enumerated().map { "u\($0.offset),h,100,\($0.element)\n" }.joined()
    let s = try Self.settle(text, holders: holders, income: "90000")
    let fee = s.pools[0].lines.filter { $0.kind == .pay }.map { "\($0.amount)" }
    #expect(fee == ["4.44", "4.45", "4.44", "4.45", "82.22"])
    #expect(Self.totals(s)["op"] == "100.00")
    #expect(s.reconciliation.residual == .zero)
  }

  /// Tenants earning green points that carry over, and a pool that may redeem them.
  static func points(redeem: String) -> String {
    """
    contract pts "points and members over time"
    currency CNY rounding half-up
    settle quarterly from 2029Q1 to 2029Q4
    party op "operator" operator
    parties tenants from "tenants.csv" enterprise
    input use kWh per tenants
    input income CNY
    revenue r = income
    points gp for tenants
      1 per kWh use
      carry over
    pool p = r
    \(redeem)  split op 100%

    """
  }

  /// A redemption's caps are the period's, also when dates cut it: what the step paid in the
  /// earlier sub-periods counts against them. A and B hold 500 points, C joins on 2029-02-15
  /// with 500; caps 100 CNY each and 150 CNY in all at 1 CNY a point. Before C joins, A and B
  /// ask 100 each, cut to 75 each by the 150 in all; after, nothing is left of the 150.
  @Test func aRedemptionsCapsHoldOverTheWholeCutPeriod() throws {
    let text = Self.points(
      redeem: "  redeem gp at 1 CNY per point to tenants cap 100 CNY each, 150 CNY in all\n")
    let t = try TestBundle(
      contract: text, files: ["tenants.csv": "id,name,from\nA,a,\nB,b,\nC,c,2029-02-15\n"])
    defer { t.remove() }
    let dir = try t.bundle(
      "2029Q1",
      [
        "facts.csv":
          "fact,value,member\nincome,10000,\nuse,500,A\nuse,500,B\nuse,500,C\n"
      ])
    let (settled, messages) = t.settle(dir, period: "2029Q1")
    let s = try #require(settled, "\(messages)")
    let redeemed = s.pools[0].lines.filter { $0.kind == .redeem }
    #expect(
      redeemed.map { "\(Wording.en.recipient($0.recipient)) \($0.amount)" } == [
        "A 75.00", "B 75.00",
      ])
    #expect(Self.totals(s)["op"] == "9850.00")
  }

  /// A member outside the deal for the whole period owes no facts, earns no points and gets no
  /// statement: D joins on 2029-04-01, and facts.csv has no `use` for it in 2029Q1.
  @Test func aMemberOutsideThePeriodOwesNothingAndEarnsNothing() throws {
    let text = Self.points(redeem: "")
    let t = try TestBundle(
      contract: text, files: ["tenants.csv": "id,name,from\nA,a,\nD,d,2029-04-01\n"])
    defer { t.remove() }
    let dir = try t.bundle(
      "2029Q1", ["facts.csv": "fact,value,member\nincome,100,\nuse,800,A\n"])
    let (settled, messages) = t.settle(dir, period: "2029Q1")
    let s = try #require(settled, "\(messages)")
    #expect(s.statements.map(\.party) == ["A", "op"])
    #expect(s.closing.points["gp"]?.keys.sorted() == ["A"])
  }

  /// A sub-period in which no member of the split takes part leaves its part unallocated, and
  /// the note says why and when: u1 leaves after January, u2 joins in March, February's 28 of
  /// 90 days (28,000.00 of 90,000.00) has no one to go to.
  @Test func aSubPeriodWithNoMemberIsLeftUnallocatedAndSaysWhy() throws {
    let s = try Self.settle(
      holders: "id,name,capital,from,until\nu1,a,100,,2029-01-31\nu2,b,100,2029-03-01,\n",
      income: "90000")
    #expect(Self.totals(s) == ["u1": "31000.00", "u2": "31000.00"])
    #expect(s.reconciliation.unallocated == (try Exact(parsing: "28000.00")))
    #expect(
      s.pools[0].notes.map(\.description).contains {
        $0.hasPrefix("2029-02-01..2029-02-28: no one it shares among takes part")
      })
  }
}
