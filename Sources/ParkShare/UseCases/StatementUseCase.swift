/// `statement`: an issued statement reprinted from the ledger. The record that issued it is
/// settled again from its recorded inputs and issued as recorded (`Ledger.reissue`), so the
/// caller renders the same bytes `settle` wrote; the ledger is only read.
public enum StatementUseCase {
  /// Which statement: by its number, or a party's latest for a period.
  public enum Selection: Sendable {
    case number(Int)
    case latest(period: Period, party: String)
    /// A ledger record by its sequence: also a restatement that issued no statement.
    case record(Int)
  }

  /// The settlement as issued, and the stem `settle` named its files with.
  public struct Reprint: Sendable {
    public var settlement: Settlement
    public var stem: String
  }

  public static func run(ledger directory: String, _ selection: Selection, threads: Int)
    -> UseCaseOutcome<Reprint>
  {
    do throws(Ledger.Refusal) {
      let ledger = try Ledger.open(directory)
      let record: Ledger.Record
      switch selection {
      case .number(let n): record = try ledger.record(issuing: n)
      case .latest(let period, let party):
        record = try ledger.latestRecord(of: period, party: party)
      case .record(let n):
        guard n >= 1, n <= ledger.records.count else {
          throw Ledger.Refusal.error(
            .notIssued,
            "the ledger holds no record \(n): its records are 1 to \(ledger.records.count)",
            hint: "give a record's sequence, as statements print it (ledger record N)")
        }
        record = try ledger.full(ledger.records[n - 1])
      }
      let settlement = try ledger.reissue(record, threads: threads)
      return UseCaseOutcome(Reprint(settlement: settlement, stem: Ledger.stem(of: record)))
    } catch {
      return .stopped(.refused(error, directory))
    }
  }
}
