import Foundation
import Testing

@testable import ParkShare

/// The scenario file: JSON with places, numbers read exactly, and the triangular distribution.
@Suite struct ScenarioTests {
  static func read(_ text: String) throws -> (Scenario?, [Diagnostic]) {
    let json = try PlacedJSON.parse(text, file: "s.json").get()
    return Scenario.read(json)
  }

  @Test func jsonValuesKeepTheirPlacesAndDigits() throws {
    let text = "{\n  \"a\": [0.1, \"x\\u00e9\\n\"],\n  \"电\": {\"b\": true, \"c\": null}\n}"
    let json = try PlacedJSON.parse(text, file: "f.json").get()
    guard case .object(let top) = json.value, case .array(let a) = top[0].value.value else {
      Issue.record("not an object holding a list")
      return
    }
    #expect(top.map(\.key) == ["a", "电"])
    #expect(top[1].keyRange.start == SourceLocation(line: 3, column: 3))
    guard case .number(let n) = a[0].value, case .string(let s) = a[1].value else {
      Issue.record("not a number and a string")
      return
    }
    #expect(n == "0.1")
    #expect(s == "xé\n")
    #expect(a[1].range.start == SourceLocation(line: 2, column: 14))
    // Syntax errors name their place; nesting past the limit is refused, not recursed into.
    let broken = PlacedJSON.parse("{\n  \"a\": 1\n  \"b\": 2\n}", file: "f.json")
    guard case .failure(let d) = broken else {
      Issue.record("accepted a missing comma")
      return
    }
    #expect("\(d.range)" == "f.json:3:3")
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    guard case .failure(let tooDeep) = PlacedJSON.parse(deep, file: "f.json") else {
      Issue.record("accepted 100,000 levels")
      return
    }
    #expect(tooDeep.message.contains("deeper than 64"))
  }

  @Test func numbersAreReadExactlyInEveryForm() throws {
    let (s, problems) = try Self.read(
      """
      {"data": "d", "period": "2026Q1", "discountRate": 0.08,
       "growth": {"consumption": "2%"},
       "investments": [{"party": "esco", "amount": "12,000,000.50", "period": "2026Q1"}]}
      """)
    #expect(problems.isEmpty, "\(problems.map(\.message))")
    #expect(s?.discountRate == Exact("0.08"))
    #expect(s?.growth["consumption"] == Exact("0.02"))
    #expect(s?.investments.first?.amount == Exact("12000000.50"))
    // A misplaced separator is not a number.
    let (_, bad) = try Self.read(#"{"data": "d", "period": "2026Q1", "discountRate": "1,00"}"#)
    #expect(bad.map(\.message) == ["'1,00' is not a decimal number (discountRate)"])
  }

  @Test func aProveSectionIsReadWithEveryProblemAtItsPlace() throws {
    let (s, problems) = try Self.read(
      """
      {"data": "d", "period": "2026Q1", "discountRate": 0.08,
       "prove": {"inputs": {"ccer_price": ["-10", "300"]}, "factors": {"gec_price": [0.5, 2]},
                 "kWh": {"pv-generation": ["0", "1.5"]}, "cases": 500, "seed": 3}}
      """)
    #expect(problems.isEmpty, "\(problems.map(\.message))")
    let search = try #require(s?.prove)
    #expect(search.cases == 500)
    #expect(search.seed == 3)
    #expect(
      search.ranges.map(\.driver.description) == [
        "input:ccer_price", "input:gec_price", "kWh:pv-generation",
      ])
    #expect(search.ranges.map(\.kind) == [.value, .factor, .factor])
    #expect(search.ranges[0].low == Exact(-10))
    let (_, bad) = try Self.read(
      """
      {"data": "d", "period": "2026Q1", "discountRate": 0.08,
       "prove": {"inputs": {"p": ["3", "1"], "q": ["1"]}, "factors": {"p": ["-1", "1"], "r": ["0", "1"]},
                 "kWh": {"pv-gen": ["0", "1"]}, "cases": 0, "shrink": true}}
      """)
    #expect(
      bad.map { "\($0.range.start.line):\($0.range.start.column) \($0.message)" } == [
        "2:28 the range of 'p' in prove.inputs must rise: 3, 1",
        "2:45 the range of 'q' in prove.inputs takes [low, high]",
        "2:70 the range of 'p' in prove.factors must rise from a factor of 0 or more: -1, 1",
        "3:20 'pv-gen' is not a meter kind",
        "3:52 prove.cases must be at least 1",
        "3:55 'shrink' is not a key of prove",
      ])
    // An input given both a value range and a factor range.
    let (_, twice) = try Self.read(
      #"{"data": "d", "period": "2026Q1", "discountRate": 0.08, "prove": {"inputs": {"p": [0, 1]}, "factors": {"p": [0, 1]}}}"#
    )
    #expect(twice.map(\.message) == ["'p' is given a range twice (as a value and as a factor)"])
  }

  @Test func squareRootsAndTheTriangularInverseByHand() throws {
    typealias P = Scenario.Path
    #expect(try P.squareRoot(Exact(2)) == Exact("1.414213562373"))
    #expect(try P.squareRoot(Exact("0.75")!) == Exact("0.866025403784"))
    #expect(try P.squareRoot(Exact(0)) == .zero)
    #expect(try P.squareRoot(Exact(144)) == Exact(12))
    let t = (low: Exact("0.5")!, mode: Exact(1), high: Exact(2))
    // Below the mode's share (1/3): 0.5 + sqrt(0.25 x 1.5 x 0.5) = 0.5 + sqrt(0.1875).
    #expect(try P.triangular(t, at: Exact("0.25")!) == Exact("0.933012701892"))
    // Above it: 2 - sqrt(0.5 x 1.5 x 1) = 2 - sqrt(0.75).
    #expect(try P.triangular(t, at: Exact("0.5")!) == Exact("1.133974596216"))
    #expect(try P.triangular(t, at: .zero) == Exact("0.5"))
    // At the mode's share, the mode.
    #expect(
      try P.triangular(t, at: try Exact(1) / Exact(3)).rounded(scale: 6, .halfEven) == Exact(1))
  }

  /// Drawn as Monte Carlo draws them (six-digit uniforms), the factors average (low + mode +
  /// high) / 3 and a third of them fall below the mode, as the distribution's do.
  @Test func triangularDrawsHaveTheDistributionsMeanAndMode() throws {
    let t = (low: Exact("0.5")!, mode: Exact(1), high: Exact(2))
    var rng = SplitMixRandom(seed: 2026)
    var sum = Exact.zero
    var below = 0
    let n = 20_000
    for _ in 0..<n {
      let u = Exact(unchecked: Int128(rng.next() % 1_000_000), scale: 6)
      let x = try Scenario.Path.triangular(t, at: u)
      #expect(x >= t.low && x <= t.high)
      if x < t.mode { below += 1 }
      sum = try sum + x
    }
    let mean = try (sum / Exact(n)).rounded(scale: 3, .halfEven)
    // The mean is 3.5 / 3 = 1.1667; its standard error over 20,000 draws is about 0.0024.
    #expect(mean >= Exact("1.159")! && mean <= Exact("1.174")!, "\(mean)")
    #expect(abs(below - n / 3) < 300, "\(below)")
  }
}
