import Foundation
import Testing

@testable import ParkShare

/// Annual floors where the term cuts a calendar year, in a year with a negative quarter, and
/// the two ways of settling an annual term agreeing on every party's year.
@Suite struct AnnualTermsOverTheTermTests {
  /// A term from 2026Q3 to 2027Q2: 2026 and 2027 each hold two of its quarters.
  static let midYear = RunningTotalsTests.header.replacingOccurrences(
    of: "settle quarterly from 2026Q1 to 2028Q4", with: "settle quarterly from 2026Q3 to 2027Q2")
  static let midQuarters = ["2026Q3", "2026Q4", "2027Q1", "2027Q2"]

  /// Pool 500 a quarter, split a 80%, b 20% (b's own 100), floor b 1,000 a year: a year the
  /// term holds two quarters of owes 1,000 x 2 / 4 = 500.
  ///
  /// - Applied to date: 2026Q3 due 1,000 x 1/4 = 250 (top-up 150), 2026Q4 due 500, received
  ///   250: 250 again; 2027 starts again: 250, 250. b's 2026 is 500, its 2027 500.
  /// - With true-up: 2026Q3 b 100; 2026Q4 is 2026's last quarter in the term: due 500,
  ///   received 100, take 100: a true-up of 300 (from a: 400 - 300 = 100); likewise 2027Q1 100
  ///   and 2027Q2, the term's last quarter, 400 (a 100). Each year b 500, a 500.
  @Test func aYearTheTermCutsOwesItsQuartersShare() throws {
    let toDate = try AnnualFloorTests.settle(
      "  split a 80%, b 20%\n  floor b 1,000 CNY per year\n", ["500", "500", "500", "500"],
      header: Self.midYear, periods: Self.midQuarters)
    #expect(AnnualFloorTests.nets(toDate, "b") == ["250", "250", "250", "250"].map(x))
    let trued = try AnnualFloorTests.settle(
      "  split a 80%, b 20%\n  floor b 1,000 CNY per year with true-up\n",
      ["500", "500", "500", "500"], header: Self.midYear, periods: Self.midQuarters)
    #expect(AnnualFloorTests.nets(trued, "b") == ["100", "400", "100", "400"].map(x))
    #expect(AnnualFloorTests.nets(trued, "a") == ["400", "100", "400", "100"].map(x))
  }

