import Foundation

/// The ledger's payments: a second append-only chain beside the settlement records, in the
/// ledger's `payments/` folder, one record per `parkshare pay` run (a single payment, or a
/// whole bank file: all of it or none).
///
/// ```
/// ledger/
///   HEAD, 0001-2026Q1.json, ...    the settlements (untouched by payments)
///   payments/
///     HEAD                         "2 <sha-256 of 0002.json>"
///     0001.json                    the payments of one run, the SHA-256 of the record before,
///     0002.json                    and the settlement record (sequence, SHA-256) they follow
/// ```
///
/// Kept apart from the settlement chain so that an amendment replaying settled periods never
/// has to re-chain payments, and a payment never changes a byte a settlement record hashes.
/// Each record names the settlement record that was the ledger's last when it was written: a
/// settlement chain rolled back behind a payment is caught by `ledger verify`.
/// Written under the ledger's exclusive lock, a record first, then `payments/HEAD`, each by
/// `AtomicFile`; a record a crash left without its HEAD update is complete and chained, and is
/// taken up the next time the book is read.
public struct PaymentBook: Sendable {
  /// The ledger folder (the book is its `payments/` folder).
  public let ledger: String
  public private(set) var batches: [Batch]

  public struct Batch: Sendable, Codable {
    public var sequence: Int
    public var previous: String
    /// The settlement record that was the ledger's last when the payments were recorded.
    public var settlements: Ledger.Reference
    /// The bank file the payments were read from, when they were.
    public var source: String?
    public var payments: [Payment]
    /// Filled when the book is read: the record's file name and SHA-256.
    public var file = ""
    public var digest = ""

    enum CodingKeys: String, CodingKey {
      case sequence, previous, settlements, source, payments
    }
  }

  /// Every payment, in the order recorded.
  public var payments: [Payment] { batches.flatMap(\.payments) }

  /// The batch holding the payment with `reference`.
  public func batch(holding reference: String) -> Batch? {
    batches.first { $0.payments.contains { $0.reference == reference } }
  }

  public static let folderName = "payments"
  var folder: String { ledger + "/" + Self.folderName }

  static func fileName(_ sequence: Int) -> String {
    let n = String(sequence)
    return String(repeating: "0", count: max(0, 4 - n.count)) + n + ".json"
  }

  /// The book of the ledger in `directory` (empty when it has no `payments/` folder), its chain
  /// checked. The caller holds the ledger (`Ledger.open`), and so its lock; `writing` finishes a
  /// write a crash interrupted after its record's rename.
  public static func read(_ directory: String, writing: Bool = false) throws(Ledger.Refusal)
    -> PaymentBook
  {
    var book = PaymentBook(ledger: directory, batches: [])
    let chain = Self.chain(directory)
    if let problem = chain.problems.first {
      throw Ledger.Refusal(message: problem, hint: Ledger.tamperHint)
    }
    book.batches = chain.batches
    if chain.headBehind && writing { try book.writeHead(faults: nil) }
    return book
  }

