import Foundation

/// Settled periods on disk: one record per settlement or amendment, each naming the SHA-256 of
/// the record before it, and `HEAD` naming the last record and its SHA-256.
///
/// ```
/// ledger/
///   HEAD                      "3 <sha-256 of 0003-2026Q2-amendment.json>"
///   0001-2026Q1.json          the settlement, its opening and closing state, the previous hash
///   0002-2026Q2.json
///   0003-2026Q2-amendment.json
/// ```
///
/// Records are never changed or removed. Opening a ledger checks every record's digest against
/// the next record's `previous` and the last against `HEAD`: an edited, removed or reordered
/// record is refused. A write is a record first, then `HEAD`, each through a temporary file,
/// fsync and rename; a record that a crash left without its `HEAD` update is complete and chained,
/// and is taken up (rolled forward) the next time the ledger is opened.
public struct Ledger: Sendable {
  public let directory: String
  public private(set) var records: [Record]
  /// Held while this value lives: one parkshare at a time reads or writes a ledger.
  let lock: Lock
  /// This run created the folder (a first settle): `discardIfUnused` takes it back when the run
  /// records nothing.
  public private(set) var created = false
  /// Records an interrupted amendment left past HEAD, which opening the ledger to write set
  /// aside (`Ledger+Transaction`): said to the user, never silently.
  public private(set) var setAside: [Record] = []

  /// What a record says about itself (its file holds the whole settlement too).
  public struct Record: Sendable, Decodable {
    public var sequence: Int
    public var kind: Kind
    public var contract: String
    public var period: Period
    public var previous: String
    public var amends: Reference?
    /// The states the period opened and closed with. A record read by the ledger's index
    /// (`Ledger+Index`) leaves them out (`partial`) until `Ledger.full(_:)` reads them: asking a
    /// partial record for them is a programming error, stopped here rather than answered with
    /// an empty state.
    public var opening: CarryState {
      get {
        precondition(!partial, "ledger record \(file): its states were not read (Ledger.full)")
        return openingState
      }
      set { openingState = newValue }
    }
    public var closing: CarryState {
      get {
        precondition(!partial, "ledger record \(file): its states were not read (Ledger.full)")
        return closingState
      }
      set { closingState = newValue }
    }
    var openingState: CarryState
    var closingState: CarryState
    /// Read without its states (see `opening`).
    public internal(set) var partial = false
    /// The issue date, and the statement numbers this record issued, by party.
    public var issued: String?
    public var numbers: [String: Int]? {
      get {
        precondition(!partial, "ledger record \(file): its numbers were not read (Ledger.full)")
        return numbersValue
      }
      set { numbersValue = newValue }
    }
    var numbersValue: [String: Int]?
    /// The highest statement number the record issued (0: none): from its numbers, or for a
    /// partial record from the ledger's index.
    public var highestNumber: Int {
      partial ? indexedHighest : (numbersValue ?? [:]).values.max() ?? 0
    }
    var indexedHighest = 0
    /// BLAKE2b-256 of the contract file the period was settled under (absent in records written
    /// before it was kept: the settlement's inputs hold it too).
    public var contractDigest: String?
    /// BLAKE2b-256 of the contract's text (`ContractDigest`), which decides whether the contract
    /// changed; absent in records written before it was kept.
    public var contractText: String?
    /// An amendment of an earlier period writes, in the same transaction, a restatement of
    /// every later period its correction reaches: it says how many records follow it so
    /// (`replays`), and each of them names it (`replayOf`, its sequence). Absent otherwise.
    public var replays: Int?
    public var replayOf: Int?
    /// Filled when the ledger is read: the record's file name and SHA-256.
    public var file = ""
    public var digest = ""

    enum CodingKeys: String, CodingKey {
      case sequence, kind, contract, period, previous, amends, issued
      case numbersValue = "numbers"
      case openingState = "opening"
      case closingState = "closing"
      case contractDigest, contractText, replays, replayOf
    }

    init(
      sequence: Int, kind: Kind, contract: String, period: Period, previous: String,
      amends: Reference?, opening: CarryState, closing: CarryState, issued: String?,
      numbers: [String: Int]?, contractDigest: String?, contractText: String?, replays: Int?,
      replayOf: Int?
    ) {
      self.sequence = sequence
      self.kind = kind
      self.contract = contract
      self.period = period
      self.previous = previous
      self.amends = amends
      self.openingState = opening
      self.closingState = closing
      self.issued = issued
      self.numbersValue = numbers
      self.contractDigest = contractDigest
      self.contractText = contractText
      self.replays = replays
      self.replayOf = replayOf
    }

