import Testing

@testable import ParkShare

/// A reading's plain decimal (`12.5`, `12,5` with a decimal comma): its digits, places and sign,
/// or nothing for anything else; against a digit-by-digit reading of the same rule.
@Suite struct ProfiledDecimalTests {
  typealias Decimal = (value: Int64, places: Int, negative: Bool)

  static func decimal(_ text: String, _ separator: UInt8 = 46) -> Decimal? {
    Array(text.utf8).withUnsafeBufferPointer {
      ProfiledScanner.decimal($0, separator: separator)
    }
  }

  /// The rule read one byte at a time: an optional minus, at most 18 digits with at most one
  /// separator among or around them, not `-0`.
  static func reference(_ text: String, _ separator: UInt8 = 46) -> Decimal? {
    let b = Array(text.utf8)
    guard !b.isEmpty else { return nil }
    let negative = b[0] == 45
    var (value, digits, places): (Int64, Int, Int) = (0, 0, -1)
    for c in b.dropFirst(negative ? 1 : 0) {
      if c >= 48 && c <= 57 {
        guard digits < 18 else { return nil }
        value = value * 10 + Int64(c - 48)
        digits += 1
        if places >= 0 { places += 1 }
      } else if c == separator && places < 0 {
        places = 0
      } else {
        return nil
      }
    }
    guard digits > 0, !(negative && value == 0) else { return nil }
    return (value, max(places, 0), negative)
  }

  static func same(_ a: Decimal?, _ b: Decimal?) -> Bool {
    a?.value == b?.value && a?.places == b?.places && a?.negative == b?.negative
  }

  @Test func handWritten() {
    #expect(Self.same(Self.decimal("12.5"), (125, 1, false)))
    #expect(Self.same(Self.decimal("0.000125"), (125, 6, false)))
    #expect(Self.same(Self.decimal("-3"), (3, 0, true)))
    #expect(Self.same(Self.decimal(".5"), (5, 1, false)))
    #expect(Self.same(Self.decimal("5."), (5, 0, false)))
    #expect(Self.same(Self.decimal("12,5", 44), (125, 1, false)))
    #expect(Self.same(Self.decimal("123456789012345678"), (123_456_789_012_345_678, 0, false)))
    for refused in [
      "", "-", ".", "-0", "-0.0", "+5", "1.2.3", "1,5", "1e3", " 1", "1 ", "1234567890123456789",
      "12345678901234567.89",
    ] {
      #expect(Self.decimal(refused) == nil, "\(refused)")
    }
  }

  /// 20,000 random fields of digits, signs, separators and other bytes, 0 to 24 long.
  @Test func randomFieldsAsTheRuleReadsThem() {
    var r = SplitMixRandom(seed: 16)
    let alphabet = Array("0123456789000..,--+e ")
    for _ in 0..<20_000 {
      let text = String((0..<r.below(25)).map { _ in alphabet[r.below(alphabet.count)] })
      #expect(Self.same(Self.decimal(text), Self.reference(text)), "\(text)")
    }
  }
}
