extension Ledger {
  /// Statements of `period` may be issued on `date` (YYYY-MM-DD): not before the period has
  /// ended (the day after its last day at the earliest), and not before the ledger's latest
  /// issue, so statement numbers and issue dates run in the same order.
  public func checkIssueDate(_ date: String, for period: Period) throws(Refusal) {
    let next = Period(containing: period.lastMonth + 1, length: .month)
    let earliest = "\(next)-01"
    // ISO dates compare as text.
    guard date >= earliest else {
      throw Refusal(
        message: "statements of \(period) cannot be issued on \(date), before the period has ended",
        hint: "issue them on \(earliest) or later (--issued YYYY-MM-DD)")
    }
    // Payments are dated too: a statement issued before a payment already recorded would
    // book an amendment before money that was paid against the statement it corrects (and
    // could put a recorded write-off over its balance after the fact).
    if let paid = try PaymentBook.read(directory).payments.map(\.date).max(), date < paid {
      throw Refusal(
        message:
          "statements cannot be issued on \(date): the ledger's payment book already records a payment on \(paid)",
        hint: "issue dates follow what the ledger records: use \(paid) or later")
    }
    if let latest = records.compactMap(\.issued).max(), date < latest {
      throw Refusal(
        message:
          "statements cannot be issued on \(date): the ledger already issued statements on \(latest)",
        hint: "issue dates follow the statement numbers: use \(latest) or later")
    }
  }
}
