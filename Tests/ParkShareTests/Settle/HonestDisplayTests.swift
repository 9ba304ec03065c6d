import Foundation
import Testing

@testable import ParkShare

/// Displays never round across a boundary the number is compared with.
@Suite struct HonestDisplayTests {
  static let contract = """
    contract kpi "step table"
    currency CNY
    settle monthly from 2026-01 to 2026-12
    party a "A" operator
    party b "B" operator
    input supply kWh
    input use kWh
    input income CNY
    kpi ratio = supply / use
    revenue r = income
    pool p = r
      split on ratio
        below 10%: a 50%, b 50%
        from 10% to 20%: a 60%, b 40%
        from 20%: a 70%, b 30%
    """

  /// The step line's basis for a KPI of supply/use.
  static func basis(supply: String, use: String) throws -> String {
    let t = try TestBundle(contract: contract)
    defer { t.remove() }
    let dir = try t.facts("d", [("supply", supply), ("use", use), ("income", "1000")])
    let (s, messages) = t.settle(dir, period: "2026-01")
    let settlement = try #require(s, "\(messages)")
    return Wording.en.basis(try #require(settlement.pools.first?.lines.first?.basis))
  }

  /// 19.99999% falls in the row below 20%: it is shown with the digits that keep it there.
  @Test func aKPIJustBelowABoundIsNotShownAtTheBound() throws {
    let b = try Self.basis(supply: "1999999", use: "10000000")
    #expect(b.contains("ratio = 19.99999%: from 10% to 20%"), "\(b)")
    #expect(!b.contains("= 20%"), "\(b)")
  }

  /// A value that rounds inside its row keeps the usual four decimals of a percentage.
  @Test func otherwiseFourDecimalsOfAPercent() throws {
    #expect(try Self.basis(supply: "1", use: "3").contains("ratio = 33.3333%: from 20%"))
    #expect(try Self.basis(supply: "2", use: "10").contains("ratio = 20%: from 20%"))
  }
}

extension HonestDisplayTests {
  /// Three parties whose assets earn 100.00 only together: a third each. Each rounded on its
  /// own is 33.33, three times 99.99; apportioned, they show 33.34, 33.33, 33.33 = 100.00.
  @Test func shapleyValuesAreShownSummingToTheTotalShown() throws {
    let t = try TestBundle(
      contract: """
        contract thirds "thirds"
        currency CNY
        settle monthly from 2026-01 to 2026-12
        party a "A" operator
        party b "B" operator
        party c "C" operator
        input income CNY
        revenue r = income
        pool p = r
          split a 40%, b 30%, c 30%
        """)
    defer { t.remove() }
    let dir = try t.facts("d", [("income", "100")])
    let (s, messages) = t.settle(dir, period: "2026-01")
    let settlement = try #require(s, "\(messages)")
    let f = try Fairness(settlement, contract: t.contract, assets: ["r": ["a", "b", "c"]])
    #expect(f.parties.map(\.shapleyRounded) == [x("33.34"), x("33.33"), x("33.33")])
    let text = FairnessText.text(f)
    #expect(text.contains("value of all assets together: 100.00"))
    // The Shapley column of the text sums to the total it shows.
    let shown = text.split(separator: "\n").filter { ["a ", "b ", "c "].contains($0.prefix(2)) }
      .map { row in x(String(row.split(separator: " ", omittingEmptySubsequences: true)[6])) }
    #expect(try shown.sum() == x("100.00"), "\(text)")
  }
}
