import Testing

@testable import ParkShare

/// `Exact` from a literal, in tests.
func x(_ text: String) -> Exact { try! Exact(parsing: text) }

@Suite struct ExactTextTests {
  @Test(arguments: [
    "0", "1", "-1", "1.50", "-0.05", "0.3215", "123456789.123", "0.0000000000000000000000000001",
    "170141183460469231731687303715884105727", "-99.99",
  ])
  func roundTrip(text: String) throws {
    #expect(try Exact(parsing: text).description == text)
  }

  @Test(arguments: [
    "", "-", "1.2.3", "1e5", "1,000", " 1", "abc", "0.00000000000000000000000000001",
    "170141183460469231731687303715884105728",
  ])
  func rejects(text: String) {
    #expect(throws: ArithmeticError.self) { try Exact(parsing: text) }
  }

  @Test func randomRoundTrip() throws {
    var rng = SplitMix(seed: 7)
    for _ in 0..<5_000 {
      let m = Int128(Int64(bitPattern: rng.next())) * Int128(rng.next() % 1_000_000)
      let s = Int(rng.next() % 29)
      let value = try Exact(significand: m, scale: s)
      let back = try Exact(parsing: value.description)
      #expect(back.significand == m && back.scale == s)
    }
  }

  @Test func grouping() {
    #expect(x("1234567.5").grouped == "1,234,567.5")
    #expect(x("-999").grouped == "-999")
    #expect(x("1000").grouped == "1,000")
    #expect(x("0.333333").percentText == "33.3333%")
  }

  /// Times 100 moves the point, so a value whose product would not fit in 38 digits still shows
  /// its own percentage, never its digits with a % sign as before.
  @Test func percentTextNeverOverflows() throws {
    #expect(x("0").percentText == "0%")
    #expect(x("1.5").percentText == "150%")
    #expect(x("-0.5").percentText == "-50%")
    #expect(x("0.050").percentText == "5%")
    let big = "12345678901234567890123456789012345678"  // 38 digits: times 100 does not fit
    #expect(x(big).percentText == big + "00%")
    #expect(x("1234567890123456789012345678901234567.8").percentText == big + "0%")
  }
}

@Suite struct ExactArithmeticTests {
  @Test func sumsAreExact() throws {
    #expect(try x("0.1") + x("0.2") == x("0.3"))
    #expect(try x("1.50") - x("1.5") == .zero)
    #expect(x("1.5") == x("1.500"))
    #expect(x("1.5").hashValue == x("1.500").hashValue)
    #expect(x("-0.01") < x("0"))
    #expect(x("2") > x("1.99999"))
  }

  @Test func productsKeepEveryDigit() throws {
    // price (4 dp) x kWh (3 dp) x share (6 dp) = 13 fraction digits, none lost.
    let product = try x("0.3215") * x("123.456") * x("0.333333")
    #expect(product.description == "13.2303547696320")
    #expect(try x("3035") * x("5.15") == x("15630.25"))
    #expect(try (x("7058.82") * x("0.289")).rounded(scale: 2, .halfUp) == x("2040.00"))
    #expect(try x("1000000") - x("950000") == x("50000"))
    #expect(try (x("1000000") - x("950000")) * x("62.36") == x("3118000"))
  }

  @Test func wideProductsRoundOnlyBeyondTwentyEightDigits() throws {
    // 0.99^20: 40 fraction digits exactly; kept to 28, half-even.
    var factor = Exact.one
    for _ in 0..<20 { factor = try factor * x("0.99") }
    #expect(factor.description == "0.8179069375972308708891986605")
    // A large amount times a long fraction: the slow 256-bit path keeps 39 significant digits.
    // Expected values checked with Python's decimal module at 100 digits.
    let big = try x("12345678901234567890") * x("0.1000000000000000000000000001")
    #expect(big.description == "1234567890123456789.00000000123456789012")
  }