    /// A record's header; without `opening` and `closing` (a header read by the index without
    /// them), a partial record.
    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      sequence = try c.decode(Int.self, forKey: .sequence)
      kind = try c.decode(Kind.self, forKey: .kind)
      contract = try c.decode(String.self, forKey: .contract)
      period = try c.decode(Period.self, forKey: .period)
      previous = try c.decode(String.self, forKey: .previous)
      amends = try c.decodeIfPresent(Reference.self, forKey: .amends)
      let opening = try c.decodeIfPresent(CarryState.self, forKey: .openingState)
      let closing = try c.decodeIfPresent(CarryState.self, forKey: .closingState)
      openingState = opening ?? CarryState(contract: contract)
      closingState = closing ?? CarryState(contract: contract)
      // Every record holds its states: without them, a header the index read partially (its
      // numbers left out too; records before statement numbers have none, and are whole).
      partial = opening == nil || closing == nil
      issued = try c.decodeIfPresent(String.self, forKey: .issued)
      numbersValue = try c.decodeIfPresent([String: Int].self, forKey: .numbersValue)
      contractDigest = try c.decodeIfPresent(String.self, forKey: .contractDigest)
      contractText = try c.decodeIfPresent(String.self, forKey: .contractText)
      replays = try c.decodeIfPresent(Int.self, forKey: .replays)
      replayOf = try c.decodeIfPresent(Int.self, forKey: .replayOf)
    }
  }

  /// The next statement number: numbers are sequential across the whole ledger, never reused.
  public var nextNumber: Int {
    (records.map(\.highestNumber).max() ?? 0) + 1
  }

  /// Each party's latest statement number for `period` (initial or difference statement).
  public func latestNumbers(for period: Period) throws(Refusal) -> [String: Int] {
    var out: [String: Int] = [:]
    for r in records where r.period == period {
      for (party, n) in try full(r).numbers ?? [:] { out[party] = n }
    }
    return out
  }

  /// The settlement a record holds, read back from its file.
  public func settlement(of record: Record) throws(Refusal) -> RecordedSettlement {
    struct Wrapper: Decodable { var settlement: RecordedSettlement }
    guard let data = FileManager.default.contents(atPath: directory + "/" + record.file) else {
      throw Refusal(message: "ledger record '\(record.file)' holds no readable settlement")
    }
    // Opening a ledger by its index hashes only the last record: a record is checked against
    // its digest whenever its settlement is read.
    guard record.digest.isEmpty || SHA256.hex(data) == record.digest else {
      throw Refusal(
        message:
          "ledger record '\(record.file)' was changed after it was recorded: its SHA-256 is not the one the chain records",
        hint: Ledger.tamperHint)
    }
    guard let w = try? JSONDecoder().decode(Wrapper.self, from: data) else {
      throw Refusal(message: "ledger record '\(record.file)' holds no readable settlement")
    }
    return w.settlement
  }

  /// The data bundle `record` was settled from, found from its inputs: every file of it must
  /// still have the digest recorded, so what is read again is what was settled.
  public func bundleDirectory(of record: Record) throws(Refusal) -> String {
    let recorded = try settlement(of: record)
    guard let dir = Self.bundleFolder(recorded.inputs) else {
      throw Refusal(message: "\(record.period) was settled without a data bundle on record")
    }
    for input in recorded.inputs where input.path.hasPrefix(dir + "/") {
      guard FileDigest.of(input.path)?.blake2b256 == input.blake2b256 else {
        throw Refusal(
          message:
            "'\(input.path)' is not the file \(record.period) was settled from (missing, or its digest differs)",
          hint: "restore the period's data bundle as it was settled")
      }
    }
    return dir
  }

  /// The folder of the data bundle a record's inputs were read from: the one holding its
  /// facts.csv, or its meters.csv where a contract with no inputs left facts.csv out.
  static func bundleFolder(_ inputs: [FileDigest]) -> String? {
    let file =
      inputs.first(where: { $0.path.hasSuffix("/facts.csv") })
      ?? inputs.first(where: { $0.path.hasSuffix("/meters.csv") })
    return file.map { ($0.path as NSString).deletingLastPathComponent }
  }

  public enum Kind: String, Sendable, Codable { case settlement, amendment }

  public struct Reference: Sendable, Codable {
    public var sequence: Int
    public var digest: String
  }

  /// Why a ledger cannot be used or a period cannot be added; `message` says which file and how.
  public struct Refusal: Error, Sendable {
    public var message: String
    public var hint: String?
    /// The diagnostic id it is reported under.
    public var id = DiagnosticID.ledger

    public init(message: String, hint: String? = nil) {
      self.message = message
      self.hint = hint
    }

    /// A refusal with its own diagnostic id.
    static func error(_ id: DiagnosticID, _ message: String, hint: String?) -> Refusal {
      var r = Refusal(message: message, hint: hint)
      r.id = id
      return r
    }
  }

  static let genesis = String(repeating: "0", count: 64)

  /// Reads and verifies the ledger in `directory`. `writing` takes the ledger for this run alone
  /// (a settle), and creates it empty when the folder does not exist; readers share it, and
  /// refuse a folder that is not a ledger without creating anything in it.
  public static func open(_ directory: String, writing: Bool = false) throws(Refusal) -> Ledger {
    let fm = FileManager.default
    var isDir: ObjCBool = false
    var created = false
    if !fm.fileExists(atPath: directory, isDirectory: &isDir) {
      guard writing else {
        throw Refusal(
          message: "there is no ledger at '\(directory)'",
          hint: "give the folder a `settle --ledger` wrote")
      }
      do {
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        created = true
      } catch {
        throw Refusal(message: "cannot create the ledger '\(directory)'")
      }
    } else if !isDir.boolValue {
      throw Refusal(message: "'\(directory)' is not a directory")
    } else if !writing && !isLedger(directory) {
      // A reader would otherwise show an empty journal of any folder, and leave a .lock in it.
      throw Refusal(
        message: "'\(directory)' is not a ledger: it holds no HEAD and no ledger record",
        hint: "give the folder a `settle --ledger` wrote")
    }
    let lock = try Lock(directory, exclusive: writing)
    let names = ((try? fm.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    // Temporary files are writes a crash interrupted before their rename: never part of it.
    for name in names where writing && name.contains(".parkshare-tmp-") {
      try? fm.removeItem(atPath: directory + "/" + name)
    }
    let files = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
    let head = (try? String(contentsOfFile: directory + "/HEAD", encoding: .utf8)) ?? ""
    let parts = head.split(separator: " ").map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let headSequence = parts.first.flatMap { Int($0) } ?? 0
    let headDigest = parts.count > 1 ? parts[1] : genesis
    // The index, when it agrees with HEAD and the folder: each record's header alone.
    if let records = indexed(directory, files: files, head: (headSequence, headDigest)) {
      var ledger = Ledger(directory: directory, records: records, lock: lock)
      ledger.created = created
      return ledger
    }
    var records: [Record] = []
    for (i, name) in files.enumerated() {
      guard let data = fm.contents(atPath: directory + "/" + name),
        var record = try? JSONDecoder().decode(Record.self, from: data), !record.partial
      else {
        throw Refusal(message: "ledger record '\(name)' is not readable", hint: tamperHint)
      }
      record.file = name
      record.digest = SHA256.hex(data)
      let expected = records.last?.digest ?? genesis
      guard record.sequence == i + 1, name == fileName(record.sequence, record.period, record.kind)
      else {
        throw Refusal(
          message: "ledger record '\(name)' is out of place: record \(i + 1) was expected there",
          hint: tamperHint)
      }
      guard record.previous == expected else {
        throw Refusal(
          message:
            "ledger record '\(records.last?.file ?? name)' was changed after it was recorded: its digest is not the one '\(name)' records for it",
          hint: tamperHint)
      }
      records.append(record)
    }
    var ledger = Ledger(directory: directory, records: records, lock: lock)
    ledger.created = created
    if headSequence == records.count, headDigest == (records.last?.digest ?? genesis) {
      // Read the full way (a ledger without an index, or one it disagrees with): the next
      // record written writes the index (a run that fails changes nothing, the index included).
      return ledger
    }
    // Records past HEAD, chained to it: a write a crash interrupted after the records' renames.
    // A complete transaction is finished (HEAD written). But HEAD moved back looks the same,
    // with the records after it edited at will: they are taken up only when each, re-settled
    // from its recorded inputs, gives its bytes. An amendment cut short before all the periods
    // it restates were written is set aside: HEAD never committed it.
    if headSequence >= 0, headSequence < records.count,
      headDigest == (headSequence >= 1 ? records[headSequence - 1].digest : genesis)
    {
      let past = records[headSequence...]
      switch pastHead(past) {
      case .complete:
        if let problem = LedgerVerification.problemsPastHead(
          directory, from: headSequence, threads: ProcessInfo.processInfo.activeProcessorCount
        ).first {
          let last = records[records.count - 1]
          throw Refusal(
            message:
              "HEAD names record \(headSequence), and '\(last.file)' follows it unconfirmed (a settle interrupted after writing it, or HEAD moved back); it is not taken up: \(problem.message)",
            hint: tamperHint)
        }
        if writing {
          try ledger.writeHead(faults: nil)
          ledger.writeIndex()
        }
        return ledger
      case .interrupted:
        ledger.records = Array(records[..<headSequence])
        if writing {
          try ledger.setAside(past)
          ledger.setAside = Array(past)
        }
        return ledger
      case .unexplained: break
      }
    }
    throw Refusal(
      message: records.count == headSequence
        ? "ledger record '\(records.last?.file ?? "")' was changed after it was recorded: its digest is not the one HEAD records"
        : "the ledger's HEAD names record \(headSequence), but the ledger holds \(records.count): a record was removed or added",
      hint: tamperHint)
  }

  /// A folder a settle has written to: it has a HEAD, or a record (a ledger that lost its HEAD
  /// is still one, and is refused as tampered when read).
  static func isLedger(_ directory: String) -> Bool {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.contains { name in
      name == "HEAD"
        || (name.hasSuffix(".json") && name.count > 5 && name.prefix(4).allSatisfy(\.isNumber))
    }
  }

  /// Removes the folder this run created for the ledger when nothing was recorded in it: a
  /// settle that failed leaves no empty ledger behind.
  public func discardIfUnused() {
    guard created, records.isEmpty else { return }
    unlink(directory + "/.lock")
    rmdir(directory)
  }

  static let tamperHint =
    "a ledger record was changed, removed or added by hand; restore the ledger from its backup"

  static func fileName(_ sequence: Int, _ period: Period, _ kind: Kind) -> String {
    let n = String(sequence)
    return String(repeating: "0", count: max(0, 4 - n.count)) + n + "-\(period)"
      + (kind == .amendment ? "-amendment" : "") + ".json"
  }

  /// The latest record for each period, in order.
  public var latest: [Record] {
    var byPeriod: [Period: Record] = [:]
    for r in records { byPeriod[r.period] = r }
    return byPeriod.values.sorted { $0.period < $1.period }
  }

  /// The state `period` opens with, and the record it amends, or why it cannot be settled now.
  public func opening(for period: Period, contract: Contract, amend: Bool) throws(Refusal) -> (
    state: CarryState?, amends: Record?
  ) {
    if let other = records.first(where: { $0.contract != contract.id }) {
      throw Refusal(
        message: "the ledger holds contract '\(other.contract)', not '\(contract.id)'",
        hint: "keep one ledger directory per contract")
    }
    guard let last = latest.last else {
      guard period == contract.term.from else {
        throw Refusal(
          message:
            "the ledger is empty: the first period to settle is \(contract.term.from), not \(period)"
        )
      }
      if amend { throw Refusal(message: "there is nothing to amend: \(period) is not settled") }
      return (nil, nil)
    }
    if let settled = latest.first(where: { $0.period == period }) {
      guard amend else {
        throw Refusal(
          message: "\(period) is already settled (\(settled.file)); it is not settled again",
          hint:
            "to correct it, settle it with --amend: an amendment is recorded beside the original")
      }
      // An earlier period is amended too: the amendment restates every later period its
      // correction reaches (`SettleUseCase`), in the same transaction.
      let opening = try full(settled).opening
      return (opening.period == nil ? nil : opening, settled)
    }
    if amend { throw Refusal(message: "there is nothing to amend: \(period) is not settled") }
    // The next period opens from the record's closing state: the one its settlement closed
    // with, not a header edited apart from it (`ledger verify` checks every record so).
    let closing = try full(last).closing
    guard Ledger.compact(try settlement(of: last).closing) == Ledger.compact(closing) else {
      throw Refusal(
        message:
          "ledger record '\(last.file)' gives a closing state that is not the one its settlement closed with",
        hint: Ledger.tamperHint)
    }
    guard period == last.period.next else {
      throw Refusal(
        message:
          "the ledger's last period is \(last.period); the next to settle is \(last.period.next), not \(period)"
      )
    }
    return (closing, nil)
  }

  /// The next record, built but not written: its sequence and SHA-256 are known before any file
  /// is, so the statements written beside it can name it (`Settlement.Issue.record`, `head`).
  public struct Pending: Sendable {
    public let record: Record
    let data: Data
  }

  /// The JSON a record holds for `settlement`: the shared encoder's document, so the same
  /// settlement gives the same bytes (`ledger verify` re-settles and compares them).
  public static func body(_ settlement: Settlement) throws(JSONOutput.Failure) -> Data {
    var s = settlement
    // Record format 1 lists a contract meter's first 12 registered meters, then how many more.
    for i in s.revenue.items.indices {
      s.revenue.items[i].details = s.revenue.items[i].details.abbreviatingMeters()
    }
    s.issue?.record = nil
    s.issue?.head = nil
    return try JSONOutput.document(s)
  }

  /// Builds the record that would follow the ledger's last for `settlement`, or the last of
  /// `earlier` (records prepared for the same transaction, not written yet). An amendment that
  /// restates later periods says how many (`replays`); each restatement names it (`replayOf`).
  public func prepare(
    _ settlement: Settlement, contract: ContractDigest?, amends: Record?, numbers: [String: Int],
    after earlier: [Pending] = [], replays: Int? = nil, replayOf: Int? = nil
  ) throws(Refusal) -> Pending {
    let kind: Kind = amends == nil ? .settlement : .amendment
    let sequence = records.count + earlier.count + 1
    let previous = earlier.last?.record.digest ?? records.last?.digest ?? Ledger.genesis
    var record = Record(
      sequence: sequence, kind: kind, contract: settlement.contract.id, period: settlement.period,
      previous: previous,
      amends: amends.map { Reference(sequence: $0.sequence, digest: $0.digest) },
      opening: settlement.opening, closing: settlement.closing, issued: settlement.issue?.issued,
      numbers: numbers, contractDigest: contract?.bytes, contractText: contract?.text,
      replays: replays, replayOf: replayOf)
    let data: Data
    do throws(JSONOutput.Failure) {
      data = try record.encoded(settlement)
    } catch {
      throw Refusal(message: "the record cannot be written: \(error.message)")
    }
    record.file = Ledger.fileName(sequence, settlement.period, kind)
    record.digest = SHA256.hex(data)
    return Pending(record: record, data: data)
  }

  /// Where a record's settlement starts, and how the record ends after it.
  static let bodyMarker = ",\n  \"settlement\" : "
  static let bodyEnd = "\n}\n"

  /// Writes `pending` (from `prepare` on this ledger, unchanged since) as the next record, then
  /// HEAD. `faults` injects failures into the writes, for tests.
  public mutating func append(_ pending: Pending, faults: WriteFaults? = nil) throws(Refusal) {
    try append([pending], faults: faults)
  }

  /// Writes the records of one transaction (an amendment and the later periods it restates),
  /// each chained to the one before, then HEAD once: HEAD is the commit point, so the ledger
  /// holds all of them or none. A crash before HEAD leaves records past it, which the next open
  /// takes up when they are complete and re-settle to their bytes, and sets aside otherwise.
  public mutating func append(_ pendings: [Pending], faults: WriteFaults? = nil) throws(Refusal) {
    var expected = records.last?.digest ?? Ledger.genesis
    for (i, p) in pendings.enumerated() {
      guard p.record.sequence == records.count + i + 1, p.record.previous == expected else {
        throw Refusal(message: "the ledger changed while the record was prepared")
      }
      expected = p.record.digest
    }
    let before = records.count
    // HEAD still names the record before: take the new records back, so the ledger is as it
    // was and the command's outputs can be taken back with it. (A crash here instead leaves
    // the records complete; the next open rolls them forward, and the outputs are in place.)
    func takeBack() {
      for r in records[before...].reversed() { unlink(directory + "/" + r.file) }
      records.removeSubrange(before...)
    }
    do throws(Refusal) {
      for p in pendings {
        try write(p.data, to: p.record.file, faults: faults)
        records.append(p.record)
      }
      try writeHead(faults: faults)
    } catch {
      takeBack()
      throw error
    }
    writeIndex()
  }

  mutating func writeHead(faults: WriteFaults?) throws(Refusal) {
    let text = "\(records.count) \(records.last?.digest ?? Ledger.genesis)\n"
    try write(Data(text.utf8), to: "HEAD", faults: faults)
  }

  func write(_ data: Data, to name: String, faults: WriteFaults?) throws(Refusal) {
    do throws(AtomicFile.Failure) {
      try AtomicFile.write(data, to: directory + "/" + name, faults: faults)
    } catch {
      throw Refusal(
        message:
          "cannot write '\(error.path)' (\(error.step.rawValue): \(error.message)); the ledger is as it was",
        hint: "free disk space or fix the folder's permissions, then settle again")
    }
  }

  /// A value on one line, to compare two states or quote one in a message (never hashed: a
  /// value the encoder refused, which none of the engine's types is, reads as null).
  static func compact<T: Encodable>(_ value: T) -> String {
    (try? JSONOutput.line(value)) ?? "null"
  }
}
