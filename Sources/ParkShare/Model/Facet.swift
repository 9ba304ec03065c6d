/// Which part of a value a number is: a member of a group, a month, a vintage (production
/// year), a demand-response event (with its month). A plain total has all of them nil.
public struct Facet: Sendable, Hashable, Comparable, Encodable {
  public var member: String?
  /// Absolute month (`Period.firstMonth` of the month).
  public var month: Int?
  public var vintage: Int?
  /// A demand-response event of the period's events.csv (`reduction(...)` is one value an
  /// event, so a threshold or a cap judges each event on its own).
  public var event: String? = nil

  public init(member: String? = nil, month: Int? = nil, vintage: Int? = nil, event: String? = nil) {
    self.member = member
    self.month = month
    self.vintage = vintage
    self.event = event
  }

  public static let total = Facet()

  /// One combine for the two numbers instead of two optionals' tags and values: facets are
  /// dictionary keys in every evaluation of every period of a projection. (Equality is still
  /// every field; this only spreads them.)
  public func hash(into h: inout Hasher) {
    h.combine(member)
    h.combine((month ?? -1) &* 10_007 &+ (vintage ?? -1))
    if let event { h.combine(event) }
  }

  public static func < (a: Facet, b: Facet) -> Bool {
    (a.member ?? "", a.month ?? 0, a.vintage ?? 0, a.event ?? "")
      < (b.member ?? "", b.month ?? 0, b.vintage ?? 0, b.event ?? "")
  }

  /// `T001 2026-02 vintage 2025`; empty for the total.
  public var label: String {
    [
      member, month.map { Period(containing: $0, length: .month).description },
      vintage.map { "vintage \($0)" }, event.map { "event \($0)" },
    ].compactMap { $0 }.joined(separator: " ")
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(label)
  }
}
