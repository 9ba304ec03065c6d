extension Journal {
  /// What a transaction of a record books: a pool's revenue, the pool's distribution, or the
  /// change in arrears. Ordered as they are booked: every pool's revenue, then every pool's
  /// distribution (pools by name), then arrears.
  public enum Entry: Sendable, Hashable, Comparable {
    case revenue(pool: String)
    case distribution(pool: String)
    case arrears

    var rank: Int {
      switch self {
      case .revenue: 0
      case .distribution: 1
      case .arrears: 2
      }
    }

    var pool: String {
      switch self {
      case .revenue(let p), .distribution(let p): p
      case .arrears: ""
      }
    }

    public static func < (a: Entry, b: Entry) -> Bool { (a.rank, a.pool) < (b.rank, b.pool) }
  }

  /// The record a transaction books: a settlement, or an amendment with its reason.
  public enum Event: Sendable, Hashable {
    case settlement
    case amendment(reason: String)
  }

  /// What a transaction is about, as values: Render words it in the reader's language.
  public enum Narration: Sendable, Hashable {
    /// One entry of a ledger record of `period`.
    case booking(contract: String, period: Period, event: Event, entry: Entry)
    /// The balances before the first period written (`--period`).
    case opening(contract: String)
    /// A payment, receipt or write-off of the ledger's payment book (`Journal+Payments`).
    case payment(contract: String, kind: Payment.Kind, party: String, reference: String)
    /// A journal of one period: the payments dated before it, in one transaction.
    case paymentsBefore(contract: String)

    var isOpening: Bool {
      if case .opening = self { return true }
      return false
    }
  }
}
