import Foundation
import Testing

@testable import ParkShare

/// `prove`: promises (`assert` lines) searched over a scenario's ranges. A planted cap that fails
/// at high prices is shrunk to its threshold, found in closed form, and the bundle written for
/// it breaks the promise again when settled; true promises hold over 10,000 cases; a drop at a
/// clawback's threshold is found as the smallest rise; the same seed gives the same proof on
/// any number of threads.
@Suite struct ProveTests {
  /// esco takes 30% of 1,000 t x ccer_price: 300 x price, above 30,000 CNY when the price is
  /// above 100 CNY/t; on a grid of 0.01 the smallest failing price is 100.01 (30,003.00).
  static let contract = """
    contract capped "prove"
    currency CNY rounding half-up
    settle yearly from 2026 to 2027
    party op "op" operator
    party esco "esco" energy-service
    input ccer_issued tCO2e
    input ccer_price CNY/tCO2e
    revenue ccer = ccer_issued x ccer_price
    pool carbon = ccer
      split esco 30%, op 70%
    assert esco in carbon <= 30,000 CNY  # planted: fails above 100 CNY/t
    assert op >= 0

    """

  struct Workspace {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-prove-\(UUID().uuidString)")
    var contract: String { folder.appendingPathComponent("c.contract").path }
    var scenario: String { folder.appendingPathComponent("s.json").path }
    var out: String { folder.appendingPathComponent("out").path }

    init(contract text: String = ProveTests.contract, prove: String) throws {
      try FileManager.default.createDirectory(
        at: folder.appendingPathComponent("y"), withIntermediateDirectories: true)
      try text.write(toFile: contract, atomically: true, encoding: .utf8)
      try "fact,value,unit\nccer_issued,1000,\nccer_price,50,\n".write(
        to: folder.appendingPathComponent("y/facts.csv"), atomically: true, encoding: .utf8)
      try #"{"data": "y", "period": "2026", "discountRate": "0.08", "prove": \#(prove)}"#.write(
        toFile: scenario, atomically: true, encoding: .utf8)
    }

    func run(cases: Int? = nil, threads: Int = 2, out: Bool = false) -> UseCaseOutcome<Proof> {
      ProveUseCase.run(
        .init(
          simulate: .init(contract: contract, scenario: scenario, threads: threads),
          cases: cases, out: out ? self.out : nil))
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
  }

