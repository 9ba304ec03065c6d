import Foundation

/// Reading a settled period back from its record: which record issued a statement, the inputs it
/// was settled from (still there, with their recorded digests), and the settlement re-settled
/// from them and issued as recorded, so `statement` reprints what `settle` wrote and `explain
/// --ledger` explains what was settled. Nothing here writes to the ledger.
extension Ledger {
  /// The record that issued statement `number` (an initial or a difference statement).
  public func record(issuing number: Int) throws(Refusal) -> Record {
    // The records that could hold it by their highest number, read whole only then.
    for r in records where r.highestNumber >= number {
      let whole = try full(r)
      if (whole.numbers ?? [:]).values.contains(number) { return whole }
    }
    let last = nextNumber - 1
    throw .error(
      .notIssued,
      "the ledger issued no statement numbered \(number)"
        + (last == 0 ? ": it holds no statement" : ": its statements are numbered 1 to \(last)"),
      hint: "give a number printed on a statement of this ledger, or --period P --party ID")
  }

  /// The latest record of `period`, and with `party`, the latest that issued that party a
  /// statement (its initial one, or a difference statement of an amendment).
  public func latestRecord(of period: Period, party: String? = nil) throws(Refusal) -> Record {
    var ofPeriod: [Record] = []
    for r in records where r.period == period { ofPeriod.append(try full(r)) }
    guard let latest = ofPeriod.last else {
      let settled = latest.map(\.period)
      throw .error(
        .notIssued,
        "\(period) is not settled in the ledger"
          + (settled.isEmpty
            ? ": it holds no period"
            : ": it holds \(settled.first!) to \(settled.last!)"),
        hint: "give a period the ledger settled")
    }
    guard let party else { return latest }
    if let r = ofPeriod.last(where: { ($0.numbers ?? [:])[party] != nil }) { return r }
    let known = Set(ofPeriod.flatMap { ($0.numbers ?? [:]).keys })
    let near = Spelling.nearest(party, in: known.sorted()).map { "; did you mean '\($0)'?" } ?? ""
    throw .error(
      .notIssued,
      "the ledger issued '\(party)' no statement for \(period)\(near)",
      hint: "its statements for \(period) went to \(known.sorted().joined(separator: ", "))")
  }

  /// What `record` was settled from, read again: the contract, its data bundle and the state it
  /// opened with. Every recorded input must still be where it was, with its recorded digest.
  public func recordedInputs(of record: Record, threads: Int) throws(Refusal) -> RecordedInputs {
    let recorded = try settlement(of: record)
    var changed: [String] = []
    for input in recorded.inputs {
      guard let now = FileDigest.of(input.path) else {
        changed.append("'\(input.path)' is missing")
        continue
      }
      if now.blake2b256 != input.blake2b256 {
        changed.append("'\(input.path)' has another BLAKE2b-256 (\(now.blake2b256))")
      }
    }
    guard changed.isEmpty else {
      throw .error(
        .notAsSettled,
        "\(record.period) ('\(record.file)') is not read again from the files it was settled from: "
          + changed.joined(separator: "; "),
        hint:
          "restore the files where they were when the period was settled (the paths are relative to the folder settle ran in)"
      )
    }
    // Registries outside the contract's folder were allowed when it was settled: their digests
    // are checked above.
    let (_, checked) = Checker.check(path: recorded.contract.file, allowOutsideFiles: true)
    guard let contract = checked.contract, !checked.diagnostics.hasErrors else {
      throw .error(
        .notAsSettled,
        "\(record.period) is not settled again: its contract '\(recorded.contract.file)' no longer checks",
        hint: "run `parkshare check \(recorded.contract.file)` with the engine that settled it")
    }
    guard let folder = Ledger.bundleFolder(recorded.inputs) else {
      throw .error(
        .notAsSettled, "\(record.period) was settled without a data bundle on record", hint: nil)
    }
    let loaded = DataBundle.load(
      directory: folder, contract: contract, period: record.period, threads: threads,
      digests: true)
    guard let bundle = loaded.bundle, !loaded.diagnostics.hasErrors else {
      let first = loaded.diagnostics.first { $0.severity == .error }
      throw .error(
        .notAsSettled,
        "\(record.period)'s data bundle '\(folder)' no longer reads (\(first?.message ?? "no bundle"))",
        hint: nil)
    }
    return RecordedInputs(
      contract: contract, bundle: bundle,
      opening: recorded.opening.period == nil ? nil : recorded.opening, recorded: recorded,
      diagnostics: checked.diagnostics + loaded.diagnostics,
      sources: checked.sources + loaded.sources)
  }

