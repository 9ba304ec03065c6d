import Foundation
import Testing

@testable import ParkShare

/// The deals over time (issue 14) in the shipped sample years: each term acts within the four
/// periods, computed by hand from the generator's figures (Benchmarks/SampleYear+Deals.swift).
extension SampleYearTests {
  /// The sum of a party's lines of `kind` in `pool`.
  static func total(_ s: [String: Any], _ pool: String, _ kind: String, _ party: String) throws
    -> Exact
  {
    try lines(s, pool, kind, party).sum()
  }

  /// Savings 8,000,000 kWh x 0.62 = 4,960,000 (ESCO 80%: 3,968,000) and 9,500,000 x 0.60 =
  /// 5,700,000 (4,560,000): 8,528,000 received by 2028, 3,472,000 short of the 12,000,000
  /// investment. 2028: 9,000,000 x 0.61 = 5,490,000. The part that completes the payback is
  /// 3,472,000 / 80% = 4,340,000 (ESCO 3,472,000, host 868,000); the other 1,150,000 at 20%
  /// (ESCO 230,000, host 920,000). ESCO 3,702,000, host 1,788,000. 2029: 8,800,000 x 0.63 =
  /// 5,544,000 all at 20%: ESCO 1,108,800.
  @Test func emcPaybackSwitchesInsideTheThirdYear() throws {
    let s = try Self.settleYear("emc-payback")
    #expect(
      s.map { try? Self.total($0, "emc", "split", "esco") } == [
        x("3968000"), x("4560000"), x("3702000"), x("1108800"),
      ])
    #expect(Self.lines(s[2], "emc", "split", "esco") == ["3472000", "230000"].map(x))
    #expect(Self.lines(s[2], "emc", "split", "host") == ["868000", "920000"].map(x))
    #expect(Self.carried(s[1], "received", "emc/esco") == x("8528000"))
    #expect(Self.carried(s[2], "received", "emc/esco") == x("12230000"))
  }

  /// Discharge 5.4, 7.3, 8.2 and 6.5 GWh: 12.7 GWh by the end of Q2, so Q3's first 7.3 GWh are
  /// paid 0.20 and its last 0.9 GWh 0.10: 1,460,000 + 90,000 = 1,550,000; Q4 all at 0.10,
  /// 650,000. The spot pool loses 2,920,000 - 3,406,500 = -486,500 in Q2: carried as a deficit,
  /// nobody is paid, and Q3's 2,826,600 recovers it first; the other 2,340,100 is split by stake
  /// 48:12 (ESCO 1,872,080). The 20% x 60,000,000 = 12,000,000 grant paid to the ESCO in Q1 is
  /// clawed back in Q3, when the acceptance fails, and returned to the state; Q4 finds nothing
  /// left to claw back.
  @Test func storageCrossesItsThresholdCarriesALossAndClawsBackTheGrant() throws {
    let s = try Self.settleYear("storage-spot-grant")
    #expect(
      s.map { Self.source($0, "operation", "discharge_bonus") }
        == ["1080000", "1460000", "1550000", "650000"].map(x))
    #expect(Self.exact(Self.pool(s[1], "spot")["total"]) == x("-486500"))
    #expect(Self.lines(s[1], "spot", "loss", "fund:spot_deficit") == [x("-486500")])
    #expect(try Self.total(s[1], "spot", "split", "esco") == .zero)
    #expect(
      s.map { Self.carried($0, "funds", "spot_deficit") } == [0, -486_500, 0, 0].map(Exact.init))
    #expect(Self.lines(s[2], "spot", "recovery", "fund:spot_deficit") == [x("486500")])
    #expect(Self.lines(s[2], "spot", "split", "esco") == [x("1872080")])
    #expect(Self.lines(s[2], "spot", "split", "op") == [x("468020")])
    #expect(Self.lines(s[2], "grant", "clawback", "esco") == [x("-12000000")])
    #expect(Self.lines(s[2], "grant", "split", "state") == [x("12000000")])
    #expect(Self.lines(s[3], "grant", "clawback", "esco") == [.zero])
    #expect(Self.carried(s[1], "received", "grant/esco") == x("12000000"))
    #expect(Self.carried(s[2], "received", "grant/esco") == .zero)
    try Self.expectFundGrowsByItsReserves(
      s[0], s[1], s[2], s[3], fund: "replacement_fund", pool: "operation")
  }

  /// 2026Q4: 112,600,000 kWh x 0.2590 = 29,163,400 CNY (whole yuan already). O&M 2,815,000,
  /// manager 450,000, reserve 5% of the pool 1,458,170: 24,440,230 left. The year has reached
  /// 118.4 + 176.25 + 166.8 + 112.6 = 574.05 GWh >= 560, so the O&M company takes 3%:
  /// 733,206.9; 23,707,023.1 by units (of 800,000,000). Exact parts: om 733,206.9, U01 (34%)
  /// 8,060,387.854, U02 (15%) 3,556,053.465, U07 (U03's units since 2026-08-15) and U06 (10%)
  /// 2,370,702.31, U04 (12%) 2,844,842.772, U05 (19%) 4,504,334.389; the pool rounds to the
  /// yuan: the floors sum to 24,440,226 and the 4 yuan missing go to the largest remainders, om
  /// .9, U01 .854, U04 .772 and U02 .465. Q3's year to date, 461.45 GWh, does not pay the
  /// incentive.
  ///
  /// 2026Q3 (42,283,800 CNY) is cut at the block trade: 45 of 92 days are 20,682,293.48 (to the
  /// fen, a half up); less O&M 4,170,000 x 45/92 = 2,039,673.91, the manager 450,000 x 45/92 =
  /// 220,108.70 and 5% reserved (1,034,114.674) leaves 17,388,396.196, of which U03 has 10%:
  /// 1,738,839.6196. The other 47 days: 21,601,506.52 less 2,130,326.09, 229,891.30 and
  /// 1,080,075.326 leaves 18,161,213.804: U07 1,816,121.3804. Rounded down to the yuan for the
  /// pool, U03's .6196 is among the largest remainders (1,738,840), U07's .3804 is not.
  /// Paid per unit, as REITs announce it: Q4's remainder 24,440,230 (29,163,400 of power sales
  /// less the O&M fee 2,815,000, the manager's 450,000 and the 5% reserve 1,458,170), less the
  /// incentive 3% = 733,206.90 (paid 733,207 in whole yuan), with Q3's 5,911 brought forward
  /// into the holders' base only, is 23,712,934.10 over 80,000,000 lots of 10 units: 0.2964 per
  /// 10 units cut to 4 decimals, so U01's 27,200,000 lots are paid 8,062,080 and 934.10 (934)
  /// is carried to 2027Q1.
  @Test func reitPaysUnitholdersPerUnitAndTheIncentiveInQ4() throws {
    let s = try Self.settleYear("pv-reit")
    // Q3's O&M fee in its two sub-periods; Q4's fee and incentive.
    #expect(s.map { Self.lines($0, "distribution", "pay", "om").count } == [1, 1, 2, 2])
    #expect(Self.lines(s[3], "distribution", "pay", "om") == ["2815000", "733207"].map(x))
    let holders = ["U01", "U02", "U03", "U04", "U05", "U06", "U07"]
    #expect(
      holders.map { Self.lines(s[3], "distribution", "split", $0) }
        == [["8062080"], ["3556800"], [], ["2845440"], ["4505280"], ["2371200"], ["2371200"]].map {
          $0.map(x)
        })
    #expect(Self.lines(s[2], "distribution", "split", "U03") == [x("1738400")])
    #expect(Self.lines(s[2], "distribution", "split", "U07") == [x("1816000")])
    #expect(Self.carried(s[3], "funds", "inverter_reserve") == x("7234389"))
    // 4,976 carried from Q1, 301 from Q2, 4,697 + 1,214 from Q3's two parts, 934 from Q4.
    #expect(
      s.map { Self.carried($0, "funds", "undistributed") } == ["4976", "301", "5911", "934"].map(x))
  }

}