  @Test func aCapThatFailsAtHighPricesShrinksToItsThresholdAndSettleReproducesIt() throws {
    let w = try Workspace(prove: #"{"inputs": {"ccer_price": ["0", "300"]}, "cases": 200}"#)
    defer { w.remove() }
    let outcome = w.run(out: true)
    let proof = try #require(
      outcome.value, "\(outcome.diagnostics.map(\.message)) \(outcome.usage ?? "")")
    #expect(proof.dimensions.map(\.name) == ["input:ccer_price"])
    let cap = proof.results[0]
    let c = try #require(cap.counterexample)
    // Cases: the bundle's 50 (holds), the low end 0 (holds), the high end 300 (breaks).
    #expect(c.foundAt == 3)
    #expect(cap.held == 2)
    #expect(c.found == [Exact(300)])
    #expect(c.values == [Exact("100.01")!])
    #expect(c.verdict.amount == Exact("30003.00")!)
    #expect(c.verdict.bound == Exact(30000))
    #expect(c.reproduced == true)
    // The second promise held in every case run.
    #expect(proof.results[1].counterexample == nil)
    #expect(proof.results[1].held == proof.run)

    // The written bundle: its facts hold the counterexample, and settle breaks the promise
    // there with a warning at the assert line.
    let folder = try #require(c.bundle)
    #expect(folder.hasSuffix("/out/line-11"))
    let facts = try String(contentsOfFile: folder + "/facts.csv", encoding: .utf8)
    #expect(
      facts
        == "fact,value,unit,member,vintage,month,note\nccer_issued,1000,,,,,\nccer_price,100.01,,,,,\n"
    )
    let (_, checked) = Checker.check(path: w.contract)
    let contract = try #require(checked.contract)
    let bundle = try #require(
      DataBundle.load(directory: folder, contract: contract, period: Period("2026")!).bundle)
    let settled = Settlement.run(contract: contract, bundle: bundle, opening: nil)
    let esco = try #require(settled.settlement?.statements.first { $0.party == "esco" })
    #expect(esco.net == Exact("30003.00")!)
    let warning = try #require(settled.diagnostics.first { $0.id == .assertionFails })
    #expect(warning.range.start.line == 11)
    #expect(
      warning.message
        == "in 2026 'esco' in 'carbon' receives 30003.00 CNY, which is not <= 30000.00 CNY")

    // A second run never writes over the first's folder.
    let again = w.run(out: true)
    #expect(again.value == nil)
    #expect(again.usage?.contains("already exists") == true)
  }

  @Test func truePromisesHoldOver10000Cases() throws {
    // At most 0.3 x 2 x 1,000 t x 300 = 180,000 CNY: the corner meets the bound exactly.
    let contract = Self.contract.replacingOccurrences(
      of: "assert esco in carbon <= 30,000 CNY  # planted: fails above 100 CNY/t",
      with: "assert esco <= 180,000 CNY\nassert esco never falls when ccer_price rises")
    let w = try Workspace(
      contract: contract,
      prove:
        #"{"inputs": {"ccer_price": ["0", "300"]}, "factors": {"ccer_issued": ["0", "2"]}, "cases": 10000, "seed": 9}"#
    )
    defer { w.remove() }
    let outcome = w.run()
    let proof = try #require(
      outcome.value, "\(outcome.diagnostics.map(\.message)) \(outcome.usage ?? "")")
    #expect(proof.run == 10_000)
    #expect(proof.results.count == 3)
    for r in proof.results {
      #expect(r.counterexample == nil)
      #expect(r.held == 10_000)
    }
    // The rendered proof says so.
    #expect(ProveText.text(proof).contains("held in all 10,000 cases"))
  }

  /// A clawback of 5,000 CNY above 100 CNY/t makes esco's share drop there: it receives
  /// 30,000.00 at 100 and 0.3 x (100,010 + 5,000) - 5,000 = 26,503.00 at 100.01 (the amount
  /// clawed back joins the pool it splits). The search meets the drop and closes it up to one
  /// grid step.
  @Test func aDropAtAThresholdIsFoundAsTheSmallestRise() throws {
    let contract = Self.contract.replacingOccurrences(
      of: "  split esco 30%, op 70%\n",
      with: "  clawback esco 5,000 CNY if ccer_price > 100 CNY/tCO2e\n  split esco 30%, op 70%\n"
    ).replacingOccurrences(
      of: "assert esco in carbon <= 30,000 CNY  # planted: fails above 100 CNY/t",
      with: "assert esco never falls when ccer_price rises")
    let w = try Workspace(
      contract: contract, prove: #"{"inputs": {"ccer_price": ["0", "300"]}, "cases": 2000}"#)
    defer { w.remove() }
    let outcome = w.run(out: true)
    let proof = try #require(
      outcome.value, "\(outcome.diagnostics.map(\.message)) \(outcome.usage ?? "")")
    let c = try #require(proof.results[0].counterexample)
    #expect(c.values == [Exact(100)])
    #expect(c.raised == Exact("100.01")!)
    #expect(c.verdict.amount == Exact("30000.00")!)
    #expect(c.raisedAmount == Exact("26503.00")!)
    #expect(c.reproduced == true)
    #expect(c.raisedBundle?.hasSuffix("line-12-raised") == true)
    #expect(ProveText.text(proof).contains("at ccer_price = 100 and 26,503.00 at 100.01: it falls"))
  }

  @Test func theSameSeedGivesTheSameProofOnAnyNumberOfThreads() throws {
    let w = try Workspace(
      prove:
        #"{"inputs": {"ccer_price": ["0", "300"]}, "factors": {"ccer_issued": ["0.5", "1.5"]}, "cases": 300, "seed": 4}"#
    )
    defer { w.remove() }
    let one = try #require(w.run(threads: 1).value)
    let four = try #require(w.run(threads: 4).value)
    #expect(try JSONOutput.text(one) == JSONOutput.text(four))
    // Two ranges: every value of the counterexample kept breaks the cap, and the price is
    // shrunk as far as the issued amount found lets it: 300 x f x price > 30,000.
    let c = try #require(one.results[0].counterexample)
    let price = c.values[0]
    let factor = c.values[1]
    #expect(try Exact(300) * factor * price > Exact(30000))
    #expect(try Exact(300) * factor * (price - Exact("0.01")!) <= Exact(30000))
  }

  @Test func aRangeThatCannotBeSearchedIsRefused() throws {
    let w = try Workspace(prove: #"{"inputs": {"ccer_issued": ["0", "10"]}}"#)
    defer { w.remove() }
    // A rising-input promise about an input without a range.
    let monotone = Self.contract + "assert esco never falls when ccer_price rises\n"
    try monotone.write(toFile: w.contract, atomically: true, encoding: .utf8)
    // Located at the promise's line, as a scenario error (exit 1), not a usage message.
    let unranged = w.run()
    #expect(unranged.usage == nil)
    let d = try #require(unranged.diagnostics.first { $0.id == .badScenario })
    #expect(d.message.contains("'ccer_price' has no range"))
    #expect(d.range.file == w.contract && d.range.start.line == 13, "\(d.range)")
    // No promise at all.
    try Self.contract.replacingOccurrences(of: "assert", with: "# assert").write(
      toFile: w.contract, atomically: true, encoding: .utf8)
    #expect(w.run().usage?.contains("states no promise") == true)
  }

  /// Readings as Excel writes them (a byte-order mark, CR LF, quotes) and in another column
  /// order are scaled as the reader reads them; other meters' rows keep their bytes.
  @Test func readingsAreScaledAsTheReaderReadsThem() throws {
    let text =
      "\u{FEFF}kwh,\"meter\",timestamp\r\n\"12.5\",PV,2026-01-01T00:00+08:00\r\n7,USE,2026-01-01T00:00+08:00\r\n"
    let out = try CounterexampleBundle.scale(
      Data(text.utf8), [.pvGeneration: Exact("1.5")!], ["PV": .pvGeneration, "USE": .consumption],
      file: "r.csv")
    #expect(
      String(decoding: out, as: UTF8.self)
        == "kwh,\"meter\",timestamp\r\n18.75,PV,2026-01-01T00:00+08:00\r\n7,USE,2026-01-01T00:00+08:00\r\n"
    )
    #expect(ProveText.quoted("my deal/line-12") == "'my deal/line-12'")
    #expect(ProveText.quoted("out/line-12") == "out/line-12")
  }

  @Test func aRangeTooWideToSearchIsRefused() throws {
    let w = try Workspace(
      prove: #"{"inputs": {"ccer_price": ["-1000000000000000000000000000000000000", "1"]}}"#)
    defer { w.remove() }
    func refusal(_ prove: String) throws -> Diagnostic {
      try #"{"data": "y", "period": "2026", "discountRate": "0.08", "prove": \#(prove)}"#
        .write(toFile: w.scenario, atomically: true, encoding: .utf8)
      let outcome = w.run()
      #expect(outcome.value == nil && outcome.usage == nil)
      let d = try #require(outcome.diagnostics.first { $0.id == .badScenario })
      // At the range's key, on the scenario's one line: `"ccer_price"` starts at column ...
      #expect(d.range.file == w.scenario && d.range.start.line == 1, "\(d.range)")
      return d
    }
    // Each refusal at the range it is about, in the scenario file (exit 1, with its line).
    let wide = try refusal(
      #"{"inputs": {"ccer_price": ["-1000000000000000000000000000000000000", "1"]}}"#)
    #expect(wide.message.contains("too wide to search"))
    #expect(wide.range.start.column == 78)
    // A meter kind the contract does not meter: the range would move nothing.
    let unmetered = try refusal(#"{"kWh": {"grid-import": ["0", "2"]}}"#)
    #expect(unmetered.message.contains("meters no grid-import"))
    #expect(unmetered.range.start.column == 75)
    // More decimal places than the grid holds: refused, never cut to 12.
    let fine = try refusal(#"{"inputs": {"ccer_price": ["0.0000000000001", "0.0000000000009"]}}"#)
    #expect(fine.message.contains("has 13 decimal places"))
    #expect(fine.range.start.column == 78)
    // No ranges at all: at the prove key.
    let empty = try refusal(#"{"cases": 5}"#)
    #expect(empty.message.contains("gives no ranges"))
    #expect(empty.range.start.column == 66)
  }

  @Test func aBundleValueOutsideItsRangeIsSaidNotClampedQuietly() throws {
    // The bundle's price is 50; the range starts at 80.
    let w = try Workspace(prove: #"{"inputs": {"ccer_price": ["80", "90"]}, "cases": 20}"#)
    defer { w.remove() }
    let outcome = w.run()
    let proof = try #require(outcome.value)
    let warning = try #require(outcome.diagnostics.first { $0.severity == .warning })
    #expect(warning.id == .badScenario)
    #expect(
      warning.message
        == "the bundle's value of input:ccer_price (50) lies outside the range 80 to 90: cases start from 80, the nearest end, and counterexamples shrink toward it"
    )
    #expect(warning.range.file == w.scenario)
    // 300 x 90 = 27,000 <= 30,000: the cap holds over the whole range.
    #expect(proof.results.allSatisfy { $0.counterexample == nil })
  }

  /// A case the contract cannot settle (here a division by a price of 0) is reported as such,
  /// and the run goes on: the cap is still found broken and shrunk.
  @Test func aCaseThatCannotSettleIsAFindingNotTheEndOfTheRun() throws {
    let contract = Self.contract.replacingOccurrences(
      of: "revenue ccer = ccer_issued x ccer_price\n",
      with: """
        revenue ccer = ccer_issued x ccer_price
        revenue odd = ccer_issued x 1 CNY/tCO2e x (ccer_price / ccer_price)

        """
    ).replacingOccurrences(of: "pool carbon = ccer\n", with: "pool carbon = ccer + odd\n")
    let w = try Workspace(
      contract: contract, prove: #"{"inputs": {"ccer_price": ["0", "300"]}, "cases": 100}"#)
    defer { w.remove() }
    let outcome = w.run()
    let proof = try #require(outcome.value, "\(outcome.diagnostics.map(\.message))")
    let u = try #require(proof.unsettled)
    // Case 1 is the bundle's price (50), case 2 the range's low end: 0.
    #expect(u.firstAt == 2)
    #expect(u.values == [Exact.zero])
    #expect(u.count >= 1)
    #expect(u.clause?.start.line == 9, "\(String(describing: u.clause))")
    // 30% of (1,000 x p + 1,000) > 30,000 from p = 99.01 on.
    let c = try #require(proof.results[0].counterexample)
    #expect(c.values == [Exact("99.01")!])
    let text = ProveText.text(proof)
    #expect(text.contains("CANNOT SETTLE \(u.count) of \(proof.run) cases"), "\(text)")
    #expect(text.contains("the first, case 2:"), "\(text)")
    // The last line counts them too: a reader of the summary alone is not told all held.
    #expect(
      text.hasSuffix("1 held, 1 broken, \(u.count) of \(proof.run) cases could not settle\n"),
      "\(text)")
    // The range in the unit the contract stores the price in.
    #expect(text.contains("0 .. 300 CNY/tCO2e   (the bundle: 50)"), "\(text)")
    // Case 2 judged nothing: one case held before the break at case 3, and the other promise
    // held in every case that settled.
    #expect(text.contains("BROKEN in case 3 of 100 (1 held before it)"), "\(text)")
    #expect(proof.results[1].held == 100 - u.count)
  }
}
