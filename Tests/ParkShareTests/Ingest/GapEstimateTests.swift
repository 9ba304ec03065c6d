import Foundation
import Testing

@testable import ParkShare

/// `estimate linear up to N`: short gaps filled on the straight line between the readings either
/// side, exactly, counted per meter; longer gaps, and gaps at the edges of the period, are left
/// to the `gaps` rule.
@Suite struct GapEstimateTests {
  static func contract(_ estimate: String) -> String {
    """
    contract est "estimation"
    currency CNY rounding half-up
    settle monthly from 2026-01 to 2026-12
    gaps zero
    \(estimate)
    party op "operator" operator
    meter pv on-grid-export
    input price CNY/kWh
    revenue sales = pv x price
    pool p = sales
      split op 100%

    """
  }

  /// January, hourly, 1 kWh an hour, except:
  /// - 2026-01-01 00:00 missing: the first interval, no reading before it: not estimated;
  /// - 02:00 reads 10, 03:00 and 04:00 missing, 05:00 reads 40: estimated 20 and 30;
  /// - 2026-01-02 09:00 reads 0.000001, 10:00 missing, 11:00 reads 0.000002: (1 + 2) / 2 =
  ///   1.5 micro-kWh, rounded a half up to 0.000002;
  /// - 2026-01-03 00:00 to 04:00 missing (5 in a row): longer than 4, left as a gap.
  /// Read: 744 - 1 - 2 - 1 - 5 = 735 readings: 731 of 1 kWh, then 10, 40, 0.000001, 0.000002.
  /// Read sum 731 + 50 + 0.000003 = 781.000003 kWh; estimated 20 + 30 + 0.000002 = 50.000002;
  /// with estimates 831.000005 kWh, 3 intervals estimated, 6 left missing (9 without).
  static let gaps: [String: String?] = [
    "01T00": nil, "01T02": "10", "01T03": nil, "01T04": nil, "01T05": "40",
    "02T09": "0.000001", "02T10": nil, "02T11": "0.000002",
    "03T00": nil, "03T01": nil, "03T02": nil, "03T03": nil, "03T04": nil,
  ]

  /// January's hourly readings: 1 kWh, except `special` (DDTHH: a value, or nil for none).
  static func readings(_ special: [String: String?] = gaps) -> String {
    var out = "meter,timestamp,kwh\n"
    for d in 1...31 {
      for h in 0..<24 {
        let key = "\(d < 10 ? "0" : "")\(d)T\(h < 10 ? "0" : "")\(h)"
        let v: String? = special.keys.contains(key) ? special[key]! : "1"
        guard let v else { continue }
        out += "E,2026-01-\(key):00:00+08:00,\(v)\n"
      }
    }
    return out
  }

  static func revenue(_ estimate: String, _ special: [String: String?] = gaps) throws -> (
    PeriodRevenue?, String
  ) {
    let t = try TestBundle(contract: contract(estimate))
    defer { t.remove() }
    let dir = try t.bundle(
      "2026-01",
      [
        "meters.csv": "meter,kind,interval\nE,on-grid-export,60\n",
        "readings.csv": readings(special), "facts.csv": "fact,value\nprice,1\n",
      ])
    return t.revenue(dir, period: "2026-01")
  }

