/// Money that moved (or was closed without moving) against what a party's statements say:
/// recorded in the ledger's payment chain (`PaymentBook`) by `parkshare pay`.
///
/// Every amount is positive; `kind` (and, for a write-off, `side`) says which way it moves the
/// party's balance, the amount owed TO the party (`effect`).
public struct Payment: Sendable, Codable, Equatable {
  public enum Kind: String, Sendable, Codable, CaseIterable {
    /// The pool operator pays the party what its statements say it is owed.
    case payment
    /// Money received FROM the party: a clawback, a negative net, a subsidy paid in.
    case receipt
    /// An amount owed that will not be paid or collected, closed without cash.
    case writeOff = "write-off"
  }

  /// Which balance a write-off closes: what is owed to the party (`payable`), or what the
  /// party owes (`receivable`). Decided when it is recorded, from the balance on its date.
  public enum Side: String, Sendable, Codable {
    case payable, receivable
  }

  /// The bank's (or the finance team's) reference: unique in the ledger.
  public var reference: String
  public var party: String
  public var kind: Kind
  /// Positive, in the currency's minor unit at most.
  public var amount: Exact
  /// YYYY-MM-DD.
  public var date: String
  public var note: String?
  /// Write-offs only.
  public var side: Side?

  public init(
    reference: String, party: String, kind: Kind, amount: Exact, date: String,
    note: String? = nil, side: Side? = nil
  ) {
    self.reference = reference
    self.party = party
    self.kind = kind
    self.amount = amount
    self.date = date
    self.note = note
    self.side = side
  }

  /// The change in the balance owed to the party: a payment lowers it, a receipt raises it (a
  /// negative balance, what the party owes, comes back towards zero), a write-off takes it
  /// towards zero from whichever side it closes.
  public var effect: Exact {
    switch kind {
    case .payment: amount.negated
    case .receipt: amount
    case .writeOff: side == .receivable ? amount : amount.negated
    }
  }
}
