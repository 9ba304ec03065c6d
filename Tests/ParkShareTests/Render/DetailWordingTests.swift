import Foundation
import Testing

@testable import ParkShare

/// Revenue details are values; Render words them, in English as the JSON has always held them
/// and in Chinese, and only the text leaves meters out.
@Suite struct DetailWordingTests {
  static func meter(_ formula: String, _ i: Int) -> Detail {
    .meter(
      formula: formula, meter: "M\(i)", owner: i.isMultiple(of: 2) ? "T00\(i % 10)" : nil,
      kWh: Exact(i * 1_000), kind: "pv-generation", row: "meters.csv:\(i + 1)")
  }

  @Test func theTextListsTwelveMetersAndSaysHowManyMore() {
    let details = (1...14).map { Self.meter("pv", $0) } + [Self.meter("use", 1)]
    let shown = details.abbreviatingMeters()
    #expect(shown.count == 14)
    #expect(Array(shown.prefix(12)) == Array(details.prefix(12)))
    #expect(shown[12] == .moreMeters(formula: "pv", count: 2))
    #expect(shown[13] == Self.meter("use", 1))
    // Twelve or fewer: nothing left out.
    #expect(Array(details.prefix(12)).abbreviatingMeters() == Array(details.prefix(12)))
    let en = Wording.en.detail(shown[12], listing: "--json")
    #expect(en.what == "pv: 2 more meters" && en.value == "--json lists them all")
    let zh = Wording.zh.detail(shown[12], listing: "settle --format json")
    #expect(zh.what == "pv 另有 2 个计量表" && zh.value == "settle --format json 列出全部")
  }

  /// The JSON keeps the English text of record format 1, "see --json" included.
  @Test func jsonKeepsTheEnglishText() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    func json(_ d: Detail) throws -> String {
      String(decoding: try encoder.encode(d), as: UTF8.self)
    }
    #expect(
      try json(Self.meter("pv", 2))
        == #"{"source":"meters.csv:3","value":"2,000 kWh (pv-generation)","what":"pv: meter M2 (T002)"}"#
    )
    #expect(
      try json(.moreMeters(formula: "pv", count: 2))
        == #"{"value":"see --json","what":"pv: 2 more meters"}"#)
  }

  /// The steps of a subsidy's factor the example does not show, in both languages.
  @Test func subsidyStepsInBothLanguages() throws {
    let q1 = try #require(Period("2026Q1"))
    let q3 = try #require(Period("2026Q3"))
    let steps: [Detail.SubsidyStep] = [
      .paidOnce(in: q1, period: q3),
      .degression(rate: Exact("0.05")!, every: .half, from: q1, steps: 2, factor: Exact("0.9025")!),
      .trigger(factor: Exact("0.5")!, condition: "green_share < 0.3", fired: nil),
      .trigger(factor: Exact("0.5")!, condition: "green_share < 0.3", fired: q3),
    ]
    let en = steps.map {
      Wording.en.detail(.subsidy(id: "pv_sub", step: $0, clause: SourceRange(clause: "c:9")))
    }
    #expect(
      en.map { "\($0.what): \($0.value)" } == [
        "pv_sub paid once: only in 2026Q1: 0 in 2026Q3",
        "degression 5% per half-year from 2026Q1: 2 steps: x 0.9025",
        "reduce to 50% when green_share < 0.3: not fired",
        "reduce to 50% when green_share < 0.3: fired in 2026Q3",
      ])
    let zh = steps.map {
      Wording.zh.detail(.subsidy(id: "pv_sub", step: $0, clause: SourceRange(clause: "c:9")))
    }
    #expect(
      zh.map { "\($0.what): \($0.value)" } == [
        "pv_sub 一次性支付: 仅于 2026Q1 支付：2026Q3 为 0",
        "自 2026Q1 起每半年递减 5%: 2 步：× 0.9025",
        "当 green_share < 0.3 时降至 50%: 未触发",
        "当 green_share < 0.3 时降至 50%: 于 2026Q3 触发",
      ])
  }
}
