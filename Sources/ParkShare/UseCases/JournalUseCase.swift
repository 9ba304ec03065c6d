/// `journal`: the double-entry journal of a ledger's settled periods (all, or one).
public enum JournalUseCase {
  public struct Request: Sendable {
    public var ledger: String
    public var period: Period?
    /// The account names file; nil keeps the default names.
    public var accounts: String?
    /// The day amendments are booked (`--book-amendments`).
    public var amendments: Journal.AmendmentBooking

    public init(
      ledger: String, period: Period? = nil, accounts: String? = nil,
      amendments: Journal.AmendmentBooking = .issued
    ) {
      self.ledger = ledger
      self.period = period
      self.accounts = accounts
      self.amendments = amendments
    }
  }

  public static func run(_ request: Request) -> UseCaseOutcome<Journal> {
    var accounts = JournalAccounts()
    if let path = request.accounts {
      let text: String
      switch Limits.read(path, maxBytes: Limits.tableBytes, unreadableID: .missingFile) {
      case .success(let t): text = t
      case .failure(let d): return UseCaseOutcome(nil, diagnostics: [d])
      }
      switch JournalAccounts.parse(text) {
      case .success(let a): accounts = a
      case .failure(let e):
        let at = SourceLocation(line: e.line, column: 1)
        return UseCaseOutcome(
          nil,
          diagnostics: [
            .error(.badAccounts, e.message, at: SourceRange(file: path, start: at, end: at))
          ], sources: [SourceFile(path: path, text: text)])
      }
    }
    let dir = request.ledger
    do throws(Ledger.Refusal) {
      let ledger = try Ledger.open(dir)
      let book = try PaymentBook.read(ledger.directory)
      if let period = request.period,
        !Journal.books(
          ledger, period, amendments: request.amendments, payments: book.payments)
      {
        return UseCaseOutcome(nil, usage: "\(period) is not in the ledger")
      }
      let journal = try Journal.build(
        ledger, period: request.period, accounts: accounts, amendments: request.amendments)
      return UseCaseOutcome(try Self.withPayments(journal, ledger, book, request, accounts))
    } catch {
      return UseCaseOutcome(
        nil, diagnostics: [.error(.ledger, error.message, at: .whole(dir), hint: error.hint)])
    }
  }

  /// The journal with the ledger's payment book booked in it (`Journal+Payments`).
  static func withPayments(
    _ journal: Journal, _ ledger: Ledger, _ book: PaymentBook, _ request: Request,
    _ accounts: JournalAccounts
  ) throws(Ledger.Refusal) -> Journal {
    guard !book.payments.isEmpty else { return journal }
    return try journal.booking(
      book.payments, parties: try StatementHistory.of(ledger).names, period: request.period,
      accounts: accounts)
  }
}
