import Foundation

/// `settle`: one period settled, its statements and closing state written, and, with a ledger,
/// recorded as the ledger's next record: the settle-and-record transaction. Either every file
/// and the record are written, or none is (files already written are taken back).
public enum SettleUseCase {
  public struct Request: Sendable {
    public var inputs: PeriodRequest
    /// Record the settlement in a ledger (which then supplies the opening state).
    public var ledger: Recording?
    /// Where to write the closing state, if anywhere.
    public var closing: String?
    /// Failure injection for tests, shared by every write of the run.
    public var faults: WriteFaults?

    public init(
      inputs: PeriodRequest, ledger: Recording? = nil, closing: String? = nil,
      faults: WriteFaults? = nil
    ) {
      self.inputs = inputs
      self.ledger = ledger
      self.closing = closing
      self.faults = faults
    }
  }

  /// How the settlement is recorded: in which ledger, issued when, and whether it amends the
  /// period's latest record (with the reason kept in the ledger and shown on the statements).
  public struct Recording: Sendable {
    public var directory: String
    public var issued: String
    public var amendment: String?
    /// The reason a changed contract is accepted against the ledger's last record.
    public var contractChanged: String?

    public init(
      directory: String, issued: String, amendment: String? = nil, contractChanged: String? = nil
    ) {
      self.directory = directory
      self.issued = issued
      self.amendment = amendment
      self.contractChanged = contractChanged
    }
  }

  /// The files to write for the settlement as issued, given the stem of their names
  /// (`CONTRACT-PERIOD`, `-amendment-N` added for an amendment): the caller renders them.
  public typealias Outputs = (_ settlement: Settlement, _ stem: String) -> [(
    path: String, data: Data
  )]

  /// Settles without a ledger: the settlement, with every diagnostic.
  public static func run(_ request: Request, outputs: Outputs = { _, _ in [] })
    -> UseCaseOutcome<Settlement>
  {
    var ledger: Ledger? = nil
    var recorded = false
    // A ledger folder this run created is taken back when the run records nothing in it.
    defer { if !recorded { ledger?.discardIfUnused() } }
    return settle(request, outputs, &ledger, &recorded)
  }

  /// An amendment of a settled period (`settle --amend`), restating the later ones it reaches.
  public static func amend(
    _ request: Request, reason: String, outputs: Outputs = { _, _ in [] }
  ) -> UseCaseOutcome<Settlement> {
    var r = request
    r.ledger?.amendment = reason
    return run(r, outputs: outputs)
  }