  /// The records as read, every problem of the chain in words, and whether HEAD names the
  /// record before the last (a write interrupted after the record's rename: taken up).
  static func chain(_ directory: String) -> (
    batches: [Batch], problems: [String], headBehind: Bool
  ) {
    let fm = FileManager.default
    let folder = directory + "/" + folderName
    var isDir: ObjCBool = false
    guard fm.fileExists(atPath: folder, isDirectory: &isDir) else { return ([], [], false) }
    guard isDir.boolValue else {
      return ([], ["'\(folder)' is not a folder of payment records"], false)
    }
    let names = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted()
      .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
    var batches: [Batch] = []
    var problems: [String] = []
    for (i, name) in names.enumerated() {
      guard let data = fm.contents(atPath: folder + "/" + name),
        var batch = try? JSONDecoder().decode(Batch.self, from: data)
      else {
        problems.append("payment record 'payments/\(name)' is not readable")
        continue
      }
      batch.file = name
      batch.digest = SHA256.hex(data)
      if batch.sequence != i + 1 || name != fileName(batch.sequence) {
        problems.append(
          "payment record 'payments/\(name)' is out of place: record \(i + 1) was expected there")
      }
      let before = batches.last
      if batch.previous != (before?.digest ?? Ledger.genesis) {
        problems.append(
          before.map {
            "payment record 'payments/\($0.file)' was changed after it was recorded (or a record was removed, added or reordered): its SHA-256 is not the one 'payments/\(name)' records for it"
          } ?? "payment record 'payments/\(name)' is the first but names a record before it")
      }
      batches.append(batch)
    }
    let head = (try? String(contentsOfFile: folder + "/HEAD", encoding: .utf8)) ?? ""
    let parts = head.split(separator: " ").map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let sequence = parts.first.flatMap { Int($0) } ?? 0
    let digest = parts.count > 1 ? parts[1] : Ledger.genesis
    if sequence == batches.count && digest == (batches.last?.digest ?? Ledger.genesis) {
      return (batches, problems, false)
    }
    // One record past HEAD, chained to it: a `pay` interrupted after the record's rename. The
    // record is complete; it is taken up.
    if sequence == batches.count - 1
      && digest == (batches.count >= 2 ? batches[batches.count - 2].digest : Ledger.genesis)
    {
      return (batches, problems, true)
    }
    problems.append(
      sequence == batches.count
        ? "payment record 'payments/\(batches.last?.file ?? "")' was changed after it was recorded: its SHA-256 is not the one payments/HEAD records"
        : "payments/HEAD names record \(sequence), but the ledger holds \(batches.count) payment records: a record was removed or added"
    )
    return (batches, problems, false)
  }

  /// The record that would follow the book's last, for `payments` recorded after the ledger's
  /// settlement record `after`: built, not written.
  public func prepare(_ payments: [Payment], source: String?, after ledger: Ledger)
    throws(Ledger.Refusal) -> (batch: Batch, data: Data)
  {
    var batch = Batch(
      sequence: batches.count + 1, previous: batches.last?.digest ?? Ledger.genesis,
      settlements: Ledger.Reference(
        sequence: ledger.records.count, digest: ledger.records.last?.digest ?? Ledger.genesis),
      source: source, payments: payments)
    let data: Data
    do throws(JSONOutput.Failure) {
      data = try JSONOutput.document(batch)
    } catch {
      throw Ledger.Refusal(message: "the payments cannot be written: \(error.message)")
    }
    batch.file = Self.fileName(batch.sequence)
    batch.digest = SHA256.hex(data)
    return (batch, data)
  }

  /// Writes the prepared record, then `payments/HEAD`. On a failed HEAD write the record is
  /// taken back, so the book is as it was; a crash instead leaves it complete, to be taken up.
  public mutating func append(_ prepared: (batch: Batch, data: Data), faults: WriteFaults? = nil)
    throws(Ledger.Refusal)
  {
    guard prepared.batch.sequence == batches.count + 1 else {
      throw Ledger.Refusal(message: "the payment book changed while the record was prepared")
    }
    var isDir: ObjCBool = false
    if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) {
      // An empty folder a crash leaves behind is an empty book.
      guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
        throw Ledger.Refusal(
          message:
            "cannot create '\(folder)' (\(String(cString: strerror(errno)))); the ledger is as it was",
          hint: "fix the ledger folder's permissions, then pay again")
      }
    }
    let name = prepared.batch.file
    try write(prepared.data, to: name, faults: faults)
    batches.append(prepared.batch)
    do throws(Ledger.Refusal) {
      try writeHead(faults: faults)
    } catch {
      unlink(folder + "/" + name)
      batches.removeLast()
      throw error
    }
  }

  mutating func writeHead(faults: WriteFaults?) throws(Ledger.Refusal) {
    let text = "\(batches.count) \(batches.last?.digest ?? Ledger.genesis)\n"
    try write(Data(text.utf8), to: "HEAD", faults: faults)
  }

  func write(_ data: Data, to name: String, faults: WriteFaults?) throws(Ledger.Refusal) {
    do throws(AtomicFile.Failure) {
      try AtomicFile.write(data, to: folder + "/" + name, faults: faults)
    } catch {
      throw Ledger.Refusal(
        message:
          "cannot write '\(error.path)' (\(error.step.rawValue): \(error.message)); the ledger is as it was",
        hint: "free disk space or fix the folder's permissions, then pay again")
    }
  }
}
