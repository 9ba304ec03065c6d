/// How a value is rounded to a number of fraction digits (money: to the minor unit, the fen).
///
/// `up` and `down` are about magnitude, as in Java's BigDecimal: `down` truncates toward zero,
/// `up` moves away from zero. `halfUp` is 四舍五入: a tie moves away from zero (-2.5 -> -3).
public enum RoundingMode: String, Sendable, Hashable, CaseIterable, Codable {
  case halfUp = "half-up"
  case halfEven = "half-even"
  case down = "down"
  case up = "up"

  /// Whether a magnitude whose discarded part is described by `firstDiscarded` (the first dropped
  /// digit) and `sticky` (any non-zero digit after it) moves up by one unit.
  @inlinable
  func roundsAway(kept: UInt128, firstDiscarded: UInt8, sticky: Bool) -> Bool {
    switch self {
    case .down: false
    case .up: firstDiscarded != 0 || sticky
    case .halfUp: firstDiscarded >= 5
    case .halfEven:
      firstDiscarded > 5 || (firstDiscarded == 5 && (sticky || kept % 2 == 1))
    }
  }
}
