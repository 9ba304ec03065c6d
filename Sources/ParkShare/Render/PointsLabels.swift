/// The words of green points movements in statements and `explain` (points that carry over).
public struct PointsLabels: Sendable {
  /// The heading of the statement's points table.
  public var title: String
  /// member, points, opening, expired, earned, redeemed, closing.
  public var header: [String]
  /// `explain`: one scheme's movement for the party.
  public var movement:
    @Sendable (
      _ scheme: String, _ opening: String, _ expired: String, _ earned: String,
      _ redeemed: String, _ closing: String
    ) -> String

  public static let en = PointsLabels(
    title: "green points (opening - expired + earned - redeemed = closing)",
    header: ["member", "points", "opening", "expired", "earned", "redeemed", "closing"],
    movement: {
      "\($0): opening \($1) - expired \($2) + earned \($3) - redeemed \($4) = closing \($5) points"
    })

  public static let zh = PointsLabels(
    title: "绿色积分（期初 - 过期 + 本期获得 - 兑付 = 期末）",
    header: ["成员", "积分", "期初", "过期", "本期获得", "兑付", "期末"],
    movement: {
      "\($0)：期初 \($1) - 过期 \($2) + 本期获得 \($3) - 兑付 \($4) = 期末 \($5) 分"
    })
}
