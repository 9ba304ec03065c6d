/// How far back a running total (`to-date(X)`, `to-date(X, year)`, `to-date(X, 4 quarters)`)
/// reaches. Every window ends with the period being settled and includes it.
public enum RunningWindow: Sendable, Hashable {
  /// From the start of the term.
  case term
  /// From the first period of this period's calendar year (contract years are calendar years).
  case year
  /// The last `n` settlement periods, this one included.
  case periods(Int)

  /// How many earlier periods' values the carried state must keep for this window.
  public var history: Int {
    if case .periods(let n) = self { return n - 1 }
    return 0
  }
}

extension RunningWindow {
  /// The second argument of `to-date` as written (empty for the term).
  var argument: String {
    switch self {
    case .term: ""
    case .year: ", year"
    case .periods(let n): ", \(n) periods"
    }
  }
}

/// What `received(P, POOL, WINDOW)` reads: the party (or group), the pool (nil: every pool) and
/// how many earlier periods' receipts its windows need.
public struct ReceivedUse: Sendable, Hashable {
  public var party: String
  public var pool: String?
  public var history: Int

  public init(party: String, pool: String?, history: Int) {
    self.party = party
    self.pool = pool
    self.history = history
  }

  /// The key its running total is kept under in the carried state: `received(P, POOL)`.
  public var key: String { "\(Formula.received(party: party, pool: pool, window: nil))" }
}

/// A subject the contract reads with `to-date`, and the longest history its windows need.
public struct RunningSubjectUse: Sendable, Hashable {
  public var subject: RunningSubject
  public var history: Int

  public init(subject: RunningSubject, history: Int) {
    self.subject = subject
    self.history = history
  }
}
