import Foundation
import Testing

@testable import ParkShare

/// `solve`: goal-seek on a contract parameter. A fixed-share split whose IRR target has an
/// answer in closed form, a target out of range, a figure that is not monotonic, bounds kept.
@Suite struct GoalSeekTests {
  /// Two years, 1,000 CNY of revenue each; esco invests 1,000 in the first and takes
  /// `esco_share` of the revenue. Its yearly cash flows are -1,000 + 1,000 s and 1,000 s, whose
  /// IRR r solves -1,000 + 1,000 s + 1,000 s / (1 + r) = 0: s = (1 + r) / (2 + r). For r = 10%,
  /// s = 1.1 / 2.1 = 52.380952...%. On the grid of 0.01 points, 52.38% gives 1 + r = 523.8 /
  /// 476.2 (r = 9.996%) and 52.39% gives 523.9 / 476.1 (r = 10.040%): the nearer is 52.38%.
  static let contract = """
    contract seek "goal-seek"
    currency CNY rounding half-up
    settle yearly from 2026 to 2027
    param esco_share = 30%
    param op_share = 100% - esco_share
    party op "op" operator
    party esco "esco" energy-service
    input cash CNY
    revenue sales = cash
    pool p = sales
      clawback esco 600 CNY if esco_share > 50%
      pay op 600 CNY if esco_share > 50%
      split esco esco_share, op op_share
    """

  static func solve(
    _ target: String, between: String? = nil, contract: String = contract
  ) throws -> UseCaseOutcome<SolveUseCase.Answer> {
    let w = try SeekWorkspace(contract: contract, invests: true)
    defer { w.remove() }
    return SolveUseCase.run(
      .init(
        simulate: .init(contract: w.contract, scenario: w.scenario),
        parameter: "esco_share", target: try #require(GoalSeek.Target(target)), between: between))
  }

  @Test func anIRRTargetWithAClosedFormAnswer() throws {
    // Without the clawback (it acts above 50%), the answer of the closed form.
    let plain = Self.contract.replacingOccurrences(
      of: "  clawback esco 600 CNY if esco_share > 50%\n  pay op 600 CNY if esco_share > 50%\n",
      with: "")
    // From 10%: at 0% esco receives nothing, and flows that never turn positive have no IRR.
    let outcome = try Self.solve("irr(esco) = 10%", between: "10%..90%", contract: plain)
    let a = try #require(
      outcome.value, "\(outcome.diagnostics.map(\.message)) \(outcome.usage ?? "")")
    #expect(a.seek.outcome == .solved)
    #expect(a.seek.value == Exact("52.38"))
    let b = try #require(a.seek.bracket)
    #expect(b.map(\.value) == [Exact("52.38")!, Exact("52.39")!])
    // r = 523.8 / 476.2 - 1 and 523.9 / 476.1 - 1, to the IRR's six decimals.
    #expect(
      b.map { $0.figure.map { (try? $0.rounded(scale: 5, .halfEven))!.description } } == [
        "0.09996", "0.10040",
      ])
    // Bisection: the two bounds and about log2(8,000) halvings.
    #expect(a.seek.trials.count <= 16)
  }

  /// received(esco) is 1,000 s up to 50% and 1,000 s - 600 above (the clawback goes to op),
  /// a year, over two years: 0 at 0%, 800 at 100%. 3,000 is out of reach; 500 is met at 25%... but the middle trial (50%:
  /// 1,000) lies above both ends' figures, so the search says it is not monotonic.
  @Test func outOfRangeAndNotMonotonicAreSaid() throws {
    let far = try #require(try Self.solve("received(esco) = 3000").value)
    #expect(far.seek.outcome == .outOfRange)
    #expect(far.seek.trials.map(\.figure) == [Exact("0.00")!, Exact("800.00")!])
    let bumpy = try #require(try Self.solve("received(esco) = 500").value)
    #expect(bumpy.seek.outcome == .notMonotonic)
    #expect(bumpy.seek.trials.last?.value == Exact("50"))
    // Within bounds that keep it monotonic, 25% it is: 250 a year.
    let kept = try #require(try Self.solve("received(esco) = 500", between: "0%..50%").value)
    #expect(kept.seek.outcome == .solved)
    #expect(kept.seek.value == Exact("25"))
    #expect(kept.seek.trials.allSatisfy { $0.value >= .zero && $0.value <= Exact(50) })
  }

  /// An IRR that cannot be computed at a bound (esco receives nothing at 0%) is said, not
  /// guessed past.
  @Test func anUndefinedFigureIsSaid() throws {
    let plain = Self.contract.replacingOccurrences(
      of: "  clawback esco 600 CNY if esco_share > 50%\n  pay op 600 CNY if esco_share > 50%\n",
      with: "")
    let a = try #require(try Self.solve("irr(esco) = 10%", contract: plain).value)
    #expect(a.seek.outcome == .undefined)
    #expect(a.seek.trials.map(\.value) == [Exact("0.00")!])
  }

