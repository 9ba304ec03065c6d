import Foundation
import Testing

@testable import ParkShare

/// Annual floors and caps under quarterly settlement: a floor per year applied to the year to
/// date (top-ups taken back as the party's own take catches up), and caps and floors per year
/// settled as advances with a year-end true-up line.
@Suite struct AnnualFloorTests {
  static let quarters = ["2026Q1", "2026Q2", "2026Q3", "2026Q4", "2027Q1"]

  static func settle(
    _ steps: String, _ amounts: [String], header: String = RunningTotalsTests.header,
    periods: [String] = quarters
  ) throws -> [Settlement] {
    try RunningTotalsTests.settleInOrder(header + "\n\npool p = income\n" + steps, periods) {
      i in [("amount", amounts[i]), ("delivered", "0")]
    }
  }

  static func nets(_ s: [Settlement], _ party: String) -> [Exact?] { s.map { $0.net(party) } }

  /// Pool 500, 500, 5,000, 500, then 500 in 2027Q1, split a 80%, b 20%: b's own take is 100,
  /// 100, 1,000, 100, 100; its floor 1,000 a year is 250 a quarter to date.
  ///
  /// - Q1: due 250, received 0, take 100: topped up 150 (from a): b 250, a 400 - 150 = 250.
  /// - Q2: due 500, received 250 (150 of it top-ups), take 100: at least 500 - 250 = 250; its
  ///   own 100 - 150 = -50: topped up 150 more: b 250, a 250. Top-ups so far 300.
  /// - Q3: due 750, received 500 (300 top-ups), take 1,000: at least 250; own 1,000 - 300 =
  ///   700: b gives back the 300 (to a): b 700, a 4,000 + 300 = 4,300. Year to date 1,200, what
  ///   b's own takes are (100 + 100 + 1,000), above the floor's 750.
  /// - Q4: due 1,000, received 1,200, take 100: no line: b 100, a 400. Year: 1,300 = max(own
  ///   1,300, floor 1,000).
  /// - 2027Q1: a new year: due 250, received 0: topped up 150 again.
  @Test func aFloorPerYearHoldsTheYearToDateAndGivesBackItsTopUps() throws {
    let s = try Self.settle(
      "  split a 80%, b 20%\n  floor b 1,000 CNY per year\n",
      ["500", "500", "5000", "500", "500"])
    #expect(Self.nets(s, "b") == ["250", "250", "700", "100", "250"].map(x))
    #expect(Self.nets(s, "a") == ["250", "250", "4300", "400", "250"].map(x))
    // The top-ups are carried in the state: 150, 300, 0 (given back), 0, and 150 in 2027.
    let given = s.map { $0.closing.totals["floor(b, p)"]?.yearToDate }
    #expect(given == ["150", "300", "0", "0", "150"].map(x))
    let kinds = s[2].pools[0].lines.filter { $0.recipient.party == "b" }.map(\.kind)
    #expect(kinds == [.split, .floor])
  }

  /// The same floor settled as advances: b takes its own 100, 100, 1,000 and in Q4 the year's
  /// 1,300 is above 1,000: no true-up. In a weak year (500 every quarter, b's own 100 a
  /// quarter) Q4 trues b up from 100 + 100 + 100 + 100 = 400 to 1,000: a true-up line of 600,
  /// which a gives though it took 400 this quarter (a true-up settles the year: a's quarter is
  /// 400 - 600 = -200, its year 1,200 + (-200) = 1,000 = 2,000 - 1,000).
  @Test func aFloorPerYearWithTrueUpSettlesInTheYearsLastQuarter() throws {
    let strong = try Self.settle(
      "  split a 80%, b 20%\n  floor b 1,000 CNY per year with true-up\n",
      ["500", "500", "5000", "500", "500"])
    #expect(Self.nets(strong, "b") == ["100", "100", "1000", "100", "100"].map(x))
    let weak = try Self.settle(
      "  split a 80%, b 20%\n  floor b 1,000 CNY per year with true-up\n",
      ["500", "500", "500", "500", "500"])
    #expect(Self.nets(weak, "b") == ["100", "100", "100", "700", "100"].map(x))
    #expect(Self.nets(weak, "a") == ["400", "400", "400", "-200", "400"].map(x))
    let lines = weak[3].pools[0].lines
    #expect(lines.map(\.kind) == [.split, .split, .trueUp, .trueUpShare])
    #expect(lines[2].amount == x("600"))
    #expect(weak.allSatisfy { $0.closing.totals["floor(b, p)"] == nil })
  }

  /// A cap per year with true-up: 1,000 a quarter split a 40%, b 60%, b capped at 1,000 a
  /// year: b takes 600 a quarter (its own basis) and in Q4 the year's 600 x 4 = 2,400 is
  /// trued down to 1,000: a true-up of -1,400 (to a): b 600 - 1,400 = -800, a 400 + 1,400 =
  /// 1,800. Applied to the year to date the same cap pays b 600, 400, 0, 0: 1,000 too.
  @Test func aCapPerYearWithTrueUpEqualsTheCapToDateOverTheYear() throws {
    let trued = try Self.settle(
      "  split a 40%, b 60%\n  cap b 1,000 CNY per year with true-up\n",
      ["1000", "1000", "1000", "1000", "1000"])
    #expect(Self.nets(trued, "b") == ["600", "600", "600", "-800", "600"].map(x))
    #expect(Self.nets(trued, "a") == ["400", "400", "400", "1800", "400"].map(x))
    let toDate = try Self.settle(
      "  split a 40%, b 60%\n  cap b 1,000 CNY per year\n",
      ["1000", "1000", "1000", "1000", "1000"])
    for party in ["a", "b"] {
      #expect(
        try Self.yearTotal(trued.prefix(4), party) == Self.yearTotal(toDate.prefix(4), party))
    }
  }

  static func yearTotal(_ s: ArraySlice<Settlement>, _ party: String) throws -> Exact {
    try s.map { try #require($0.net(party)) }.sum()
  }
}