  /// Pool 1,000 a quarter split a 40%, b 60% (b's own 600), cap b 1,000 a year: a year the term
  /// holds two quarters of caps b at 1,000 x 2 / 4 = 500, as an annual floor owes its share.
  ///
  /// - Applied to date: 2026Q3 b 500 (its 600 held at 500; a 500); 2026Q4 b 0 (the year's 500
  ///   is reached; a 1,000); 2027 starts again: 500, 0.
  /// - With true-up: 2026Q3 b 600 (an advance); 2026Q4, 2026's last quarter in the term: its
  ///   600 brings the year to 1,200, a true-up of 500 - 1,200 = -700 (b -100, a 400 + 700 =
  ///   1,100); 2027 likewise. Each year b 500, a 1,500.
  /// - The line says so: `cap 1,000 CNY per year (2026: 2 of 4 periods in the term, 500 CNY)`.
  @Test func aYearTheTermCutsCapsItsQuartersShare() throws {
    let toDate = try AnnualFloorTests.settle(
      "  split a 40%, b 60%\n  cap b 1,000 CNY per year\n", ["1000", "1000", "1000", "1000"],
      header: Self.midYear, periods: Self.midQuarters)
    #expect(AnnualFloorTests.nets(toDate, "b") == ["500", "0", "500", "0"].map(x))
    #expect(AnnualFloorTests.nets(toDate, "a") == ["500", "1000", "500", "1000"].map(x))
    let cap = try #require(toDate[0].pools[0].lines.first { $0.kind == .cap })
    #expect(
      Wording.en.basis(cap.basis).hasPrefix(
        "cap 1,000 CNY per year (2026: 2 of 4 periods in the term, 500 CNY), 0 received this year before"
      ), "\(Wording.en.basis(cap.basis))")
    #expect(
      Wording.zh.basis(cap.basis).hasPrefix(
        "年度上限 1,000 CNY（2026 年合同期内 2/4 期：500 CNY），本年此前已得 0"),
      "\(Wording.zh.basis(cap.basis))")
    let trued = try AnnualFloorTests.settle(
      "  split a 40%, b 60%\n  cap b 1,000 CNY per year with true-up\n",
      ["1000", "1000", "1000", "1000"], header: Self.midYear, periods: Self.midQuarters)
    #expect(AnnualFloorTests.nets(trued, "b") == ["600", "-100", "600", "-100"].map(x))
    #expect(AnnualFloorTests.nets(trued, "a") == ["400", "1100", "400", "1100"].map(x))
  }

  /// Pool 500, -500, 500, 500 split a 80%, b 20%, losses shared likewise, floor b 1,000 a
  /// year:
  ///
  /// - Q1: due 250, b's own 100: top-up 150: b 250, a 250.
  /// - Q2: the pool is negative: the loss rule bears it (b -100, a -400); the floor waits.
  ///   b's year: 150 received, 150 of it top-ups.
  /// - Q3: due 750, received 150, take 100: at least 600; its own 100 - 150 = -50: a top-up of
  ///   500, but a took 400: a gives all 400 (a 0), b 500; the rest waits for Q4.
  /// - Q4: due 1,000, received 650 (550 top-ups), take 100: at least 350: top-up 250 from a's
  ///   400: b 350, a 150. b's year 250 - 100 + 500 + 350 = 1,000, a's 250 - 400 + 0 + 150 = 0:
  ///   the year's pool of 1,000 all b's.
  /// - With true-up: b 100, -100, 100 and in Q4 (received 100, take 100) a true-up of 800,
  ///   a giving 800 of its 400: b 900, a -400. The same years: b 1,000, a 0.
  @Test func aNegativeQuarterIsLeftToTheLossRuleAndTheFloorCatchesUp() throws {
    let amounts = ["500", "-500", "500", "500"]
    let steps = "  split a 80%, b 20%\n  loss split a 80%, b 20%\n  floor b 1,000 CNY per year"
    let toDate = try AnnualFloorTests.settle(
      steps + "\n", amounts, periods: Array(AnnualFloorTests.quarters.prefix(4)))
    #expect(AnnualFloorTests.nets(toDate, "b") == ["250", "-100", "500", "350"].map(x))
    #expect(AnnualFloorTests.nets(toDate, "a") == ["250", "-400", "0", "150"].map(x))
    let trued = try AnnualFloorTests.settle(
      steps + " with true-up\n", amounts, periods: Array(AnnualFloorTests.quarters.prefix(4)))
    #expect(AnnualFloorTests.nets(trued, "b") == ["100", "-100", "100", "900"].map(x))
    #expect(AnnualFloorTests.nets(trued, "a") == ["400", "-400", "400", "-400"].map(x))
  }

  /// Property: for pools of any positive amounts split by fixed shares, an annual cap or floor
  /// applied to the year to date and the same term settled as advances with a true-up give
  /// every party the same year (its four quarters summed). Over 16 random years both terms
  /// bind in some (checked, so the property is not held only by terms that never act).
  @Test func appliedToDateAndTrueUpAgreeOverTheYear() throws {
    var rng = SplitMixRandom(seed: 14)
    let periods = Array(AnnualFloorTests.quarters.prefix(4))
    var bound: [String: Int] = [:]
    for _ in 0..<16 {
      // Multiples of 10 CNY from 400 to 2,000: shares of 30% and 70% stay in whole yuan, and
      // a (70%, at least 280) always covers what the floor asks of a quarter (at most its
      // quarter 1,200 / 4 = 300 less b's own 120).
      let amounts = (0..<4).map { _ in "\(400 + 10 * Int(rng.next() % 161))" }
      for term in ["cap b 1,500 CNY per year", "floor b 1,200 CNY per year"] {
        let toDate = try AnnualFloorTests.settle(
          "  split a 70%, b 30%\n  \(term)\n", amounts, periods: periods)
        let trued = try AnnualFloorTests.settle(
          "  split a 70%, b 30%\n  \(term) with true-up\n", amounts, periods: periods)
        if trued[3].pools[0].lines.contains(where: { $0.kind == .trueUp }) {
          bound[term, default: 0] += 1
        }
        for party in ["a", "b"] {
          #expect(
            try AnnualFloorTests.yearTotal(toDate[...], party)
              == AnnualFloorTests.yearTotal(trued[...], party), "\(term), \(amounts)")
        }
      }
    }
    #expect(bound.count == 2 && bound.values.allSatisfy { $0 > 0 && $0 < 16 }, "\(bound)")
  }

  /// The lines' bases in both languages, and the top-ups carried through a state file.
  @Test func theLinesSayWhatTheYearOwesAndTheStateCarriesTheTopUps() throws {
    let contract =
      RunningTotalsTests.header + """

        pool p = income
          split a 80%, b 20%
          floor b 1,000 CNY per year
        """
    let s = try RunningTotalsTests.settleInOrder(contract, ["2026Q1", "2026Q2"]) { _ in
      [("amount", "500"), ("delivered", "0")]
    }
    let floor = try #require(s[1].pools[0].lines.first { $0.kind == .floor })
    #expect(
      Wording.en.basis(floor.basis)
        == "floor 1,000 CNY per year for b: 500 CNY due to date; 250 CNY received this year before, 150 CNY of it top-ups; take 100"
    )
    #expect(
      Wording.zh.basis(floor.basis)
        == "b 年度保底 1,000 CNY：截至本期应得 500 CNY；本年此前已得 250 CNY，其中保底补足 150 CNY；本期应得 100"
    )
    let share = try #require(s[1].pools[0].lines.first { $0.kind == .floorShare })
    #expect(
      Wording.en.basis(share.basis)
        == "floor 1,000 CNY per year for b: 150 CNY by the split's shares")
    let t = try TestBundle(contract: contract)
    defer { t.remove() }
    let closing = s[1].closing
    #expect(closing.totals["floor(b, p)"]?.yearToDate == x("300"))
    let path = t.folder.appendingPathComponent("closing.json").path
    try JSONOutput.document(closing).write(to: URL(fileURLWithPath: path))
    let (read, problems) = CarryStateReader.read(path, contract: t.contract)
    #expect(problems.isEmpty, "\(problems)")
    #expect(read == closing)
  }

  /// A year-end true-up's line, worded.
  @Test func aTrueUpLineNamesTheYear() throws {
    let s = try AnnualFloorTests.settle(
      "  split a 40%, b 60%\n  cap b 1,000 CNY per year with true-up\n",
      ["1000", "1000", "1000", "1000"], periods: Array(AnnualFloorTests.quarters.prefix(4)))
    let line = try #require(s[3].pools[0].lines.first { $0.kind == .trueUp })
    #expect(
      Wording.en.basis(line.basis)
        == "year-end true-up, cap 1,000 CNY per year for b: 1,000 CNY for the year; 1,800 CNY received this year before, take 600"
    )
    #expect(
      Wording.zh.basis(line.basis)
        == "年末清算，b 年度上限 1,000 CNY：全年应得 1,000 CNY；本年此前已得 1,800 CNY，本期应得 600")
    #expect(line.basis.record == Wording.en.basis(line.basis))
  }
}

