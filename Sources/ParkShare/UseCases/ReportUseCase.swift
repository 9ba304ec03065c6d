/// `report`: balances owed to each party, period by period, from a ledger; with its payments
/// (or `asOf`), each party's payments, closing balance and open statements as of a date.
public enum ReportUseCase {
  public static func run(ledger dir: String, from: Period, to: Period, asOf: String? = nil)
    -> UseCaseOutcome<PeriodReport>
  {
    do throws(Ledger.Refusal) {
      let ledger = try Ledger.open(dir)
      var report = try PeriodReport.build(ledger, from: from, to: to)
      let book = try PaymentBook.read(dir)
      if !book.payments.isEmpty || asOf != nil {
        let history = try StatementHistory.of(ledger)
        do throws(ArithmeticError) {
          report.balances = try PartyBalances.build(
            history, payments: book.payments, from: from, to: to, asOf: asOf)
        } catch {
          throw Ledger.Refusal(message: "a balance does not fit: \(error)")
        }
      }
      return UseCaseOutcome(report)
    } catch {
      return UseCaseOutcome(
        nil, diagnostics: [.error(.ledger, error.message, at: .whole(dir), hint: error.hint)])
    }
  }
}