  @Test func shortGapsAreFilledOnTheLineBetweenTheirNeighbours() throws {
    let (r, messages) = try Self.revenue("estimate linear up to 4")
    let revenue = try #require(r, "\(messages)")
    #expect(revenue.total("sales") == Exact("831.000005"))
    #expect(revenue.data.estimatedIntervals == ["E": 3])
    #expect(revenue.data.missingIntervals == ["E": 6])
    // The rule is named by its line: the contract's `estimate` (line 5).
    let by = try #require(revenue.data.estimatedBy)
    #expect(by.hasSuffix("/test.contract:5"))
    #expect(
      RevenueText.render(revenue).contains(
        "intervals estimated by the 'estimate' rule at \(by):\n  E: 3\n"))
  }

  @Test func withoutTheRuleNothingIsEstimated() throws {
    let (r, messages) = try Self.revenue("estimate none")
    let revenue = try #require(r, "\(messages)")
    #expect(revenue.total("sales") == Exact("781.000003"))
    #expect(revenue.data.estimatedIntervals == nil)
    #expect(revenue.data.missingIntervals == ["E": 9])
  }

  /// `up to 1` fills only the single gap of 2026-01-02 10:00.
  @Test func theLimitCountsIntervalsInARow() throws {
    let (r, messages) = try Self.revenue("estimate linear up to 1")
    let revenue = try #require(r, "\(messages)")
    #expect(revenue.total("sales") == Exact("781.000005"))
    #expect(revenue.data.estimatedIntervals == ["E": 1])
  }

  /// Same weekday: 2026-01-14 (a Wednesday) 12:00 missing takes the mean of the other
  /// Wednesdays' 12:00 in January: the 7th 3, the 21st 5, the 28th 6 kWh: 14 / 3 =
  /// 4.6666666... -> 4.666667. 2026-01-01 00:00 (a Thursday, the period's first interval) takes
  /// the 8th, 15th, 22nd and 29th's 1 kWh: 1. Read: 742 readings, 739 of 1 kWh and 3 + 5 + 6:
  /// 753 kWh; with the estimates 758.666667 kWh.
  @Test func sameWeekdayTakesTheMeanOfTheOtherWeeks() throws {
    let (r, messages) = try Self.revenue(
      "estimate same-weekday up to 2",
      ["01T00": nil, "07T12": "3", "14T12": nil, "21T12": "5", "28T12": "6"])
    let revenue = try #require(r, "\(messages)")
    #expect(revenue.total("sales") == Exact("758.666667"))
    #expect(revenue.data.estimatedIntervals == ["E": 2])
    #expect(revenue.data.missingIntervals == [:])
  }

  /// The statement (text and the JSON a ledger records) names the estimated intervals too.
  @Test func theStatementAndItsRecordCountTheEstimates() throws {
    let t = try TestBundle(contract: Self.contract("estimate linear up to 4"))
    defer { t.remove() }
    let dir = try t.bundle(
      "2026-01",
      [
        "meters.csv": "meter,kind,interval\nE,on-grid-export,60\n",
        "readings.csv": Self.readings(), "facts.csv": "fact,value\nprice,1\n",
      ])
    let (settled, messages) = t.settle(dir, period: "2026-01")
    let s = try #require(settled, "\(messages)")
    let by = try #require(s.revenue.data.estimatedBy)
    #expect(
      StatementText.render(s).contains(
        "intervals estimated by the 'estimate' rule at \(by):\n  E: 3\n"))
    #expect(
      StatementText.render(s, wording: .zh).contains("按 \(by) 的 estimate 规则估算的时段：\n  E: 3\n"))
    let json = String(decoding: try JSONEncoder().encode(s), as: UTF8.self)
    #expect(json.contains("\"estimatedIntervals\":{\"E\":3}"))
  }
}

/// A workbook's gaps are estimated as a CSV file's are: the neighbours of each gap are read
/// from the sheet.
@Suite struct WorkbookGapEstimateTests {
  @Test func aWorkbooksGapsAreFilledAsACSVFilesAre() throws {
    let t = try TestBundle(contract: GapEstimateTests.contract("estimate linear up to 4"))
    defer { t.remove() }
    let dir = try t.bundle(
      "2026-01",
      [
        "meters.csv": "meter,kind,interval\nE,on-grid-export,60\n",
        "facts.csv": "fact,value\nprice,1\n",
      ])
    var book = Workbook()
    let lines = GapEstimateTests.readings().split(separator: "\n").dropFirst()
    book.add(
      "readings", header: ["meter", "timestamp", "kwh"],
      rows: lines.map { line in
        let f = line.split(separator: ",").map(String.init)
        return [.text(f[0]), .text(f[1]), .number(Exact(f[2])!)]
      })
    try Data(book.bytes()).write(to: URL(fileURLWithPath: dir + "/readings.xlsx"))
    let (r, messages) = t.revenue(dir, period: "2026-01")
    let revenue = try #require(r, "\(messages)")
    #expect(revenue.total("sales") == Exact("831.000005"))
    #expect(revenue.data.estimatedIntervals == ["E": 3])
    #expect(revenue.data.missingIntervals == ["E": 6])
  }
}

