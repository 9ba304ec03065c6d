import Testing

@testable import ParkShare

/// A revenue's invoice (SourceVAT) and the exact sharing of a pool's VAT among its lines
/// (VATApportionment).
@Suite struct VATApportionmentTests {
  static func treatment(_ kind: VATTreatment.Kind, _ rate: String) -> VATTreatment {
    VATTreatment(
      kind: kind, rate: kind == .exempt ? .zero : Exact(rate)!, label: rate,
      clause: SourceRange(
        file: "t", start: .init(line: 1, column: 1), end: .init(line: 1, column: 2)))
  }

  /// 100.00 including 13%: 100 x 13/113 = 11.5044 -> 11.50, excluding 88.50. 0.75 excluding 6%
  /// is 0.045 of tax: 0.05 half-up and up, 0.04 half-even and down; -0.75 gives -0.05 half-up
  /// (a tie moves away from zero) and -0.04 down (toward zero).
  @Test func invoicesRoundTheTaxAsDeclared() throws {
    let v = try SourceVAT.of(Exact("100")!, Self.treatment(.included, "0.13"), decimals: 2, .halfUp)
    #expect([v.excluded, v.tax, v.total] == [Exact("88.50")!, Exact("11.50")!, Exact("100.00")!])
    var taxes: [String] = []
    for mode in RoundingMode.allCases {
      let x = try SourceVAT.of(Exact("0.75")!, Self.treatment(.excluded, "0.06"), decimals: 2, mode)
      taxes.append("\(mode.rawValue) \(x.tax)")
    }
    #expect(taxes == ["half-up 0.05", "half-even 0.04", "down 0.04", "up 0.05"])
    let negative = try SourceVAT.of(
      Exact("-0.75")!, Self.treatment(.excluded, "0.06"), decimals: 2, .halfUp)
    #expect(negative.tax == Exact("-0.05")!)
    let down = try SourceVAT.of(
      Exact("-0.75")!, Self.treatment(.excluded, "0.06"), decimals: 2, .down)
    #expect(down.tax == Exact("-0.04")!)
    let exempt = try SourceVAT.of(
      Exact("12.345")!, Self.treatment(.exempt, "exempt"), decimals: 2, .halfUp)
    #expect(
      [exempt.excluded, exempt.tax, exempt.total] == [
        Exact("12.35")!, Exact("0.00")!, Exact("12.35")!,
      ])
  }

  /// 113 x 13/113 is 13 exactly: the rate's fraction is kept whole, never a decimal that would
  /// round to 12.99.
  @Test func anExactTaxIsNotShavedByADecimalRate() throws {
    let v = try SourceVAT.of(Exact("113")!, Self.treatment(.included, "0.13"), decimals: 2, .down)
    #expect(v.tax == Exact("13.00")!)
  }

  /// Random pools: lines of either sign, up to four classes; every class's base and tax are
  /// shared whole, and every line's parts sum to the line.
  @Test(arguments: 0..<200) func sharesSumToTheClassesAndToTheLines(seed: Int) throws {
    var rng = SplitMixRandom(seed: UInt64(seed))
    let n = Int(rng.next() % 8) + 1
    var weights = (0..<n).map { _ in Int128(Int(rng.next() % 2_000_000)) - 400_000 }
    if weights.reduce(0, +) == 0 { weights[0] += 1 }
    let total = weights.reduce(0, +)
    let k = Int(rng.next() % 4) + 1
    // Class bases that sum to the lines' sum (as a pool's sources do), taxes of either sign.
    var bases = (0..<k).map { _ in Int128(Int(rng.next() % 1_000_000)) }
    let rest = total - bases.dropLast().reduce(0, +)
    bases[k - 1] = rest
    let classes = bases.enumerated().map { i, b in
      VATApportionment.Class(rate: "\(i)", base: b, tax: b / 10 + Int128(Int(rng.next() % 7)) - 3)
    }
    let shares = try VATApportionment.share(weights, classes)
    for j in weights.indices {
      #expect(shares[j].map(\.base).reduce(0, +) == weights[j])
    }
    for c in classes.indices {
      #expect(shares.map { $0[c].base }.reduce(0, +) == classes[c].base)
      #expect(shares.map { $0[c].tax }.reduce(0, +) == classes[c].tax)
    }
  }

  @Test func linesThatSumToZeroCannotCarryTax() {
    #expect(throws: VATApportionment.Failure.nothingToShareBy) {
      try VATApportionment.share([100, -100], [.init(rate: "13%", base: 0, tax: 5)])
    }
    #expect(
      (try? VATApportionment.share([0, 0], [.init(rate: "13%", base: 0, tax: 0)]))
        == [[.init(base: 0, tax: 0)], [.init(base: 0, tax: 0)]])
  }
}
