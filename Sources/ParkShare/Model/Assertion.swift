/// A promise written into the contract (`assert` lines): a bound on what a party or group
/// receives in a period, from one pool or in all, or that it never falls (or rises) when an
/// input rises. `prove` searches a scenario's input ranges for a case that breaks it; `settle`
/// warns when a settled period does.
public struct Assertion: Sendable, Encodable, Hashable {
  /// A party's id, or a group's (its members' amounts summed).
  public var subject: String
  /// The party ids whose lines count: the party, or the group's members.
  public var members: [String]
  /// The pool the amount is taken from; nil: every pool (what the party's statement nets).
  public var pool: String?
  public var check: Check
  @ClauseText public var clause: SourceRange

  public enum Relation: String, Sendable, Encodable, Hashable {
    case atMost = "<="
    case atLeast = ">="
    case below = "<"
    case above = ">"

    public func holds(_ a: Exact, _ b: Exact) -> Bool {
      switch self {
      case .atMost: a <= b
      case .atLeast: a >= b
      case .below: a < b
      case .above: a > b
      }
    }
  }

  public enum Bound: Sendable, Hashable {
    /// An amount in the contract's currency.
    case amount(Exact)
    /// A share of a pool's amount in the period.
    case share(Exact, of: String)
  }

  public enum Check: Sendable, Hashable {
    case bound(Relation, Bound)
    /// The amount never moves in `direction` when `input` rises (`falls`: it never falls).
    case monotone(Direction, input: String)
  }

  public enum Direction: String, Sendable, Encodable, Hashable {
    case falls, rises
  }

  /// Flat in JSON: `op` and `amount` (or `share` and `of`) for a bound; `never` and `when` for
  /// a promise about a rising input.
  enum CodingKeys: String, CodingKey {
    case subject, members, pool, clause, op, amount, share, of, never, when
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(subject, forKey: .subject)
    try c.encode(members, forKey: .members)
    try c.encodeIfPresent(pool, forKey: .pool)
    try c.encode(clause.clause, forKey: .clause)
    switch check {
    case .bound(let op, .amount(let x)):
      try c.encode(op.rawValue, forKey: .op)
      try c.encode(x, forKey: .amount)
    case .bound(let op, .share(let s, let pool)):
      try c.encode(op.rawValue, forKey: .op)
      try c.encode(s, forKey: .share)
      try c.encode(pool, forKey: .of)
    case .monotone(let d, let input):
      try c.encode(d.rawValue, forKey: .never)
      try c.encode(input, forKey: .when)
    }
  }

  /// The input a monotone promise is about; nil for a bound.
  public var input: String? {
    if case .monotone(_, let input) = check { return input }
    return nil
  }
}
