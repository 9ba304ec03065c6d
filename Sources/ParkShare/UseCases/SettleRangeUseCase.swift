import Foundation

/// `settle --from P --to Q --data ROOT --ledger DIR`: every period of the range the ledger does
/// not hold yet, in order, each from its own bundle `ROOT/PERIOD/` and each its own
/// settle-and-record transaction (`SettleUseCase.run`). What can be known before the first
/// period is settled is checked first (the range, the ledger, the issue date against the last
/// period, a folder for every period), so a range refused there records nothing. A period that
/// fails stops the run: nothing of it is recorded or written, the periods before it stay.
public enum SettleRangeUseCase {
  public struct Request: Sendable {
    public var contract: String
    /// The folder holding one bundle folder per period, named by the period (`ROOT/2026Q1/`).
    public var root: String
    public var from: Period
    public var to: Period
    public var ledger: String
    /// The issue date of every period's statements.
    public var issued: String
    /// Acknowledges a contract changed since the ledger's last record (for the first period
    /// settled: the later ones are settled under the text it records).
    public var contractChanged: String?
    public var allowOutsideFiles: Bool
    public var threads: Int
    public var faults: WriteFaults?

    public init(
      contract: String, root: String, from: Period, to: Period, ledger: String, issued: String,
      contractChanged: String? = nil, allowOutsideFiles: Bool = false,
      threads: Int = ProcessInfo.processInfo.activeProcessorCount, faults: WriteFaults? = nil
    ) {
      self.contract = contract
      self.root = root
      self.from = from
      self.to = to
      self.ledger = ledger
      self.issued = issued
      self.contractChanged = contractChanged
      self.allowOutsideFiles = allowOutsideFiles
      self.threads = threads
      self.faults = faults
    }
  }

  /// The periods from `from` to `to`, or why they are no range.
  public static func periods(from: Period, to: Period) -> Result<[Period], UsageProblem> {
    guard from.length == to.length else {
      return .failure(
        UsageProblem(
          message:
            "--from \(from) and --to \(to) are periods of different lengths: give two \(from.length.rawValue)s"
        ))
    }
    guard !(to < from) else {
      return .failure(
        UsageProblem(message: "--from \(from) is after --to \(to): give the range in order"))
    }
    var out: [Period] = []
    var p = from
    while !(to < p) {
      out.append(p)
      p = p.next
    }
    return .success(out)
  }

  /// A request that cannot be served as asked (the command line's usage error).
  public struct UsageProblem: Error, Sendable {
    public var message: String
  }

  /// The folder a period's bundle is read from.
  public static func folder(_ root: String, _ period: Period) -> String {
    (root.hasSuffix("/") ? root : root + "/") + period.description
  }

  /// Settles the missing periods; `outputs` names each period's files as `settle` does. The
  /// value is every settlement recorded by this run, in order, also when a later period failed
  /// (the diagnostics then hold its errors).
  public static func run(_ request: Request, outputs: SettleUseCase.Outputs = { _, _ in [] })
    -> UseCaseOutcome<[Settlement]>
  {
    let periods: [Period]
    switch Self.periods(from: request.from, to: request.to) {
    case .failure(let problem): return UseCaseOutcome(nil, usage: problem.message)
    case .success(let p): periods = p
    }
    // Periods of another length than the contract's, or outside its term, are a usage error
    // before anything else (not a "gap" of missing folders). A contract that does not check is
    // reported by the first period's settle, with its diagnostics.
    let (_, checked) = Checker.check(
      path: request.contract, allowOutsideFiles: request.allowOutsideFiles)
    if let contract = checked.contract,
      let problem = [request.from, request.to].lazy.compactMap({
        DataBundle.problem(with: $0, in: contract)
      }).first
    {
      return UseCaseOutcome(nil, usage: problem)
    }
    let here = SourceRange.whole(request.ledger)
    var diagnostics: [Diagnostic] = []
    // The ledger as it is now: which periods it holds, and whether the issue date may follow its
    // latest issue and the range's last period. Taken for writing, as a settle would, so a ledger
    // in use is refused here; a folder this created is taken back.
    var settled: [Period: String] = [:]
    do throws(Ledger.Refusal) {
      let ledger = try Ledger.open(request.ledger, writing: true)
      defer { ledger.discardIfUnused() }
      for r in ledger.records where settled[r.period] == nil { settled[r.period] = r.file }
      do throws(Ledger.Refusal) {
        try ledger.checkIssueDate(request.issued, for: request.to)
      } catch {
        diagnostics.append(
          .error(
            error.id, error.message + " (the last period of the range); nothing was settled",
            at: here, hint: error.hint))
      }
    } catch {
      return .stopped(.refused(error, request.ledger))
    }
    let missing = periods.filter { settled[$0] == nil }
    for p in periods where settled[p] != nil {
      diagnostics.append(
        .warning(
          .skippedPeriod,
          "\(p) is settled already ('\(settled[p]!)'): it is skipped, not settled again",
          at: here, hint: "to correct it, settle it alone with --amend"))
    }
    for p in missing {
      var isDir: ObjCBool = false
      let dir = folder(request.root, p)
      guard !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) || !isDir.boolValue
      else { continue }
      diagnostics.append(
        .error(
          .missingFile,
          "there is no data folder '\(dir)' for \(p): the range \(request.from) to \(request.to) has a gap; nothing was settled",
          at: .whole(dir),
          hint:
            "put each period's bundle in \(request.root)/PERIOD (as contracts/data/ does), or end the range before \(p)"
        ))
    }
    guard !diagnostics.hasErrors else { return UseCaseOutcome(nil, diagnostics: diagnostics) }
    var sources: [SourceFile] = []
    var done: [Settlement] = []
    for p in missing {
      let settle = SettleUseCase.Request(
        inputs: PeriodRequest(
          contract: request.contract, data: folder(request.root, p), period: p,
          allowOutsideFiles: request.allowOutsideFiles, threads: request.threads),
        ledger: SettleUseCase.Recording(
          directory: request.ledger, issued: request.issued,
          contractChanged: done.isEmpty ? request.contractChanged : nil),
        faults: request.faults)
      let outcome = SettleUseCase.run(settle, outputs: outputs)
      diagnostics += outcome.diagnostics
      sources += outcome.sources
      if let usage = outcome.usage, done.isEmpty {
        return UseCaseOutcome(nil, diagnostics: diagnostics, sources: sources, usage: usage)
      }
      guard let s = outcome.value, !outcome.failed else {
        let kept =
          done.isEmpty
          ? "this run settled no period before it"
          : "\(done.map(\.period.description).joined(separator: ", ")), settled before it, \(done.count == 1 ? "is" : "are") recorded in the ledger and kept"
        diagnostics.append(
          .error(
            .ledger,
            "\(p) was not settled (\(outcome.usage ?? "the errors above")): nothing of it is recorded; \(kept)",
            at: here, hint: "fix \(p) and run the range again: the periods settled are skipped"))
        return UseCaseOutcome(done, diagnostics: diagnostics, sources: sources)
      }
      done.append(s)
    }
    return UseCaseOutcome(done, diagnostics: diagnostics, sources: sources)
  }
}
