import Foundation
import Testing

@testable import ParkShare

/// Demand-response events from the readings (issue 17, item 3): `reduction(use, 5)` is each
/// event's verified reduction in kW against the mean of the same window on the latest five
/// working days before it (the calendar's holidays and make-up days respected, other event days
/// left out), so a threshold (`at-least`) and a cap (`monthly-min`) judge every event alone.
@Suite struct DemandResponseEventTests {
  static let contract = """
    contract dr "demand response"
    currency CNY rounding half-up
    settle quarterly from 2026Q2 to 2027Q1
    party agg "aggregator" operator
    parties members from "members.csv" enterprise
    meter use consumption per members
    input declared kW per members
    let verified = reduction(use, 5)
    let eligible = at-least(verified, 50% x declared)
    let paid_kw = monthly-min(eligible, 120% x declared)
    revenue dr = sum(paid_kw) x 4 CNY/kW
    pool p = dr
      pay agg 10% of pool
      split members by paid_kw
    """

  /// Three members' loads (kW) in the windows; every other interval of the quarter at the
  /// member's usual load (A 1,000, B 800, C 2,000).
  /// - E0, Tuesday 2026-04-28 14:00-15:00: baseline days 04-27, 04-24, 04-23, 04-22, 04-21 (the
  ///   weekend of 25-26 April skipped): A 1,000, B 800, C 2,000. On the day A 900 (100 kW, under
  ///   half its 500 declared: 0), B 500 (300 kW, paid 300), C 2,000 (0).
  /// - E1, Thursday 2026-05-07 14:00-16:00, after the May Day holiday (1-5 May in calendar.csv):
  ///   baseline days 05-06, 04-30, 04-29, 04-27, 04-24 (the holiday, the weekend and E0's day
  ///   04-28 skipped). A ran 1,200 kW on 04-30, so its baseline is (4 x 1,000 + 1,200) / 5 =
  ///   1,040 kW; it ran 600 on the day: 440 kW (cap 600: paid 440). B 700 against 800: 100 kW,
  ///   under half its 400 declared: 0. C 1,000 against 2,000: 1,000 kW, capped at 120% x 600 =
  ///   720.
  /// Paid at 4 CNY a kW an event: (300 + 440 + 720) x 4 = 5,840 CNY; the aggregator keeps 584,
  /// the members share 5,256 by paid kW (A 440, B 300, C 720 of 1,460): 1,584, 1,080, 2,592.
  static func bundle(_ t: TestBundle) throws -> String {
    let period = Period("2026Q2")!
    let start = Timestamp.parkMinutes(month: period.firstMonth)
    let end = Timestamp.parkMinutes(month: period.lastMonth + 1)
    let first = CalendarDay.first(of: period).number
    func load(_ member: String, _ day: String, _ minute: Int) -> Int {
      let usual = ["A": 1000, "B": 800, "C": 2000][member]!
      if day == "2026-04-28", minute >= 14 * 60, minute < 15 * 60 {
        return ["A": 900, "B": 500, "C": 2000][member]!
      }
      if day == "2026-05-07", minute >= 14 * 60, minute < 16 * 60 {
        return ["A": 600, "B": 700, "C": 1000][member]!
      }
      if day == "2026-04-30", member == "A", minute >= 14 * 60, minute < 16 * 60 { return 1200 }
      return usual
    }
    var rows = "meter,timestamp,kwh\n"
    for t in stride(from: start, to: end, by: 15) {
      let day = "\(CalendarDay(number: first + (t - start) / 1440))"
      let minute = (t - start) % 1440
      for m in ["A", "B", "C"] {
        // A quarter-hour's kWh is kW / 4.
        rows += "M-\(m),\(Timestamp.text(parkMinutes: t)),\(load(m, day, minute) / 4)\n"
      }
    }
    return try t.bundle(
      "q2",
      [
        "meters.csv":
          "meter,kind,party,interval\nM-A,consumption,A,15\nM-B,consumption,B,15\nM-C,consumption,C,15\n",
        "readings.csv": rows,
        "facts.csv": "fact,value,member\ndeclared,500,A\ndeclared,400,B\ndeclared,600,C\n",
        "events.csv":
          "event,day,from,to,note\nE0,2026-04-28,14:00,15:00,\nE1,2026-05-07,14:00,16:00,午后削峰\n",
        "calendar.csv":
          "day,kind,note\n2026-05-01,holiday,劳动节\n2026-05-02,holiday,\n2026-05-03,holiday,\n2026-05-04,holiday,\n2026-05-05,holiday,\n",
      ])
  }