  static func settle(
    _ request: Request, _ outputs: Outputs, _ ledger: inout Ledger?, _ recorded: inout Bool
  ) -> UseCaseOutcome<Settlement> {
    // The ledger is taken first: a second settle on a ledger in use is refused at once, before
    // any data is read.
    if let rec = request.ledger {
      do throws(Ledger.Refusal) {
        ledger = try Ledger.open(rec.directory, writing: true)
      } catch {
        return .stopped(.refused(error, rec.directory))
      }
    }
    var inputs: PeriodInputs
    switch PeriodInputs.load(request.inputs, digests: true) {
    case .failure(let stop): return .stopped(stop)
    case .success(let i): inputs = i
    }
    if let l = ledger, !l.setAside.isEmpty { inputs.diagnostics.append(setAsideNote(l)) }
    func refused(_ refusal: Ledger.Refusal, _ dir: String, after earlier: [Diagnostic])
      -> UseCaseOutcome<Settlement>
    {
      .stopped(.refused(refusal, dir, earlier: earlier, sources: inputs.sources))
    }
    let digests = inputs.digests
    // The file's bytes as recorded among the inputs, and its text, from one read.
    let contractDigest = ContractDigest.of(inputs.contract.file)
    var start: (state: CarryState?, amends: Ledger.Record?, change: Settlement.ContractChange?)
    start = (inputs.opening, nil, nil)
    if let l = ledger, let rec = request.ledger {
      do throws(Ledger.Refusal) {
        start = try opening(l, rec, inputs, digests: digests, contract: contractDigest)
      } catch {
        return refused(error, l.directory, after: inputs.diagnostics)
      }
    }
    inputs.opening = start.state
    let outcome = Settlement.run(
      contract: inputs.contract, bundle: inputs.bundle, opening: inputs.opening,
      statePath: request.inputs.opening, inputs: digests)
    var diagnostics = inputs.diagnostics + outcome.diagnostics
    guard var settlement = outcome.settlement, !diagnostics.hasErrors else {
      return UseCaseOutcome(nil, diagnostics: diagnostics, sources: inputs.sources)
    }
    // A recorded settlement issues numbered statements (initial ones, or difference statements
    // against the period's latest record), and the record is built before any file is written,
    // so every statement can show the record it is and that record's digest.
    // An amendment of an earlier period restates the later ones it reaches, in the same
    // transaction: their records follow the amendment's before HEAD is written.
    var pendings: [Ledger.Pending] = []
    var restated: [Restated] = []
    if let l = ledger, let rec = request.ledger {
      do throws(Ledger.Refusal) {
        if start.amends != nil {
          restated = try restate(
            after: settlement, in: l, contract: inputs.contract, contractDigest: contractDigest,
            acknowledged: rec.contractChanged != nil, threads: request.inputs.threads)
        }
        // The same inputs settling to the same statements and state as the record it amends
        // (a retry after a crash that recorded it already, or the same data given twice):
        // nothing to record.
        if let amended = start.amends, restated.isEmpty, start.change == nil,
          try unchanged(settlement, amends: amended, in: l)
        {
          diagnostics.append(unchangedNote(settlement, amended))
          return UseCaseOutcome(settlement, diagnostics: diagnostics, sources: inputs.sources)
        }
        let numbers = try issue(&settlement, l, rec, amends: start.amends, period: inputs.period)
        settlement.issue?.contractChange = start.change
        let p = try l.prepare(
          settlement, contract: contractDigest, amends: start.amends, numbers: numbers,
          replays: restated.isEmpty ? nil : restated.count)
        settlement.issue?.record = p.record.sequence
        settlement.issue?.head = p.record.digest
        pendings = try prepareRestatements(
          &restated, after: p, in: l, amended: settlement.period, contract: contractDigest,
          issued: rec.issued, reason: rec.amendment ?? "", change: start.change)
      } catch {
        return refused(error, l.directory, after: diagnostics)
      }
      if !restated.isEmpty { diagnostics.append(restatedNote(settlement, restated)) }
    }
    // Statements and closing state are written together or not at all, then the ledger
    // records; if that fails, the files are taken back.
    func stem(_ s: Settlement) -> String {
      let suffix = s.issue?.kind == .amendment ? "-amendment-\(s.issue?.record ?? 0)" : ""
      return "\(s.contract.id)-\(s.period)\(suffix)"
    }
    var files = outputs(settlement, stem(settlement))
    for r in restated { files += outputs(r.settlement, stem(r.settlement)) }
    if let path = request.closing {
      do throws(JSONOutput.Failure) {
        files.append((path, try JSONOutput.document(settlement.closing)))
      } catch {
        diagnostics.append(OutputFiles.unwritable(path, error))
        return UseCaseOutcome(nil, diagnostics: diagnostics, sources: inputs.sources)
      }
    }
    let written: [String]
    switch OutputFiles.write(files, faults: request.faults) {
    case .failure(let problem):
      return UseCaseOutcome(nil, diagnostics: diagnostics + [problem], sources: inputs.sources)
    case .success(let w): written = w
    }
    if var l = ledger, !pendings.isEmpty {
      do throws(Ledger.Refusal) {
        try l.append(pendings, faults: request.faults)
        recorded = true
      } catch {
        OutputFiles.remove(written)
        return refused(error, l.directory, after: diagnostics)
      }
    }
    return UseCaseOutcome(settlement, diagnostics: diagnostics, sources: inputs.sources)
  }

  /// With a ledger, the ledger decides where the period starts from, whether it may be settled
  /// at all, and whether the contract may differ from the text of its last record.
  static func opening(
    _ l: Ledger, _ rec: Recording, _ inputs: PeriodInputs, digests: [FileDigest],
    contract: ContractDigest?
  ) throws(Ledger.Refusal) -> (CarryState?, Ledger.Record?, Settlement.ContractChange?) {
    let start = try l.opening(
      for: inputs.period, contract: inputs.contract, amend: rec.amendment != nil)
    // A file changed between the reads would leave a record whose digests disagree, and a
    // contract whose text cannot be read again cannot be compared: neither is skipped.
    guard let contract,
      contract.bytes == digests.first(where: { $0.path == inputs.contract.file })?.blake2b256
    else {
      throw Ledger.Refusal(
        message:
          "the contract '\(inputs.contract.file)' changed while it was read, or cannot be read again",
        hint: "settle again once nothing writes to the contract")
    }
    // An amendment continues the text of the record it amends; a new period, that of the
    // latest record of the period before it.
    let change = try l.contractChange(
      contract, reason: rec.contractChanged, against: start.amends ?? l.latest.last)
    return (start.state, start.amends, change)
  }

  /// Numbers the statements: initial ones, or difference statements against the period's
  /// latest record when `amends` is given.
  static func issue(
    _ settlement: inout Settlement, _ l: Ledger, _ rec: Recording, amends: Ledger.Record?,
    period: Period
  ) throws(Ledger.Refusal) -> [String: Int] {
    try l.checkIssueDate(rec.issued, for: period)
    guard let original = amends else {
      return settlement.issueInitial(from: l.nextNumber, issued: rec.issued)
    }
    let recorded = try l.settlement(of: original)
    let latest = try l.latestNumbers(for: period)
    do throws(ArithmeticError) {
      return try settlement.issueAmendment(
        against: recorded, latest: latest, from: l.nextNumber,
        issued: rec.issued, reason: rec.amendment ?? "")
    } catch {
      throw Ledger.Refusal(
        message: "the difference statements against '\(original.file)' cannot be computed: \(error)"
      )
    }
  }
}