  @Test func badRequestsAreUsageErrors() throws {
    let unknown = try Self.solve("irr(nobody) = 10%")
    #expect(unknown.usage?.contains("not a party") == true)
    #expect(GoalSeek.Target("irr esco = 10%") == nil)
    // Rates and shares are percentages, amounts and years plain numbers: the other form is
    // refused, not read as something else.
    #expect(GoalSeek.Target("npv(esco) = 60%") == nil)
    #expect(GoalSeek.Target("irr(esco) = 60") == nil)
    #expect(GoalSeek.Target("payback(esco) = 6.5") == nil)
    #expect(GoalSeek.Target("payback(esco) = 6")?.value == Exact(6))
    #expect(GoalSeek.Target("npv(op) = 1,000,000")?.value == Exact(1_000_000))
  }
}

/// `compare A B --scenario S`: one contract against itself with another share for esco, over
/// two projected years of 1,000 CNY: A (30%) 300 a year, B (45%) 450 a year.
@Suite struct TermComparisonTests {
  @Test func twoParameterSetsOverTheTerm() throws {
    let w = try SeekWorkspace(rate: "0.10")
    defer { w.remove() }
    let (contract, scenario) = (w.contract, w.scenario)
    let r = try runParkshare([
      "compare", contract, contract, "--scenario", scenario, "--set-b", "esco_share=45%",
      "--format", "json",
    ])
    #expect(r.status == 0, "\(r.err)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    let parties = try #require(json["parties"] as? [[String: Any]])
    let esco = try #require(parties.first { $0["party"] as? String == "esco" })
    #expect(esco["totalDifference"] as? String == "300.00")
    // NPV at 10%: 150 + 150 / 1.1 = 286.3636... more under B.
    let npv = try #require(Exact(esco["npvDifference"] as? String ?? ""))
    #expect(try npv.rounded(scale: 2, .halfEven) == Exact("286.36"))
    let years = try #require(esco["years"] as? [[String: Any]])
    #expect(years.map { $0["difference"] as? String } == ["150.00", "150.00"])
    let b = try #require(json["b"] as? [String: Any])
    #expect((b["parameters"] as? [[String: Any]])?.first?["value"] as? String == "45%")
    // --year 2027: that year settled under both, clause by clause: esco's split, +150.00,
    // the same as the year's difference above.
    let year = try runParkshare([
      "compare", contract, contract, "--scenario", scenario, "--set-b", "esco_share=45%",
      "--year", "2027", "--format", "json",
    ])
    #expect(year.status == 0, "\(year.err)")
    let y = try #require(
      try JSONSerialization.jsonObject(with: Data(year.out.utf8)) as? [String: Any])
    let clauses = try #require((y["clauses"] as? [String: Any])?["parties"] as? [[String: Any]])
    let e = try #require(clauses.first { $0["party"] as? String == "esco" })
    #expect(e["difference"] as? String == "150.00")
    let split = try #require((e["clauses"] as? [[String: Any]])?.first)
    #expect(split["kind"] as? String == "split")
  }
}

/// Sensitivity moves the contract's numeric parameters too: esco_share 30% -/+10% is 27% / 33%
/// (op_share, derived, follows), so esco receives 30 less / more a year over two years:
/// NPV at 8% -30 - 30 / 1.08 = -57.78 and +57.78.
@Suite struct ParameterSensitivityTests {
  @Test func aParameterHasItsBar() throws {
    let w = try SeekWorkspace()
    defer { w.remove() }
    let (contract, scenario) = (w.contract, w.scenario)
    let outcome = SensitivityUseCase.run(
      .init(contract: contract, scenario: scenario), change: Exact("0.1")!, party: "esco")
    let s = try #require(outcome.value, "\(outcome.diagnostics.map(\.message))")
    let bar = try #require(s.sensitivity.tornado["esco"]?.first { $0.input == "param esco_share" })
    #expect(try bar.lowered.rounded(scale: 2, .halfEven) == Exact("-57.78"))
    #expect(try bar.raised.rounded(scale: 2, .halfEven) == Exact("57.78"))
    // op_share is derived (100% - esco_share): moved alone it would break the split, so it is
    // said to be not moved rather than left out silently.
    #expect(s.sensitivity.skipped?.first?.hasPrefix("op_share:") == true)
  }
}

