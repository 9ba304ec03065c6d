import Foundation
import Testing

@testable import ParkShare

/// The exact rational type behind pro-rata shares, and the wide integers under it.
@Suite struct FractionTests {
  static func limbs(_ rng: inout SplitMix, _ count: Int) -> [UInt64] {
    var out: [UInt64] = []
    for _ in 0..<count {
      // Edge limbs (0, all ones) as often as random ones: they are where carries go wrong.
      switch rng.next() % 4 {
      case 0: out.append(0)
      case 1: out.append(UInt64.max)
      default: out.append(rng.next())
      }
    }
    return out
  }

  /// Every division path (one limb, two limbs, Knuth's D) gives q x b + r == a with r < b.
  @Test func divisionMultipliesBack() throws {
    var rng = SplitMix(seed: 77)
    for _ in 0..<5_000 {
      let a = BigInt(limbs: Self.limbs(&rng, Int(rng.next() % 9) + 1), negative: false)
      var b = BigInt(limbs: Self.limbs(&rng, Int(rng.next() % 5) + 1), negative: false)
      if b.isZero { b = BigInt(7) }
      let (q, r) = BigInt.divideMagnitudes(a.limbs, b.limbs)
      let back = BigInt(limbs: q, negative: false) * b + BigInt(limbs: r, negative: false)
      #expect(back == a, "\(a.decimal) / \(b.decimal)")
      #expect(BigInt.compareMagnitudes(r, b.limbs) < 0)
    }
  }

  @Test func decimalTextOfWideIntegers() {
    let big = BigInt(Int128.max) * BigInt(Int128.max)
    #expect(
      big.decimal
        == "28948022309329048855892746252171976962977213799489202546401021394546514198529")
    #expect(BigInt(-12_345).decimal == "-12345")
  }

  static func random(_ rng: inout SplitMix) throws -> Fraction {
    let n = Int128(Int64(bitPattern: rng.next())) * Int128(rng.next() % 1_000_000_007)
    let d = Int128(rng.next() % 999_983) + 1
    return try Fraction(n, over: d)
  }

  /// Sums, differences, products and quotients agree with each other on both the 128-bit and
  /// the wide path (chains of products leave 128 bits quickly).
  @Test func arithmeticIdentities() throws {
    var rng = SplitMix(seed: 5)
    for _ in 0..<2_000 {
      let a = try Self.random(&rng)
      var b = try Self.random(&rng)
      if b.isZero { b = Fraction(3) }
      let c = try Self.random(&rng)
      let wide = try a * b * c * c  // past 128 bits
      #expect(try (a + b) - b == a)
      #expect(try (wide + b) - b == wide)
      #expect(try wide / b / c / c == a)
      #expect(try (a - b).isNegative == (a < b))
      #expect(try (wide - a).isNegative == (wide < a))
      #expect(try Fraction(parsing: wide.description) == wide)
      // The keyed floor (one division) agrees with the exact floor and remainder, on the
      // 128-bit path and the wide one (a small value over a wide denominator).
      for v in [a, try a / (c * c), try a * b / (c * c * c), try (a / (c * c)).negated] {
        let (f1, rem) = try v.minorUnitsFloor(decimals: 2)
        let (f2, key) = try v.minorUnitsKeyed(decimals: 2)
        #expect(f1 == f2)
        let scaled = try rem * Fraction(Int128(1) << 64, over: 1)
        #expect(Int128(key) == (try scaled.minorUnitsFloor(decimals: 0).floor))
      }
      let (floor, rest) = try a.minorUnitsFloor(decimals: 2)
      #expect(!rest.isNegative && rest < Fraction(1))
      #expect(try Fraction(floor, over: 100) + rest / Fraction(100) == a)
    }
  }

  /// Parts of a split sum to the amount exactly and keep one denominator.
  @Test func proRataPartsSumToTheAmount() throws {
    var rng = SplitMix(seed: 11)
    for _ in 0..<500 {
      let amount = try Self.random(&rng).magnitude
      let weights = (0..<Int(rng.next() % 8 + 1)).map { _ in
        Exact(unchecked: Int128(rng.next() % 1_000_000_000_000) + 1, scale: Int(rng.next() % 29))
      }
      let parts = try Fraction.proRata(amount, weights: weights)
      #expect(try parts.sum() == amount)
      for (p, w) in zip(parts, weights) {
        #expect(try p * weights.map(Fraction.init).sum() == amount * Fraction(w))
      }
    }
  }

  @Test func textIsADecimalOrLowestTerms() throws {
    #expect(try Fraction(500, over: 60).description == "25/3")
    #expect(try Fraction(-3, over: 4).description == "-0.75")
    #expect(try Fraction(1000, over: 3).exactText == "333.3333333333… = 1000/3")
    #expect(Fraction(x("1234.5600")).exactText == "1,234.56")
    #expect(try Fraction(parsing: "-1000/3") == Fraction(-1000, over: 3))
    #expect(throws: ArithmeticError.divisionByZero) { try Fraction(1, over: 0) }
  }
}
