extension Fraction {
  /// Rounded to `decimals` fraction digits by `mode`, exactly: the remainder is compared as a
  /// fraction, so no intermediate decimal decides a tie (a tax of 113 x 13/113 is 13, not
  /// 12.99...).
  public func rounded(decimals: Int, _ mode: RoundingMode) throws(ArithmeticError) -> Exact {
    let (floor, rest) = try minorUnitsFloor(decimals: decimals)
    guard !rest.isZero else { return try Exact(minorUnits: floor, decimals: decimals) }
    // floor + rest with rest in (0, 1): the value lies between floor and floor + 1.
    let negative = floor < 0
    let half = try Fraction(1, over: 2)
    let c = Fraction.compare(rest, half)
    let up: Bool
    switch mode {
    case .down: up = negative
    case .up: up = !negative
    case .halfUp: up = c > 0 || (c == 0 && !negative)
    case .halfEven: up = c > 0 || (c == 0 && floor % 2 != 0)
    }
    return try Exact(minorUnits: up ? floor + 1 : floor, decimals: decimals)
  }
}