  @Test func overflowAndDivisionByZeroAreErrors() {
    let huge = x("170141183460469231731687303715884105727")
    #expect(throws: ArithmeticError.overflow) { try huge + Exact(1) }
    #expect(throws: ArithmeticError.overflow) { try huge * Exact(2) }
    #expect(throws: ArithmeticError.divisionByZero) { try Exact(1) / .zero }
    #expect(throws: ArithmeticError.overflow) { try x("100000000000").rounded(scale: 28, .halfUp) }
  }

  @Test func quotients() throws {
    #expect(try (Exact(1) / Exact(3)).description == "0.3333333333333333333333333333")
    #expect(try (Exact(2) / Exact(3)).description == "0.6666666666666666666666666667")
    #expect(try (x("10.00") / Exact(4)).description == "2.5")
    #expect(try (x("-7") / x("0.5")).description == "-14")
    #expect(try (x("801167") / x("1000")) == x("801.167"))
  }

  @Test(arguments: [
    ("2.5", RoundingMode.halfUp, "3"), ("2.5", .halfEven, "2"), ("2.5", .down, "2"),
    ("2.5", .up, "3"),
    ("-2.5", .halfUp, "-3"), ("-2.5", .halfEven, "-2"), ("-2.5", .down, "-2"), ("-2.5", .up, "-3"),
    ("3.5", .halfEven, "4"), ("2.4999", .halfUp, "2"), ("2.0001", .up, "3"),
    ("-2.0001", .down, "-2"),
  ])
  func roundingModes(value: String, mode: RoundingMode, expected: String) throws {
    #expect(try x(value).rounded(scale: 0, mode).description == expected)
  }

  @Test func roundingToFen() throws {
    #expect(try x("2.345").rounded(scale: 2, .halfUp).description == "2.35")
    #expect(try x("2.345").rounded(scale: 2, .halfEven).description == "2.34")
    #expect(try x("2.3451").rounded(scale: 2, .halfEven).description == "2.35")
    #expect(try x("7").rounded(scale: 2, .halfUp).description == "7.00")
    #expect(try x("22500").minorUnits(decimals: 2, .halfUp) == 2_250_000)
  }
}

@Suite struct ApportionmentTests {
  private func split(_ fen: Int128, _ weights: [String]) throws -> [Int128] {
    try Apportionment.largestRemainder(fen, weights: weights.map(x))
  }

  @Test func knownTraps() throws {
    #expect(try split(9_999, ["75", "25"]) == [7_499, 2_500])
    #expect(try split(800, ["1", "1", "1"]) == [267, 267, 266])
    #expect(try split(5, ["0.7", "0.3"]) == [4, 1])
    #expect(try split(5, ["0.3", "0.7"]) == [1, 4])
    #expect(try split(-5, ["0.7", "0.3"]) == [-4, -1])
    #expect(try split(0, ["1", "2"]) == [0, 0])
  }

  @Test func badWeights() {
    #expect(throws: ArithmeticError.self) { try split(100, []) }
    #expect(throws: ArithmeticError.self) { try split(100, ["0", "0"]) }
    #expect(throws: ArithmeticError.self) { try split(100, ["1", "-1"]) }
  }

  @Test func conservesEveryTotalAndStaysWithinOneFen() throws {
    var rng = SplitMix(seed: 42)
    for _ in 0..<2_000 {
      let total = Int128(Int64(rng.next() % 2_000_000_000)) - 1_000_000_000
      let count = Int(rng.next() % 12) + 1
      let weights = try (0..<count).map { _ in
        try Exact(significand: Int128(rng.next() % 1_000_000), scale: Int(rng.next() % 7))
      }
      guard weights.contains(where: { !$0.isZero }) else { continue }
      let parts = try Apportionment.largestRemainder(total, weights: weights)
      #expect(parts.reduce(0, +) == total)
      let sum = try weights.reduce(Exact.zero) { try $0 + $1 }
      for (part, w) in zip(parts, weights) {
        let exact = try Exact(significand: total, scale: 0) * w / sum
        let gap = try (Exact(significand: part, scale: 0) - exact).magnitude
        #expect(gap < Exact(1))
      }
    }
  }
}

/// The projections' generator (SplitMix64), so property tests are reproducible too.
typealias SplitMix = SplitMixRandom
