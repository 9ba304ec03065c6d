/// A settlement period: a month (`2026-03`), quarter (`2026Q1`), half year (`2026H2`) or year
/// (`2026`). Ordered by first month, then by length.
public struct Period: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public enum Length: String, Sendable, Hashable, Codable, CaseIterable {
    case month, quarter, half, year

    public var months: Int {
      switch self {
      case .month: 1
      case .quarter: 3
      case .half: 6
      case .year: 12
      }
    }

    /// The contract word for a settlement frequency.
    public var frequencyWord: String {
      switch self {
      case .month: "monthly"
      case .quarter: "quarterly"
      case .half: "half-yearly"
      case .year: "yearly"
      }
    }

    public init?(frequencyWord: String) {
      guard let match = Length.allCases.first(where: { $0.frequencyWord == frequencyWord }) else {
        return nil
      }
      self = match
    }
  }

  public var year: Int
  public var length: Length
  /// 1-based position within the year: month 1...12, quarter 1...4, half 1...2, year 1.
  public var index: Int

  public init(year: Int, length: Length, index: Int) {
    self.year = year
    self.length = length
    self.index = index
  }

  /// Parses `2026Q1`, `2026H2`, `2026-03` or `2026`; nil for anything else (`2026Q5`).
  public init?(_ text: String) {
    let chars = Array(text)
    guard chars.count >= 4, let year = Int(String(chars[0..<4])),
      chars[0..<4].allSatisfy(\.isASCII),
      (1900...2200).contains(year)
    else { return nil }
    let rest = String(chars[4...])
    switch rest.first {
    case nil: self.init(year: year, length: .year, index: 1)
    case "Q":
      guard let q = Int(rest.dropFirst()), (1...4).contains(q), rest.count == 2 else { return nil }
      self.init(year: year, length: .quarter, index: q)
    case "H":
      guard let h = Int(rest.dropFirst()), (1...2).contains(h), rest.count == 2 else { return nil }
      self.init(year: year, length: .half, index: h)
    case "-":
      guard rest.count == 3, let m = Int(rest.dropFirst()), (1...12).contains(m) else { return nil }
      self.init(year: year, length: .month, index: m)
    default: return nil
    }
  }

  /// Months counted from year 0: the first month of this period.
  public var firstMonth: Int { year * 12 + (index - 1) * length.months }
  public var lastMonth: Int { firstMonth + length.months - 1 }

  /// The period of `length` that contains absolute month `month`.
  public init(containing month: Int, length: Length) {
    let year = month / 12
    let m = month % 12
    self.init(year: year, length: length, index: m / length.months + 1)
  }

  public var next: Period { Period(containing: lastMonth + 1, length: length) }

  public var description: String {
    switch length {
    case .month: "\(year)-\(index < 10 ? "0" : "")\(index)"
    case .quarter: "\(year)Q\(index)"
    case .half: "\(year)H\(index)"
    case .year: "\(year)"
    }
  }

  public static func < (a: Period, b: Period) -> Bool {
    (a.firstMonth, a.length.months) < (b.firstMonth, b.length.months)
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let p = Period(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "bad period \(text)"))
    }
    self = p
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
