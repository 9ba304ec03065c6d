import Foundation
import Testing

@testable import ParkShare

/// What decided a line over time is shown: a condition's two sides and whether its step was
/// taken, a step table's crossing with the receipts before and after each part, and a running
/// total's value before this period and in it, in English and Chinese.
@Suite struct ExplainOverTimeTests {
  static let contract =
    RunningTotalsTests.header + """

      kpi b_paid = received(b, p)
      kpi delivered_so_far = to-date(delivered)
      pool p = income
        pay b 100 CNY if to-date(delivered) >= 600 kWh
        split on b_paid
          below 500 CNY: a 20%, b 80%
          from 500 CNY: a 80%, b 20%
      """

  /// Q1: 300 kWh, no bonus; b's 80% of the first 625 completes 500, then 20% of the other 375.
  /// Q2: 700 kWh so far, the bonus is paid; b had 575 before, all of the 900 left at 20%.
  static func settled() throws -> [Settlement] {
    try RunningTotalsTests.settleInOrder(contract, ["2026Q1", "2026Q2"]) { i in
      [("amount", "1000"), ("delivered", ["300", "400"][i])]
    }
  }

  @Test func theStatementShowsHowEachConditionCameOut() throws {
    let s = try Self.settled()
    #expect(s.map { $0.net("b") } == ["575", "280"].map(x))
    let q1 = StatementText.render(s[0])
    #expect(
      q1.contains(
        "if to-date(delivered) >= 600: 300 against 600, does not hold; the step is not taken"))
    #expect(q1.contains("625 CNY of remainder 1,000 CNY; b_paid from 0 to 500 CNY: below 500"))
    #expect(q1.contains("375 CNY of remainder 1,000 CNY; b_paid from 500 to 575 CNY: from 500"))
    let q2 = StatementText.render(s[1], wording: .zh)
    #expect(q2.contains("如果 to-date(delivered) >= 600：700 对 600，成立；该步骤执行"))
  }

  @Test func revenueShowsARunningTotalBeforeAndThisPeriod() throws {
    let s = try Self.settled()
    let text = RevenueText.render(s[1].revenue)
    #expect(text.contains("to-date(delivered): 300 before + 400 this period = 700 kWh"), "\(text)")
    #expect(text.contains("received(b, p): 575 CNY paid before this period"), "\(text)")
    let zh = RevenueText.render(s[1].revenue, wording: .zh)
    #expect(zh.contains("to-date(delivered): 此前 300 + 本期 400 = 700 kWh"), "\(zh)")
  }

  @Test func explainMarksTheConditionInTheWaterfall() throws {
    let s = try Self.settled()
    let tree = try #require(ExplainText.render(s[0], party: "b"))
    #expect(tree.contains("? if to-date(delivered) >= 600: 300 against 600, does not hold"))
  }
}
