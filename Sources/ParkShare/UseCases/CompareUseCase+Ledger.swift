import Foundation

extension CompareUseCase {
  /// Both variants replayed on the data of each settled period of the ledger (the latest record
  /// of each, amendments included), from the state the ledger opened the first of them with,
  /// each variant then carrying its own state. The data must be the data that was settled: every
  /// file's digest is checked against the record.
  static func overLedger(_ request: Request, _ dir: String, from: Period?, to: Period?)
    -> Result<Comparison, UseCaseStop>
  {
    var sources: [SourceFile] = []
    var contracts: [Contract] = []
    for (i, file) in request.contracts.enumerated() {
      let (source, checked) = Checker.check(
        path: file, allowOutsideFiles: request.allowOutsideFiles,
        parameters: request.parameters[i])
      sources += (source.map { [$0] } ?? []) + checked.sources
      guard let c = checked.contract else { return .failure(.input(checked.diagnostics, sources)) }
      contracts.append(c)
    }
    func refused(_ message: String, hint: String? = nil) -> Result<Comparison, UseCaseStop> {
      .failure(.input([.error(.ledger, message, at: .whole(dir), hint: hint)], sources))
    }
    let ledger: Ledger
    do throws(Ledger.Refusal) {
      ledger = try Ledger.open(dir)
    } catch {
      return refused(error.message, hint: error.hint)
    }
    let records = ledger.latest.filter { r in
      (from.map { !(r.period < $0) } ?? true) && (to.map { !($0 < r.period) } ?? true)
    }
    guard let earliest = records.first else {
      return refused("the ledger holds no settled period in the range")
    }
    let first: Ledger.Record
    do throws(Ledger.Refusal) { first = try ledger.full(earliest) } catch {
      return refused(error.message, hint: error.hint)
    }
    var states: [CarryState?] = contracts.map { c in
      guard first.opening.period != nil else { return nil }
      var s = first.opening
      s.contract = c.id
      return s
    }
    var periods: [Comparison] = []
    for record in records {
      // Both variants from one read of the period's readings, its digests checked on that read.
      let loaded: [DataBundle.Loaded]
      do throws(Ledger.Refusal) {
        loaded = try ledger.loadBundle(
          of: record, contracts: contracts,
          threads: ProcessInfo.processInfo.activeProcessorCount)
      } catch {
        return refused(error.message, hint: error.hint)
      }
      var settled: [Settlement] = []
      for (i, contract) in contracts.enumerated() {
        sources += loaded[i].sources
        guard let bundle = loaded[i].bundle else {
          return .failure(.input(loaded[i].diagnostics, sources))
        }
        let outcome = Settlement.run(
          contract: contract, bundle: bundle, opening: states[i])
        guard let s = outcome.settlement else {
          return .failure(.input(loaded[i].diagnostics + outcome.diagnostics, sources))
        }
        states[i] = s.closing
        settled.append(s)
      }
      do throws(ArithmeticError) {
        periods.append(try Comparison(settled[0], settled[1]))
      } catch {
        return .failure(.input([tooLarge(error, settled[0])], sources))
      }
    }
    do throws(ArithmeticError) {
      guard let total = try Comparison.over(periods) else {
        return refused("the ledger holds no settled period in the range")
      }
      return .success(total)
    } catch {
      return .failure(
        .input(
          [
            .error(
              .overflow, "the comparison cannot add up the periods: \(error)", at: .whole(dir))
          ], sources))
    }
  }
}
