extension Exact {
  /// The value as a percentage, rounded for people but never across a bound it is compared
  /// with: 6 decimals of the fraction (4 of the percentage) unless that lands outside
  /// `lower ..< upper`, then as many more as it takes (a KPI of 0.1999999 is "19.99999%",
  /// inside "from 10% to 20%", not "20%"), at worst every digit.
  func percentText(inside lower: Exact?, _ upper: Exact?) -> String {
    for places in 6...Exact.maxScale {
      // Display only: a value that cannot be rounded shows every digit (below).
      guard let r = try? rounded(scale: places, .halfEven) else { break }
      if (lower.map { !(r < $0) } ?? true) && (upper.map { r < $0 } ?? true) {
        return r.percentText
      }
    }
    return percentText
  }
}