/// `sensitivity --grid`: esco_share 20%, 30%, 40% by cash 1,000 and 2,000 a year, esco's total
/// over two years: 2 x cash x share.
@Suite struct GridTests {
  @Test func aParameterByAnInput() throws {
    let w = try SeekWorkspace()
    defer { w.remove() }
    let (contract, scenario) = (w.contract, w.scenario)
    let outcome = GridUseCase.run(
      .init(contract: contract, scenario: scenario),
      axes: ["esco_share=20%..40%/10%", "cash=1000..2000/1000"],
      figure: try #require(GoalSeek.Target("received(esco) = 0")))
    let g = try #require(
      outcome.value, "\(outcome.diagnostics.map(\.message)) \(outcome.usage ?? "")")
    #expect(g.rows.values == [Exact(20), Exact(30), Exact(40)])
    #expect(g.columns.kind == .input)
    #expect(
      g.cells.map { $0.map { $0?.description ?? "-" } } == [
        ["400.00", "800.00"], ["600.00", "1200.00"], ["800.00", "1600.00"],
      ])
    let text = GridText.text(g)
    #expect(text.contains("esco_share \\ cash"))
    let svg = GridText.svg(g)
    #expect(svg.hasPrefix("<svg") && svg.contains(">1,600.00</text>"))
    // The same input twice is refused as usage.
    let two = GridUseCase.run(
      .init(contract: contract, scenario: scenario), axes: ["cash=1..2/1", "cash=1..2/1"],
      figure: try #require(GoalSeek.Target("received(esco) = 0")))
    #expect(two.usage?.contains("both 'cash'") == true)
    // The same axis twice, and steps that do not land on HIGH, are refused.
    let same = GridUseCase.run(
      .init(contract: contract, scenario: scenario),
      axes: ["esco_share=20%..40%/10%", "esco_share=20%..40%/10%"],
      figure: try #require(GoalSeek.Target("received(esco) = 0")))
    #expect(same.usage?.contains("both 'esco_share'") == true)
    let short = GridUseCase.run(
      .init(contract: contract, scenario: scenario),
      axes: ["esco_share=20%..40%/7%", "cash=1000..2000/1000"],
      figure: try #require(GoalSeek.Target("received(esco) = 0")))
    #expect(short.usage?.contains("land on HIGH") == true)
    // A run with a parameter set says it is a variant (simulate's text here).
    let variant = SimulateUseCase.run(
      .init(contract: contract, scenario: scenario, parameters: [("esco_share", "35%")]))
    let projection = try #require(variant.value?.projection)
    #expect(
      ProjectionText.text(projection).contains(
        "esco_share = 35% (the contract: 30%), op_share = 65% (the contract: 70%)"))
  }
}

/// A folder with a contract (`seek.contract`), a year of data (`y/facts.csv`: cash 1,000) and a
/// scenario (`s.json`) from it; removed by `remove()`.
struct SeekWorkspace {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "parkshare-seek-\(UUID().uuidString)")
  var contract: String { folder.appendingPathComponent("seek.contract").path }
  var scenario: String { folder.appendingPathComponent("s.json").path }

  init(contract text: String = GoalSeekTests.contract, rate: String = "0.08", invests: Bool = false)
    throws
  {
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("y"), withIntermediateDirectories: true)
    try text.write(toFile: contract, atomically: true, encoding: .utf8)
    try "fact,value\ncash,1000\n".write(
      to: folder.appendingPathComponent("y/facts.csv"), atomically: true, encoding: .utf8)
    let investments =
      invests ? #", "investments": [{"party": "esco", "amount": "1000", "period": "2026"}]"# : ""
    try #"{"data": "y", "period": "2026", "discountRate": "\#(rate)"\#(investments)}"#.write(
      toFile: scenario, atomically: true, encoding: .utf8)
  }

  func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// A party's own costs make its figures its project's. esco takes 90% of 1,000 CNY a year for