  /// `record`'s settlement, settled again from its recorded inputs and opening state and issued
  /// as recorded (numbers, date, reason, acknowledged contract change, engine), with the record
  /// and its digest as the statements showed them. Refused unless its record body is the one
  /// recorded byte for byte: what is rendered is what was issued.
  public func reissue(_ indexed: Record, threads: Int) throws(Refusal) -> Settlement {
    let record = try full(indexed)
    let inputs = try recordedInputs(of: record, threads: threads)
    let recorded = inputs.recorded
    let outcome = Settlement.run(
      contract: inputs.contract, bundle: inputs.bundle, opening: inputs.opening,
      inputs: Settlement.inputDigests(contract: inputs.contract, bundle: inputs.bundle))
    guard var again = outcome.settlement, !outcome.diagnostics.hasErrors else {
      throw .error(
        .notResettled, "\(record.period) ('\(record.file)') no longer settles from its inputs",
        hint: nil)
    }
    var original: RecordedSettlement? = nil
    var latest: [String: Int] = [:]
    if let ref = record.amends {
      guard ref.sequence >= 1, ref.sequence < record.sequence else {
        throw .error(
          .notResettled, "'\(record.file)' amends record \(ref.sequence), which is not before it",
          hint: Ledger.tamperHint)
      }
      original = try settlement(of: records[ref.sequence - 1])
      for earlier in records[..<(record.sequence - 1)] where earlier.period == record.period {
        for (party, n) in try full(earlier).numbers ?? [:] { latest[party] = n }
      }
    }
    let body = try recordBody(record)
    do throws(ArithmeticError) {
      try again.issueAsRecorded(
        record, recorded, original: original, latest: latest, engine: Self.engine(of: body))
    } catch {
      throw .error(
        .notResettled, "re-settling \(record.period) gives no difference statements: \(error)",
        hint: nil)
    }
    let now: Data
    do throws(JSONOutput.Failure) {
      now = try Ledger.body(again)
    } catch {
      throw .error(.notResettled, "re-settling \(record.period) fails: \(error.message)", hint: nil)
    }
    guard now == body else {
      let (line, key, was, is_) = LedgerVerification.firstDifference(body, now)
      throw .error(
        .notResettled,
        "re-settling \(record.period) from its recorded inputs does not give '\(record.file)': at \(key) (line \(line) of its settlement) the record has \(was), re-settling gives \(is_); nothing is reprinted",
        hint: "run `parkshare ledger verify \(directory)`")
    }
    again.issue?.record = record.sequence
    again.issue?.head = record.digest
    return again
  }

  /// What a record was settled from, read again, with the warnings of reading it.
  public struct RecordedInputs {
    public var contract: Contract
    public var bundle: DataBundle
    /// nil for the first period (it opened from nothing).
    public var opening: CarryState?
    public var recorded: RecordedSettlement
    public var diagnostics: [Diagnostic]
    public var sources: [SourceFile]
  }

  /// The stem `settle` named the record's output files with.
  public static func stem(of record: Record) -> String {
    "\(record.contract)-\(record.period)"
      + (record.kind == .amendment ? "-amendment-\(record.sequence)" : "")
  }

  /// The settlement's bytes as the record holds them.
  func recordBody(_ record: Record) throws(Refusal) -> Data {
    let data = FileManager.default.contents(atPath: directory + "/" + record.file) ?? Data()
    let end = Data(Ledger.bodyEnd.utf8)
    guard let range = data.range(of: Data(Ledger.bodyMarker.utf8)), data.suffix(end.count) == end,
      range.upperBound <= data.count - end.count
    else {
      throw Refusal(
        message: "ledger record '\(record.file)' holds no readable settlement",
        hint: Ledger.tamperHint)
    }
    return data.subdata(in: range.upperBound..<(data.count - end.count))
  }

  static func engine(of body: Data) -> String? {
    struct Engine: Decodable { var engine: String }
    return (try? JSONDecoder().decode(Engine.self, from: body))?.engine
  }
}
