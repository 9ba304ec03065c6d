import Foundation

extension Ledger {
  /// `.index`: one line per record, `SEQUENCE SHA-256 SIZE MTIME FILE` (the modification time in
  /// nanoseconds), rewritten after HEAD whenever records are added (a cache, not part of the
  /// commit: a crash before it is written leaves an index that disagrees with HEAD, which is
  /// then not used). It lets opening a ledger cost the same whatever its
  /// length: each record's header is read (the part of its file before the settlement, a few
  /// tens of kilobytes against megabytes) and its digest taken from the index, so only the last
  /// record is hashed whole (against HEAD). An index that does not agree with HEAD and the
  /// folder, down to each record's size and modification time (a ledger written before it
  /// existed or copied since, a crash between the two writes, a record edited), is not used:
  /// the ledger is read and every record hashed the full way, as before, which refuses an edit. `ledger verify` hashes every record
  /// and checks the index against them; a record's settlement is checked against its digest
  /// whenever it is read (`settlement(of:)`).
  static let indexName = ".index"

  struct IndexEntry: Equatable {
    var sequence: Int
    var digest: String
    var size: Int
    var modified: Int
    /// The highest statement number the record issued (0: none).
    var highest: Int
    var file: String
  }

  static func indexText(_ records: [Record], stats: [String: (size: Int, modified: Int)]) -> String
  {
    records.map {
      let s = stats[$0.file] ?? (0, 0)
      return "\($0.sequence) \($0.digest) \(s.size) \(s.modified) \($0.highestNumber) \($0.file)\n"
    }.joined()
  }

  /// The index's lines, or nil when there is none or a line is not one.
  static func readIndex(_ directory: String) -> [IndexEntry]? {
    guard let text = try? String(contentsOfFile: directory + "/" + indexName, encoding: .utf8)
    else { return nil }
    var out: [IndexEntry] = []
    for line in text.split(separator: "\n") {
      let f = line.split(separator: " ").map(String.init)
      guard f.count == 6, let seq = Int(f[0]), let size = Int(f[2]), let modified = Int(f[3]),
        let highest = Int(f[4]), f[1].count == 64
      else { return nil }
      out.append(
        IndexEntry(
          sequence: seq, digest: f[1], size: size, modified: modified, highest: highest,
          file: f[5]))
    }
    return out
  }

  /// The records as the index gives them, each header read from its file, when the index
  /// agrees with HEAD and the folder; nil otherwise (read the full way).
  static func indexed(_ directory: String, files: [String], head: (Int, String)) -> [Record]? {
    guard let index = readIndex(directory), index.count == head.0, index.count == files.count,
      (index.last?.digest ?? genesis) == head.1
    else { return nil }
    var records: [Record] = []
    for (i, e) in index.enumerated() {
      let path = directory + "/" + e.file
      guard e.sequence == i + 1, e.file == files[i], let now = fileStat(path),
        now.size == e.size, now.modified == e.modified,
        var record = header(path, states: i == index.count - 1),
        i < index.count - 1 || !record.partial
      else { return nil }
      record.file = e.file
      record.digest = e.digest
      record.indexedHighest = e.highest
      guard record.sequence == e.sequence,
        e.file == fileName(record.sequence, record.period, record.kind),
        record.previous == (records.last?.digest ?? genesis)
      else { return nil }
      records.append(record)
    }
    // The last record is hashed whole: HEAD's digest is what it must be.
    if let last = records.last {
      guard let data = FileManager.default.contents(atPath: directory + "/" + last.file),
        SHA256.hex(data) == last.digest
      else { return nil }
    }
    return records
  }

  /// A file's size and modification time (nanoseconds), not following a link.
  static func fileStat(_ path: String) -> (size: Int, modified: Int)? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return (Int(info.st_size), Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))
  }

  /// A record's header: its file up to the settlement, closed as a JSON object and decoded;
  /// `states: false` leaves out its opening and closing states and its statement numbers (each
  /// one line of the header, record format 1), which are most of it: a partial record
  /// (`Ledger.full`).
  static func header(_ path: String, states: Bool = true) -> Record? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    let marker = Data(bodyMarker.utf8)
    var data = Data()
    var searched = 0
    while true {
      guard let piece = try? handle.read(upToCount: 64 << 10), !piece.isEmpty else { return nil }
      data.append(piece)
      let from = data.startIndex + max(0, searched - marker.count)
      if let range = data.range(of: marker, in: from..<data.endIndex) {
        var head = data.subdata(in: data.startIndex..<range.lowerBound)
        if !states {
          let kept = head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .filter {
              !$0.starts(with: openingLine) && !$0.starts(with: closingLine)
                && !$0.starts(with: numbersLine)
            }
          head = Data(kept.joined(separator: [UInt8(ascii: "\n")]))
        }
        head.append(contentsOf: Array("\n}".utf8))
        return try? JSONDecoder().decode(Record.self, from: head)
      }
      searched = data.count
    }
  }

  static let openingLine = Array("  \"opening\" : ".utf8)
  static let closingLine = Array("  \"closing\" : ".utf8)
  static let numbersLine = Array("  \"numbers\" : ".utf8)

  /// `record` with its opening and closing states: as it is when it has them, else its header
  /// read again whole (its file's size and time unchanged since the index was read).
  public func full(_ record: Record) throws(Refusal) -> Record {
    guard record.partial else { return record }
    guard var whole = Ledger.header(directory + "/" + record.file), !whole.partial,
      whole.sequence == record.sequence, whole.previous == record.previous
    else {
      throw Refusal(
        message: "ledger record '\(record.file)' is not readable", hint: Ledger.tamperHint)
    }
    whole.file = record.file
    whole.digest = record.digest
    return whole
  }

  /// Writes the index of the ledger's records (their sizes from the folder), after HEAD. Not
  /// a step of the run's writes (`WriteFaults` does not count it), and a failure leaves the
  /// ledger whole: the next open reads it the full way and a later settle writes the index.
  func writeIndex() {
    var stats: [String: (size: Int, modified: Int)] = [:]
    for r in records { stats[r.file] = Ledger.fileStat(directory + "/" + r.file) ?? (0, 0) }
    let text = Ledger.indexText(records, stats: stats)
    if (try? AtomicFile.write(Data(text.utf8), to: directory + "/" + Ledger.indexName)) == nil {
      unlink(directory + "/" + Ledger.indexName)
    }
  }
}
