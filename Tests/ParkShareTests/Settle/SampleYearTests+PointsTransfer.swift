import Foundation
import Testing

@testable import ParkShare

/// Green points with expiry and a REIT transfer inside a quarter in the shipped sample years,
/// computed by hand from the generator's figures (Benchmarks/SampleYear+PointsTransfer.swift).
extension SampleYearTests {
  /// A member's points movement in a JSON statement: opening, expired, earned, redeemed,
  /// closing.
  static func points(_ s: [String: Any], _ member: String) -> [Exact] {
    let statement = (s["statements"] as? [[String: Any]] ?? []).first {
      $0["party"] as? String == member
    }
    let m = (statement?["points"] as? [[String: Any]])?.first ?? [:]
    return ["opening", "expired", "earned", "redeemed", "closing"].compactMap { exact(m[$0]) }
  }

  /// 1 point per MWh; a lot lives 2 quarters; redeemed from 2026Q2 at 2 CNY a point, at most
  /// 600 CNY (300 points) a tenant and 1,000 CNY in all; 5% of the pool rebated by the balance
  /// before redemption. Lots in [], oldest first.
  ///
  /// Q1  no redemption. G01 [Q1:500], G02 [Q1:120], G03 [Q1:50] (670). Rebate 5% of 67,000 =
  ///     3,350: 2,500, 600, 250; op 63,650.
  /// Q2  balances 800, 200, 125 (1,125). Asks min(800, 300) = 300 points (600 CNY), 200 (400),
  ///     125 (250): 1,250 CNY > 1,000 in all, each x 4/5: 240 (480), 160 (320), 100 (200).
  ///     Oldest first: G01 [Q1:260 Q2:300] = 560, G02 [Q2:40], G03 [Q2:25]. Rebate 5% of
  ///     90,000 = 4,500 by 800:200:125: 3,200, 800, 500; op 90,000 - 1,000 - 4,500 = 84,500.
  /// Q3  G01's Q1 lot, 260 points never redeemed, expires. Balances 300 + 400 = 700, 40 + 110 =
  ///     150, 25 + 25 = 50 (900). Asks 300 (600), 150 (300), 50 (100): exactly 1,000 in all, not
  ///     reduced. G01 [Q3:400], G02 and G03 0. Rebate 3,600: 2,800, 600, 200; op 67,400.
  /// Q4  nothing left in Q2 lots. Balances 600, 250, 75 (925). Asks 300 (600), 250 (500), 75
  ///     (150): 1,250 CNY, x 4/5: 240 (480), 200 (400), 60 (120). Closing 360 [Q3:160 Q4:200],
  ///     50, 15. Rebate 3,700: 2,400, 1,000, 300; op 69,300.
  @Test func greenPointsAreRedeemedWithinTheirCapsAndExpireAfterHalfAYear() throws {
    let s = try Self.settleYear("green-points")
    let g01: [[String]] = [
      ["0", "0", "500", "0", "500"], ["500", "0", "300", "240", "560"],
      ["560", "260", "400", "300", "400"], ["400", "0", "200", "240", "360"],
    ]
    let g02: [[String]] = [
      ["0", "0", "120", "0", "120"], ["120", "0", "80", "160", "40"],
      ["40", "0", "110", "150", "0"], ["0", "0", "250", "200", "50"],
    ]
    let g03: [[String]] = [
      ["0", "0", "50", "0", "50"], ["50", "0", "75", "100", "25"],
      ["25", "0", "25", "50", "0"], ["0", "0", "75", "60", "15"],
    ]
    for (i, settled) in s.enumerated() {
      #expect(Self.points(settled, "G01") == g01[i].map(x), "G01 \(i)")
      #expect(Self.points(settled, "G02") == g02[i].map(x), "G02 \(i)")
      #expect(Self.points(settled, "G03") == g03[i].map(x), "G03 \(i)")
    }
    #expect(
      s.map { Self.lines($0, "green", "redeem", "G01") }
        == [[], ["480"], ["600"], ["480"]].map {
          $0.map(x)
        })
    #expect(Self.lines(s[1], "green", "redeem", "G02") == [x("320")])
    #expect(Self.lines(s[3], "green", "redeem", "G03") == [x("120")])
    #expect(
      s.map { Self.lines($0, "green", "rebate", "G01") }
        == [["2500"], ["3200"], ["2800"], ["2400"]].map { $0.map(x) })
    #expect(
      s.map { Self.lines($0, "green", "split", "op") }
        == [["63650"], ["84500"], ["67400"], ["69300"]].map { $0.map(x) })
    // G01 closes the year with its 2026Q3 lot (160 left, to expire as 2027Q1 opens) and Q4's.
    let lots = Self.object(Self.object(s[3]["closing"], "points"), "green_points")
    #expect(
      (lots["G01"] as? [[String: Any]])?.compactMap { Self.exact($0["points"]) }
        == ["160", "200"].map(x))
  }

  /// 2026Q1-Q3, the developer's: 7,800,000 x 0.41 = 3,198,000 (O&M 0.02 x 7,800,000 = 156,000,
  /// roof rent 8% 255,840, developer 2,786,160), 11,500,000 x 0.39 = 4,485,000 (230,000,
  /// 358,800, 3,896,200), 10,900,000 x 0.40 = 4,360,000 (218,000, 348,800, 3,793,200).
  /// 2026Q4: 9,200,000 x 0.40 = 3,680,000 over 92 days, cut on 1 December: 61 days
  /// (October, November) take 3,680,000 x 61/92 = 2,440,000, the 31 of December the rest,
  /// 1,240,000. O&M 184,000 x 61/92 = 122,000 and x 31/92 = 62,000; rent 8% of each part,
  /// 195,200 and 99,200; developer 2,440,000 - 122,000 - 195,200 = 2,122,800, REIT
  /// 1,240,000 - 62,000 - 99,200 = 1,078,800.
  @Test func reitTransferCutsTheFourthQuarterOnTheFirstOfDecember() throws {
    let s = try Self.settleYear("pv-reit-transfer")
    #expect(
      s.map { Self.lines($0, "pv", "split", "developer") }
        == [["2786160"], ["3896200"], ["3793200"], ["2122800"]].map { $0.map(x) })
    #expect(
      s.map { Self.lines($0, "pv", "split", "reit") }
        == [[], [], [], ["1078800"]].map {
          $0.map(x)
        })
    #expect(Self.lines(s[3], "pv", "pay", "om") == ["122000", "62000"].map(x))
    #expect(Self.lines(s[3], "pv", "pay", "op") == ["195200", "99200"].map(x))
    // The lines of the quarter carry their sub-period: 61 and 31 of 92 days.
    let cut = (Self.pool(s[3], "pv")["lines"] as? [[String: Any]] ?? []).map {
      Self.object($0, "subPeriod")
    }
    #expect(cut.map { $0["days"] as? Int } == [61, 61, 61, 31, 31, 31])
    #expect(cut.map { $0["first"] as? String }.last == "2026-12-01")
    #expect(cut.allSatisfy { $0["periodDays"] as? Int == 92 })
    #expect(Self.pool(s[2], "pv")["lines"].map { "\($0)".contains("subPeriod") } == false)
  }
}
