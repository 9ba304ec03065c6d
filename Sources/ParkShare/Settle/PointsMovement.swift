/// A member's green points of one scheme that carries over, for one period: what it held at
/// the opening, what expired as the period opened, what it earned and had redeemed, and what it
/// holds at the close. opening - expired + earned - redeemed = closing, always.
public struct PointsMovement: Sendable, Codable, Equatable {
  public var scheme: String
  public var opening: Exact
  public var expired: Exact
  public var earned: Exact
  public var redeemed: Exact
  public var closing: Exact

  /// The movements of every member with points to show, by member: from the opening and
  /// closing balances, the points earned (each scheme's value) and those redeemed.
  static func of(
    _ contract: Contract, period: Period, opening: CarryState, closing: CarryState,
    earned: [String: Quantity], redeemed: [PointsKey: Exact]
  ) throws(ArithmeticError) -> [String: [PointsMovement]] {
    var out: [String: [PointsMovement]] = [:]
    for scheme in contract.points {
      guard let carry = scheme.carry else { continue }
      let members =
        contract.groups.first { $0.id == scheme.group }?.members
        ?? contract.parties.filter { $0.group == nil }.map(\.id)
      for m in members {
        let before = opening.points[scheme.id]?[m] ?? []
        let expired = try before.filter { carry.expired($0.period, at: period) }.map(\.points)
          .sum()
        let move = PointsMovement(
          scheme: scheme.id, opening: try before.map(\.points).sum(), expired: expired,
          earned: earned[scheme.id]?.cells[Facet(member: m)] ?? .zero,
          redeemed: redeemed[PointsKey(scheme: scheme.id, member: m)] ?? .zero,
          closing: try (closing.points[scheme.id]?[m] ?? []).map(\.points).sum())
        guard !move.isEmpty else { continue }
        out[m, default: []].append(move)
      }
    }
    return out
  }

  /// Nothing held, earned, redeemed or expired: not shown.
  var isEmpty: Bool {
    opening.isZero && expired.isZero && earned.isZero && redeemed.isZero && closing.isZero
  }
}
