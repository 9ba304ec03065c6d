extension Fraction: CustomStringConvertible, Codable {
  /// The exact value: a decimal when it has one (`1234.5`), else numerator/denominator in lowest
  /// terms (`1000/3`). Read back by `init(parsing:)`.
  public var description: String {
    if let e = decimal { return e.description }
    if let (n, d) = lowestTerms() { return "\(n)/\(d)" }
    let (n, d) = Fraction.reduced(wide.n, wide.d)
    return "\(n.decimal)/\(d.decimal)"
  }

  /// The exact value for a reader: the decimal grouped in thousands when it has one
  /// (`1,234.5678`), else ten decimals marked as cut, then the exact fraction
  /// (`333.3333333333… = 1000/3`). Shows what decided each fen; never a silent approximation.
  public var exactText: String {
    if let e = decimal { return e.grouped }
    // Display only: without a decimal approximation the exact fraction stands alone.
    let approx = (try? rounded(places: 10).grouped) ?? ""
    return "\(approx)… = \(description)"
  }

  /// At most `places` decimal places (rounded half-even), grouped: for the basis of a line,
  /// like `Exact.grouped(places:)`; the line's exact amount is shown by `exactText`.
  public func grouped(places: Int) -> String {
    // Display only: a fraction that cannot be rounded shows its exact text.
    (try? rounded(places: places).grouped) ?? description
  }

  /// A decimal (`-12.5`) or a fraction of integers (`-1000/3`).
  public init(parsing text: some StringProtocol) throws(ArithmeticError) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count <= 2 else { throw .invalidNumber("more than one '/' in '\(text)'") }
    guard parts.count == 2 else {
      self.init(try Exact(parsing: parts[0]))
      return
    }
    // Numerator and denominator are integers of any size.
    guard let n = BigInt(decimal: parts[0]), let d = BigInt(decimal: parts[1]) else {
      throw .invalidNumber("'\(text)' is not INTEGER/INTEGER")
    }
    self = try Fraction.normalized(n, d)
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    self = try Fraction(parsing: text)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
