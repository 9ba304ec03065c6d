/// Points a member earned in one period and has neither redeemed nor lost to expiry. A member's
/// balance is its lots, oldest first: redemption takes from the oldest lot and expiry removes a
/// lot whole once it is as old as the scheme allows (first in, first out).
public struct PointsLot: Sendable, Codable, Equatable {
  public var period: Period
  public var points: Exact

  public init(period: Period, points: Exact) {
    self.period = period
    self.points = points
  }
}

/// `carry over` (and `expire after 4 quarters`) under a points declaration: points stay in the
/// member's balance from period to period, each period's lot for at most `expireAfter` periods.
public struct PointsCarry: Sendable, Encodable, Hashable {
  /// How many settlement periods a lot lives, the one it was earned in included; nil: never
  /// expires. A lot earned in 2026Q1 with 4 lives through 2026Q4 and expires as 2027Q1 opens.
  public var expireAfter: Int?

  public init(expireAfter: Int?) {
    self.expireAfter = expireAfter
  }

  /// Whether a lot earned in `earned` has expired by the opening of `period`.
  public func expired(_ earned: Period, at period: Period) -> Bool {
    guard let n = expireAfter else { return false }
    return period.firstMonth - earned.firstMonth >= n * earned.length.months
  }
}

extension PointsLot {
  /// `lots` less `points`, taken from the oldest lot first; a lot emptied is removed.
  static func taking(_ points: Exact, from lots: [PointsLot]) throws(ArithmeticError)
    -> [PointsLot]
  {
    var left = points
    var out: [PointsLot] = []
    for lot in lots {
      guard left > .zero else {
        out.append(lot)
        continue
      }
      let take = Exact.min(left, lot.points)
      left = try left - take
      let rest = try (lot.points - take).trimmed
      if rest > .zero { out.append(PointsLot(period: lot.period, points: rest)) }
    }
    return out
  }
}

/// A member's points of one scheme.
public struct PointsKey: Sendable, Hashable {
  public var scheme: String
  public var member: String
}
