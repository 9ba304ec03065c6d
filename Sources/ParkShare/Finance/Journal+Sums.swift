extension Journal {
  /// `a + b`, or the refusal of the journal: an amount that does not fit would leave a
  /// journal that does not balance, which is worse than none.
  static func plus(_ a: Exact, _ b: Exact, _ period: Period?) throws(Ledger.Refusal) -> Exact {
    do {
      return try a + b
    } catch {
      throw Ledger.Refusal(
        message:
          "an amount of \(period.map { "\($0)" } ?? "the opening balances") does not fit: \(error)")
    }
  }
}
