/// `report`: balances owed to each party, period by period, from a ledger.
public enum ReportUseCase {
  public static func run(ledger dir: String, from: Period, to: Period)
    -> UseCaseOutcome<PeriodReport>
  {
    do throws(Ledger.Refusal) {
      return UseCaseOutcome(try PeriodReport.build(try Ledger.open(dir), from: from, to: to))
    } catch {
      return UseCaseOutcome(
        nil, diagnostics: [.error(.ledger, error.message, at: .whole(dir), hint: error.hint)])
    }
  }
}