/// `estimate` in a bundle's import profile: the rule for that bundle's gaps where the contract
/// has no `estimate` line; where it has one, the contract's governs and a different rule in the
/// bundle is refused.
@Suite struct BundleEstimateTests {
  static func revenue(contractLine: String, profile: String) throws -> (PeriodRevenue?, String) {
    let t = try TestBundle(contract: GapEstimateTests.contract(contractLine))
    defer { t.remove() }
    let dir = try t.bundle(
      "2026-01",
      [
        "meters.csv": "meter,kind,interval\nE,on-grid-export,60\n",
        "readings.csv": GapEstimateTests.readings(), "facts.csv": "fact,value\nprice,1\n",
        "import.profile": profile,
      ])
    return t.revenue(dir, period: "2026-01")
  }

  @Test func theBundlesRuleWhereTheContractHasNone() throws {
    let (r, messages) = try Self.revenue(contractLine: "", profile: "estimate = linear up to 4\n")
    let revenue = try #require(r, "\(messages)")
    #expect(revenue.total("sales") == Exact("831.000005"))
    #expect(revenue.data.estimatedIntervals == ["E": 3])
    // Traced to the profile's line, not the contract's.
    #expect(revenue.data.estimatedBy?.hasSuffix("2026-01/import.profile:1") == true)
    let (none, _) = try Self.revenue(contractLine: "", profile: "estimate = none\n")
    #expect(try #require(none).total("sales") == Exact("781.000003"))
  }

  @Test func theContractsRuleGoverns() throws {
    let (same, sameMessages) = try Self.revenue(
      contractLine: "estimate linear up to 4", profile: "estimate = linear up to 4\n")
    #expect(try #require(same, "\(sameMessages)").total("sales") == Exact("831.000005"))
    let (r, messages) = try Self.revenue(
      contractLine: "estimate none", profile: "# the March outage\nestimate = linear up to 4\n")
    #expect(r == nil)
    #expect(
      messages.contains(
        "import.profile:2:1: error[bad-estimate]: the bundle's estimate differs from the contract's, which governs"
      ))
    #expect(messages.contains("test.contract:5:1: note: the contract's estimate"))
  }

  @Test func aRuleThatIsNotOneIsRefused() throws {
    let (r, messages) = try Self.revenue(contractLine: "", profile: "estimate = linear up to 200\n")
    #expect(r == nil)
    #expect(
      messages.contains(
        "import.profile:1:12: error[bad-profile]: the most intervals filled in a row is a whole number from 1 to 96"
      ))
  }
}

/// An `estimate` value is read as the other keys' values are: in any case, its words apart by
/// spaces or tabs; its count is digits only.
@Suite struct BundleEstimateSpellingTests {
  @Test func spellings() throws {
    for v in ["LINEAR up to 4", "linear\tup to 4", "Linear  Up  To  4"] {
      let (r, messages) = try BundleEstimateTests.revenue(
        contractLine: "", profile: "estimate = \(v)\n")
      #expect(try #require(r, "\(v): \(messages)").total("sales") == Exact("831.000005"))
    }
    let (plus, messages) = try BundleEstimateTests.revenue(
      contractLine: "", profile: "estimate = linear up to +4\n")
    #expect(plus == nil)
    #expect(messages.contains("error[bad-profile]"), "\(messages)")
  }
}