  @Test func aBaselineOfFiveWorkingDaysAcrossAHolidayAndEachEventJudgedAlone() throws {
    let t = try TestBundle(
      contract: Self.contract, files: ["members.csv": "id,name\nA,甲\nB,乙\nC,丙\n"])
    defer { t.remove() }
    let dir = try Self.bundle(t)
    let (r, messages) = t.revenue(dir, period: "2026Q2")
    let revenue = try #require(r, "\(messages)")
    #expect(try revenue.total("dr") == Exact(5840))
    let verified = try #require(revenue.item("verified")).value
    let cells = Dictionary(
      uniqueKeysWithValues: verified.cells.map { ("\($0.key.member!) \($0.key.event!)", $0.value) })
    #expect(
      cells == [
        "A E0": Exact(100), "B E0": Exact(300), "C E0": .zero, "A E1": Exact(440),
        "B E1": Exact(100), "C E1": Exact(1000),
      ], "\(cells)")
    let (s, m2) = t.settle(dir, period: "2026Q2")
    let settlement = try #require(s, "\(m2)")
    let net = Dictionary(
      uniqueKeysWithValues: settlement.statements.map { ($0.party, "\($0.net)") })
    #expect(net == ["agg": "584.00", "A": "1584.00", "B": "1080.00", "C": "2592.00"], "\(net)")
  }

  @Test func theBaselineDaysAreNamedAndTooFewAreRefused() throws {
    let t = try TestBundle(
      contract: Self.contract, files: ["members.csv": "id,name\nA,甲\nB,乙\nC,丙\n"])
    defer { t.remove() }
    let dir = try Self.bundle(t)
    let (r, messages) = t.revenue(dir, period: "2026Q2")
    let revenue = try #require(r, "\(messages)")
    let text = try #require(revenue.item("verified")).details.map { Wording.en.detail($0) }
    #expect(
      text.contains {
        $0.what == "reduction(use, 5) A event E1 2026-05-07 14:00-16:00"
          && $0.value
            == "baseline 2,080 kWh (mean of 2026-04-24, 2026-04-27, 2026-04-29, 2026-04-30, 2026-05-06) - actual 1,200 kWh = 440 kW"
      }, "\(text)")
    // An event on the period's second day has one working day before it in the readings.
    try t.write(
      "q2/events.csv", "event,day,from,to\nE0,2026-04-02,14:00,15:00\n")
    let (r2, m2) = t.revenue(dir, period: "2026Q2")
    #expect(r2 == nil)
    #expect(
      m2.contains(
        "event 'E0' on 2026-04-02 needs 5 working days without events before it; the readings hold 1 (from 2026-04-01)"
      ), "\(m2)")
  }

  /// The top 2 of the latest 5 days (Beijing's rule, here 2 of 5): A's E1 days hold 2,400 kWh
  /// in the window on 04-30 and 2,000 on the others; the top two are 04-30 and, on the tie,
  /// the latest, 05-06: (2,400 + 2,000) / 2 = 2,200 kWh against 1,200 on the day, 1,000 kWh
  /// over two hours: 500 kW.
  @Test func theTopDaysOfABaselineAndEveryBadEventRowLocated() throws {
    let t = try TestBundle(
      contract: Self.contract.replacingOccurrences(
        of: "reduction(use, 5)", with: "reduction(use, 2, 5)"),
      files: ["members.csv": "id,name\nA,甲\nB,乙\nC,丙\n"])
    defer { t.remove() }
    let dir = try Self.bundle(t)
    let (r, messages) = t.revenue(dir, period: "2026Q2")
    let verified = try #require(r?.item("verified")?.value, "\(messages)")
    #expect(
      verified.cells[Facet(member: "A", month: Period("2026-05")!.firstMonth, event: "E1")]
        == Exact(500))

    try t.write(
      "q2/events.csv",
      """
      event,day,from,to
      E0,2026-04-28,14:00,15:00
      E0,2026-04-29,14:00,15:00
      E2,2026-07-01,14:00,15:00
      E3,2026-05-12,16:00,14:00
      E4,2026-05-13,14:05,15:00
      E5,2026-05-14,14:00,16:00
      E6,2026-05-14,15:00,17:00

      """)
    try t.write(
      "q2/calendar.csv", "day,kind\n2026-05-01,holiday\n2026-05-01,holiday\n2026-05-09,weekend\n")
    let (r2, m2) = t.revenue(dir, period: "2026Q2")
    #expect(r2 == nil)
    for expected in [
      "events.csv:3:1: error[duplicate-fact]: event 'E0' is given twice",
      "events.csv:4:1: error[outside-period]: event 'E2' on 2026-07-01 is outside 2026Q2",
      "events.csv:5:1: error[bad-time]: event 'E3' runs from '16:00' to '14:00': not a window of the day",
      "events.csv:8:1: error[duplicate-interval]: events 'E5' and 'E6' overlap on 2026-05-14 (14:00-16:00 and 15:00-17:00): the same reduction would be paid twice",
      "calendar.csv:3:1: error[duplicate-fact]: 2026-05-01 is given twice in the calendar",
      "calendar.csv:4:1: error[bad-value]: 'weekend' is not a kind of day",
    ] {
      #expect(m2.contains(expected), "\(expected)\n\(m2)")
    }
  }

  /// For programmes paying per kWh reduced: `reduction-kwh` is the same reduction over the
  /// window in kWh: A's 440 kW over E1's two hours is 880 kWh, B's 300 kW over E0's hour 300.
  @Test func theReductionInKWhIsTheSameOverTheWindowsHours() throws {
    let t = try TestBundle(
      contract: Self.contract + "\nlet reduced_kwh = reduction-kwh(use, 5)\n",
      files: ["members.csv": "id,name\nA,甲\nB,乙\nC,丙\n"])
    defer { t.remove() }
    let dir = try Self.bundle(t)
    let (r, messages) = t.revenue(dir, period: "2026Q2")
    let q = try #require(r?.item("reduced_kwh")?.value, "\(messages)")
    #expect(
      q.cells[Facet(member: "A", month: Period("2026-05")!.firstMonth, event: "E1")] == Exact(880))
    #expect(
      q.cells[Facet(member: "B", month: Period("2026-04")!.firstMonth, event: "E0")] == Exact(300))
    let lines = try #require(r?.item("reduced_kwh")).details.map { Wording.zh.detail($0) }
    #expect(lines.contains { $0.value.hasSuffix("= 削减 880 kWh") }, "\(lines)")
  }

  /// An event on a day off (Saturday 9 May) is judged against days off: its baseline is the
  /// latest five days off without events (the May Day holiday, 1-5 May), when A runs 60%
  /// of its load: 600 kW, so shedding to 400 is 200 kW, not the 600 kW a weekday baseline would
  /// pay.
  @Test func anEventOnADayOffTakesItsBaselineFromDaysOff() throws {
    let t = try TestBundle(
      contract: Self.contract, files: ["members.csv": "id,name\nA,甲\nB,乙\nC,丙\n"])
    defer { t.remove() }
    let dir = try Self.bundle(t)
    // Rewrite A's readings: 60% on days off, and 400 kW on 9 May from 14:00 to 15:00.
    let period = Period("2026Q2")!
    let start = Timestamp.parkMinutes(month: period.firstMonth)
    let end = Timestamp.parkMinutes(month: period.lastMonth + 1)
    let first = CalendarDay.first(of: period).number
    let holidays: Set<String> = [
      "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
    ]
    var rows = "meter,timestamp,kwh\n"
    for m in stride(from: start, to: end, by: 15) {
      let day = CalendarDay(number: first + (m - start) / 1440)
      let minute = (m - start) % 1440
      let off = (day.number + 3) % 7 + 1 >= 6 || holidays.contains("\(day)")
      var kW = off ? 600 : 1000
      if "\(day)" == "2026-05-09", minute >= 14 * 60, minute < 15 * 60 { kW = 400 }
      rows +=
        "M-A,\(Timestamp.text(parkMinutes: m)),\(kW / 4)\nM-B,\(Timestamp.text(parkMinutes: m)),200\nM-C,\(Timestamp.text(parkMinutes: m)),500\n"
    }
    try t.write("q2/readings.csv", rows)
    try t.write("q2/events.csv", "event,day,from,to\nS1,2026-05-09,14:00,15:00\n")
    let (r, messages) = t.revenue(dir, period: "2026Q2")
    let verified = try #require(r?.item("verified"), "\(messages)")
    #expect(
      verified.value.cells[Facet(member: "A", month: Period("2026-05")!.firstMonth, event: "S1")]
        == Exact(200))
    let lines = verified.details.map { Wording.en.detail($0) }
    #expect(
      lines.contains {
        $0.value.hasPrefix(
          "baseline 600 kWh (mean of 2026-05-01, 2026-05-02, 2026-05-03, 2026-05-04, 2026-05-05)")
      }, "\(lines)")
  }

  /// `explain --party` shows how a member earned its weight down to each event's baseline: the
  /// split's metric (paid kW) reads eligible kW, which reads the verified reduction.
  @Test func explainShowsAMembersEventsBehindItsShare() throws {
    let t = try TestBundle(
      contract: Self.contract, files: ["members.csv": "id,name\nA,甲\nB,乙\nC,丙\n"])
    defer { t.remove() }
    let dir = try Self.bundle(t)
    let r = try runParkshare([
      "explain", t.folder.appendingPathComponent("test.contract").path, "--data", dir, "--period",
      "2026Q2", "--party", "A",
    ])
    #expect(r.status == 0, "\(r.err)")
    #expect(
      r.out.contains(
        "reduction(use, 5) A event E1 2026-05-07 14:00-16:00: baseline 2,080 kWh (mean of 2026-04-24, 2026-04-27, 2026-04-29, 2026-04-30, 2026-05-06) - actual 1,200 kWh = 440 kW"
      ), "\(r.out)")
    #expect(r.out.contains("declared A: 500 kW"), "\(r.out)")
    #expect(!r.out.contains("reduction(use, 5) B "), "\(r.out)")
  }

  /// An event on the period's second day (Thursday 2 April) takes its baseline back into March
  /// from lookback.csv: 04-01 from the period's readings, then 03-31, 03-30, 03-26 and 03-25
  /// (the weekend skipped, and 03-27 an earlier period's event day, kind `event` in
  /// calendar.csv). A ran 1,400 kW in the window on the March days and 1,000 on 04-01: a
  /// baseline of (1,000 + 4 x 1,400) / 5 = 1,320 kW against 1,000 on the day, 320 kW, paid
  /// 320 x 4 = 1,280 CNY. A March reading missing is named; a row inside the period or more
  /// than 62 days before it is refused at its line.
  @Test func aBaselineReachesBackIntoThePreviousPeriodFromLookbackReadings() throws {
    let t = try TestBundle(
      contract: Self.contract, files: ["members.csv": "id,name\nA,甲\nB,乙\nC,丙\n"])
    defer { t.remove() }
    let dir = try Self.bundle(t)
    try t.write("q2/events.csv", "event,day,from,to\nE0,2026-04-02,14:00,15:00\n")
    try t.write("q2/calendar.csv", "day,kind,note\n2026-03-27,event,上季度响应日\n")
    func lookback(skipping skipped: String? = nil) -> String {
      var rows = "meter,timestamp,kwh\n"
      for day in ["2026-03-25", "2026-03-26", "2026-03-27", "2026-03-30", "2026-03-31"] {
        for minute in ["14:00", "14:15", "14:30", "14:45"] {
          for (m, kW) in [("A", day == "2026-03-27" ? 3000 : 1400), ("B", 800), ("C", 2000)] {
            let stamp = "\(day)T\(minute)+08:00"
            if "M-\(m) \(stamp)" == skipped { continue }
            rows += "M-\(m),\(stamp),\(kW / 4)\n"
          }
        }
      }
      return rows
    }
    try t.write("q2/lookback.csv", lookback())
    let (r, messages) = t.revenue(dir, period: "2026Q2")
    let revenue = try #require(r, "\(messages)")
    #expect(try revenue.total("dr") == Exact(1280))
    let text = try #require(revenue.item("verified")).details.map { Wording.en.detail($0) }
    #expect(
      text.contains {
        $0.what == "reduction(use, 5) A event E0 2026-04-02 14:00-15:00"
          && $0.value
            == "baseline 1,320 kWh (mean of 2026-03-25, 2026-03-26, 2026-03-30, 2026-03-31, 2026-04-01) - actual 1,000 kWh = 320 kW"
      }, "\(text)")

    try t.write("q2/lookback.csv", lookback(skipping: "M-C 2026-03-26T14:30+08:00"))
    let (none, missing) = t.revenue(dir, period: "2026Q2")
    #expect(none == nil)
    #expect(
      missing.contains(
        "event 'E0' on 2026-04-02 takes 2026-03-26 as a baseline day, but lookback.csv has no reading of meter 'M-C' at 2026-03-26T14:30"
      ), "\(missing)")

    try t.write(
      "q2/lookback.csv",
      lookback()
        + "M-A,2026-04-01T00:00+08:00,250\nM-A,2026-01-01T00:00+08:00,250\nM-A,2026-03-25T14:00+08:00,1\n"
    )
    // Read as readings.csv reads kWh and timestamps: a decimal comma, a grouping comma, a
    // sign, a short offset and 24:00 under start labels are each refused at their line.
    try t.write(
      "q2/lookback.csv",
      lookback()
        + "M-A,2026-03-19T14:00+08:00,\"0,350\"\nM-A,2026-03-19T14:15+08:00,\"1,000\"\nM-A,2026-03-19T14:30+08:00,+350\nM-A,2026-03-19T14:45+0800,350\nM-A,2026-03-18T24:00+08:00,350\n"
    )
    let (loose, strict) = t.revenue(dir, period: "2026Q2")
    #expect(loose == nil)
    for expected in [
      "lookback.csv:62:1: error[bad-value]: '0,350' is not a reading of meter 'M-A'",
      "lookback.csv:63:1: error[bad-value]: '1,000' is not a reading of meter 'M-A'",
      "lookback.csv:64:1: error[bad-value]: '+350' is not a reading of meter 'M-A'",
      "lookback.csv:65:1: error[bad-timestamp]: '2026-03-19T14:45+0800' is not an interval's date and time",
      "lookback.csv:66:1: error[bad-timestamp]",
    ] {
      #expect(strict.contains(expected), "\(expected)\n\(strict)")
    }
    // A profile that reads the readings in Wh (or as register reads) does not read lookback.csv
    // so: refused, never a baseline a thousand times too large.
    try t.write("q2/lookback.csv", lookback())
    try t.write("q2/import.profile", "unit = kWh\n")
    #expect(t.revenue(dir, period: "2026Q2").revenue != nil)
    try t.write("q2/import.profile", "unit = Wh\n")
    let (wh, whMessages) = t.revenue(dir, period: "2026Q2")
    #expect(wh == nil)
    #expect(
      whMessages.contains(
        "error[bad-profile]: lookback.csv is read as long readings (meter,timestamp,kwh) in kWh"),
      "\(whMessages)")
    try FileManager.default.removeItem(at: t.folder.appendingPathComponent("q2/import.profile"))
    try t.write(
      "q2/lookback.csv",
      lookback()
        + "M-A,2026-04-01T00:00+08:00,250\nM-A,2026-01-01T00:00+08:00,250\nM-A,2026-03-25T14:00+08:00,1\n"
    )

    let (refused, rows) = t.revenue(dir, period: "2026Q2")
    #expect(refused == nil)
    for expected in [
      "lookback.csv:62:1: error[outside-period]: 2026-04-01T00:00+08:00 is in 2026Q2: lookback.csv holds only the days before it",
      "lookback.csv:63:1: error[outside-period]: 2026-01-01T00:00+08:00 is more than 62 days before 2026Q2",
      "lookback.csv:64:1: error[duplicate-interval]: meter 'M-A' is read twice at 2026-03-25T14:00+08:00",
    ] {
      #expect(rows.contains(expected), "\(expected)\n\(rows)")
    }
  }

  /// Under `gaps zero` a missing reading counts as 0 kWh, which inside an event's window would
  /// pay A's whole baseline as its reduction: a window (the event day's or a baseline day's)
  /// with an interval no meter read is refused, naming the meter and the interval. A gap
  /// outside every window is counted as 0, as the contract says.
  @Test func aGapInsideAWindowIsRefusedUnderGapsZero() throws {
    let t = try TestBundle(
      contract: Self.contract.replacingOccurrences(
        of: "settle quarterly from 2026Q2 to 2027Q1",
        with: "settle quarterly from 2026Q2 to 2027Q1\ngaps zero"),
      files: ["members.csv": "id,name\nA,甲\nB,乙\nC,丙\n"])
    defer { t.remove() }
    let dir = try Self.bundle(t)
    let readings = try String(
      contentsOf: t.folder.appendingPathComponent("q2/readings.csv"), encoding: .utf8)
    func without(_ stamps: [String]) -> String {
      readings.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
        !stamps.contains { line.hasPrefix("M-A,\($0),") }
      }.joined(separator: "\n")
    }
    // Outside every window: counted as 0, the figures as before.
    try t.write("q2/readings.csv", without(["2026-05-20T03:00+08:00"]))
    let (r, messages) = t.revenue(dir, period: "2026Q2")
    #expect(try r?.total("dr") == Exact(5840), "\(messages)")
    for (stamp, what) in [
      ("2026-05-07T14:30+08:00", "the event day"),
      ("2026-04-30T15:45+08:00", "2026-04-30 as a baseline day"),
    ] {
      try t.write("q2/readings.csv", without([stamp]))
      let (none, refused) = t.revenue(dir, period: "2026Q2")
      #expect(none == nil)
      #expect(
        refused.contains(
          "event 'E1' on 2026-05-07 reads \(what), but meter 'M-A' has no reading at \(stamp) (a gap counted as 0 kWh)"
        ), "\(refused)")
    }
  }

  /// A member of the programme with no meter would show no response to any event: refused by
  /// name rather than paid or judged on 0 kW that no reading backs.
  @Test func aMemberWithoutAMeterIsNamed() throws {
    let t = try TestBundle(
      contract: Self.contract, files: ["members.csv": "id,name\nA,甲\nB,乙\nC,丙\nD,丁\n"])
    defer { t.remove() }
    let dir = try Self.bundle(t)
    try t.write(
      "q2/facts.csv",
      "fact,value,member\ndeclared,500,A\ndeclared,400,B\ndeclared,600,C\ndeclared,100,D\n")
    let (none, messages) = t.revenue(dir, period: "2026Q2")
    #expect(none == nil)
    #expect(
      messages.contains(
        "member 'D' has no consumption meter in meters.csv: its response to the period's events cannot be verified"
      ), "\(messages)")
    // A PV meter subtracted from the load does not stand for the load: D with only one would
    // be paid for its solar output.
    let pv = try TestBundle(
      contract: Self.contract.replacingOccurrences(
        of: "meter use consumption per members",
        with: "gaps zero\nmeter use consumption per members\nmeter pv pv-generation per members"
      ).replacingOccurrences(of: "reduction(use, 5)", with: "reduction(use - pv, 5)"),
      files: ["members.csv": "id,name\nA,甲\nB,乙\nC,丙\nD,丁\n"])
    defer { pv.remove() }
    let pvDir = try Self.bundle(pv)
    try pv.write(
      "q2/facts.csv",
      "fact,value,member\ndeclared,500,A\ndeclared,400,B\ndeclared,600,C\ndeclared,100,D\n")
    try pv.write(
      "q2/meters.csv",
      "meter,kind,party,interval\nM-A,consumption,A,15\nM-B,consumption,B,15\nM-C,consumption,C,15\nPV-D,pv-generation,D,15\n"
    )
    let readings = pv.folder.appendingPathComponent("q2/readings.csv")
    try pv.write(
      "q2/readings.csv",
      try String(contentsOf: readings, encoding: .utf8) + "PV-D,2026-04-01T00:00+08:00,0\n")
    let (none2, m2) = pv.revenue(pvDir, period: "2026Q2")
    #expect(none2 == nil)
    #expect(m2.contains("member 'D' has no consumption meter in meters.csv"), "\(m2)")
  }

  /// A member paid nothing is told why: with E1 alone, B's 100 kW is under half its 400
  /// declared, so its paid kW is 0 and the split by paid kW passes it over; `explain --party B`
  /// says so and shows B's event and declaration.
  @Test func explainSaysWhyAMemberWasPaidNothing() throws {
    let t = try TestBundle(
      contract: Self.contract, files: ["members.csv": "id,name\nA,甲\nB,乙\nC,丙\n"])
    defer { t.remove() }
    let dir = try Self.bundle(t)
    try t.write("q2/events.csv", "event,day,from,to\nE1,2026-05-07,14:00,16:00\n")
    let r = try runParkshare([
      "explain", t.folder.appendingPathComponent("test.contract").path, "--data", dir, "--period",
      "2026Q2", "--party", "B",
    ])
    #expect(r.status == 0, "\(r.err)")
    #expect(
      r.out.contains("pool p divides by paid_kw: B's is 0 this period, so it takes nothing"),
      "\(r.out)")
    #expect(r.out.contains("reduction(use, 5) B event E1 2026-05-07 14:00-16:00:"), "\(r.out)")
    #expect(r.out.contains("declared B: 400 kW"), "\(r.out)")
  }
}