/// two years (900 a year) and invests 1,500 in 2026, 500 of it borrowed at 10% for one year; O&M
/// 50 a year; tax 25% on what is left after O&M, interest and depreciation (1,500 over 2 years:
/// 750 a year).
/// 2026: tax 25% x (900 - 50 - 750) = 25.00; cash 900 - 1,500 + 500 - 50 - 25 = -175.00.
/// 2027: interest 50.00, payment 550.00; tax 25% x (900 - 50 - 50 - 750) = 12.50; cash 900 -
/// 550 - 50 - 12.50 = 287.50. IRR 287.5 / 175 - 1 = 64.2857%; NPV at 8% -175 + 287.5 / 1.08 =
/// 91.2037; payback in the second year.
@Suite struct PartyCostsTests {
  @Test func aLoanOMAndTaxMakeTheProjectFigures() throws {
    let plain = GoalSeekTests.contract.replacingOccurrences(
      of: "  clawback esco 600 CNY if esco_share > 50%\n  pay op 600 CNY if esco_share > 50%\n",
      with: "")
    let w = try SeekWorkspace(contract: plain)
    defer { w.remove() }
    try #"""
    {"data": "y", "period": "2026", "discountRate": "0.08", "set": {"esco_share": "90%"},
     "investments": [{"party": "esco", "amount": "1500", "period": "2026"}],
     "costs": {"esco": {"om": {"amount": "50"}, "taxRate": "0.25", "depreciationYears": 2,
                        "loan": {"principal": "500", "rate": "0.10", "years": 1, "year": "2026"}}}}
    """#.write(toFile: w.scenario, atomically: true, encoding: .utf8)
    let outcome = SimulateUseCase.run(.init(contract: w.contract, scenario: w.scenario))
    let s = try #require(outcome.value, "\(outcome.diagnostics.map(\.message))")
    let esco = try #require(s.projection.parties.first { $0.party == "esco" })
    #expect(esco.years.map(\.cash) == [Exact("-175.00")!, Exact("287.50")!])
    #expect(esco.years.map { $0.costs?.tax } == [Exact("25.00"), Exact("12.50")])
    #expect(esco.years.map { $0.costs?.debtService } == [Exact("0.00"), Exact("550.00")])
    #expect(esco.irr == Exact("0.642857"))
    #expect(try esco.npv.rounded(scale: 4, .halfEven) == Exact("91.2037"))
    #expect(esco.payback == 2)
    // op has no costs: its cash is what it receives.
    let op = try #require(s.projection.parties.first { $0.party == "op" })
    #expect(op.years.allSatisfy { $0.costs == nil && $0.cash == $0.received })
  }

  /// A two-year annuity: 1,000 at 5%: payment 1,000 x 0.05 / (1 - 1.05^-2) = 537.8049 -> 537.80;
  /// interest 50.00, leaving 1,000 + 50 - 537.80 = 512.20; then interest 25.61 (5% of 512.20)
  /// and the second payment closes the balance: 512.20 + 25.61 = 537.81.
  @Test func anAnnuityClosesItsBalance() throws {
    var c = PartyCosts()
    c.loan = .init(principal: Exact(1000), rate: Exact("0.05")!, years: 2, year: 2026)
    let y = try c.schedule(
      years: [2026, 2027, 2028], received: [.zero, .zero, .zero], invested: [], decimals: 2)
    #expect(y.map(\.loan) == [Exact("1000"), Exact("0.00"), Exact("0.00")])
    #expect(y.map(\.debtService) == [Exact("0.00"), Exact("537.80"), Exact("537.81")])
    #expect(y.map(\.interest) == [Exact("0.00"), Exact("50.00"), Exact("25.61")])
  }
}

/// Seasonality: a year of bundles (cash 100, 200, 300, 400 in Q1 to Q4) projected over two
/// years draws each quarter from its own: 100, 200, 300, 400, then again; one bundle replayed
/// would give 100 every quarter.
@Suite struct SeasonalityTests {
  @Test func eachQuarterDrawsFromItsOwnBundle() throws {
    let w = try SeekWorkspace(
      contract: """
        contract seasons "seasons"
        currency CNY rounding half-up
        settle quarterly from 2026Q1 to 2027Q4
        party op "op" operator
        input cash CNY
        revenue sales = cash
        pool p = sales
          split op 100%
        """)
    defer { w.remove() }
    for (q, cash) in [("q1", 100), ("q2", 200), ("q3", 300), ("q4", 400)] {
      let dir = w.folder.appendingPathComponent(q)
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      try "fact,value\ncash,\(cash)\n".write(
        to: dir.appendingPathComponent("facts.csv"), atomically: true, encoding: .utf8)
    }
    func received(_ scenario: String) throws -> [Exact] {
      try scenario.write(toFile: w.scenario, atomically: true, encoding: .utf8)
      let outcome = SimulateUseCase.run(.init(contract: w.contract, scenario: w.scenario))
      let s = try #require(outcome.value, "\(outcome.diagnostics.map(\.message))")
      return try #require(s.projection.parties.first).received
    }
    let year = try received(
      #"{"year": ["q1", "q2", "q3", "q4"], "period": "2026Q1", "discountRate": "0"}"#)
    #expect(year == [100, 200, 300, 400, 100, 200, 300, 400].map { Exact("\($0).00")! })
    let one = try received(#"{"data": "q1", "period": "2026Q1", "discountRate": "0"}"#)
    #expect(one == Array(repeating: Exact("100.00")!, count: 8))
    // Three bundles for a year of four quarters: refused, at the key.
    try #"{"year": ["q1", "q2", "q3"], "period": "2026Q1", "discountRate": "0"}"#.write(
      toFile: w.scenario, atomically: true, encoding: .utf8)
    let short = SimulateUseCase.run(.init(contract: w.contract, scenario: w.scenario))
    #expect(short.value == nil)
    #expect(short.diagnostics.contains { $0.message.contains("lists 3 bundles") })
  }
}