/// An annual floor's carried top-ups through the ledger: settled quarter by quarter with
/// `parkshare settle --ledger`, each statement's closing state is the one settling in process
/// (the path `simulate` takes) carries, and the ledger verifies.
@Suite struct AnnualFloorLedgerTests {
  @Test func theLedgerCarriesTheFloorsTopUps() throws {
    let contract =
      RunningTotalsTests.header + """

        pool p = income
          split a 80%, b 20%
          floor b 1,000 CNY per year
        """
    let t = try TestBundle(contract: contract)
    defer { t.remove() }
    let amounts = ["500", "500", "5000", "500", "500"]
    let ledger = t.folder.appendingPathComponent("ledger").path
    var state: CarryState? = nil
    for (i, text) in AnnualFloorTests.quarters.enumerated() {
      let period = try #require(Period(text))
      let dir = try t.facts(text, [("amount", amounts[i]), ("delivered", "0")])
      let settled = try runParkshare([
        "settle", t.folder.appendingPathComponent("test.contract").path, "--data", dir,
        "--period", text, "--ledger", ledger, "--issued", SampleYearTests.issued(period),
        "--format", "json",
      ])
      try #require(settled.status == 0, "\(text): \(settled.err)")
      let (s, messages) = t.settle(dir, period: text, opening: state)
      let inProcess = try #require(s, "\(text): \(messages)")
      let recorded = SampleYearTests.object(try LedgerTests.json(settled.out), "closing")
      #expect(
        try LedgerSimulateAgreementTests.json(inProcess.closing)
          == NSDictionary(dictionary: recorded), "\(text)")
      state = inProcess.closing
    }
    let verified = try runParkshare(["ledger", "verify", ledger])
    #expect(verified.status == 0, "\(verified.err)")
  }
}
