extension Exact: CustomStringConvertible, LosslessStringConvertible {
  /// Parses plain decimal text: an optional sign, digits, optionally a point and more digits.
  /// No exponent, no separators, no spaces; at most `maxScale` fraction digits.
  public init(parsing text: some StringProtocol) throws(ArithmeticError) {
    self = try Exact.parse(utf8: Array(text.utf8))
  }

  /// The `LosslessStringConvertible` form of `init(parsing:)`.
  public init?(_ description: String) {
    guard let value = try? Exact(parsing: description) else { return nil }
    self = value
  }

  /// Parses ASCII bytes (see `init(parsing:)`); the hot path of data ingest.
  @inlinable
  public static func parse(utf8 bytes: some Collection<UInt8>) throws(ArithmeticError) -> Exact {
    var negative = false
    var significand: UInt128 = 0
    var digits = 0
    var scale = 0
    var seenPoint = false
    var first = true
    for byte in bytes {
      defer { first = false }
      switch byte {
      case UInt8(ascii: "-") where first: negative = true
      case UInt8(ascii: "+") where first: break
      case UInt8(ascii: "."):
        guard !seenPoint else { throw .invalidNumber("more than one decimal point") }
        seenPoint = true
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        let (times10, o1) = significand.multipliedReportingOverflow(by: 10)
        let (next, o2) = times10.addingReportingOverflow(UInt128(byte &- UInt8(ascii: "0")))
        guard !o1, !o2, next <= maxMagnitude else {
          throw .invalidNumber("more than 38 significant digits")
        }
        significand = next
        digits += 1
        if seenPoint { scale += 1 }
      default:
        throw .invalidNumber("unexpected character '\(Character(Unicode.Scalar(byte)))'")
      }
    }
    guard digits > 0 else { throw .invalidNumber("no digits") }
    guard scale <= maxScale else {
      throw .invalidNumber("more than \(maxScale) digits after the decimal point")
    }
    let signed = Int128(significand)
    return Exact(unchecked: negative ? -signed : signed, scale: scale)
  }

  /// Exact text with all `scale` fraction digits: "1.50" stays "1.50", "-0.05" stays "-0.05".
  public var description: String {
    let digits = String(significand.magnitude)
    let sign = isNegative ? "-" : ""
    guard scale > 0 else { return sign + digits }
    let padded =
      digits.count <= scale
      ? String(repeating: "0", count: scale - digits.count + 1) + digits : digits
    let cut = padded.index(padded.endIndex, offsetBy: -scale)
    return sign + padded[..<cut] + "." + padded[cut...]
  }

  /// `grouped`, with at most `places` decimal places (rounded half-even): for explanations of
  /// values whose exact digits run long (a ratio, a third of a point).
  public func grouped(places: Int) -> String {
    // Display only: a value that cannot be rounded (a carry past 38 digits) shows its exact
    // digits, the same amount written longer, never another one.
    ((try? rounded(scale: places, .halfEven)) ?? self).grouped
  }

  /// Text with thousands separators in the integer part and no trailing fraction zeros:
  /// 1234567.50 -> "1,234,567.5". For explanations; amounts paid print their minor unit.
  public var grouped: String {
    let plain = trimmed.description
    let sign = plain.hasPrefix("-") ? "-" : ""
    let body = plain.dropFirst(sign.count)
    let point = body.firstIndex(of: ".") ?? body.endIndex
    var integer = ""
    for (i, ch) in body[..<point].enumerated() {
      if i > 0 && (body.distance(from: body.startIndex, to: point) - i) % 3 == 0 { integer += "," }
      integer.append(ch)
    }
    return sign + integer + body[point...]
  }

  /// The value as a percentage with the `%` sign: 0.3 -> "30%", 0.333333 -> "33.3333%".
  public var percentText: String {
    // Times 100 by moving the decimal point two places, which cannot overflow: the digits stay,
    // only the scale (or, for fewer than two decimals, the zeros appended) changes.
    let t = trimmed
    if t.scale >= 2 {
      return Exact(unchecked: t.significand, scale: t.scale - 2).trimmed.description + "%"
    }
    let zeros = t.significand == 0 ? "" : String(repeating: "0", count: 2 - t.scale)
    return String(t.significand) + zeros + "%"
  }
}

extension Exact: Codable {
  /// Encoded as a decimal string: JSON numbers would pass through binary floating point.
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    self = try Exact(parsing: text)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
