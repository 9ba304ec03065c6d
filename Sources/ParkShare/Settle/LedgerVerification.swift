import Foundation

/// `parkshare ledger verify`: everything a ledger claims, checked from its files alone, each
/// problem named with the record it is in, rather than refusing at the first as `Ledger.open`
/// does.
///
/// - the chain: every record's SHA-256 is the `previous` of the next, and HEAD names the last;
/// - every record's own digests and fields: the header agrees with the settlement it holds
///   (period, kind, opening and closing state, issue date, statement numbers, contract digest),
///   an amendment names the record it amends by its digest, each period opens from the state
///   the one before closed with, numbers run without gaps, and a contract whose text changed
///   carries an acknowledged change;
/// - every input file still present against its recorded BLAKE2b-256;
/// - each period re-settled from its recorded inputs and opening state, compared with the
///   recorded settlement byte for byte (a record edited and its chain recomputed is caught here).
///
/// What the chain cannot prove: that the ledger was not rolled back (records removed from the
/// end and HEAD rewritten, or the whole ledger rebuilt) by someone with write access. Statements
/// print their record and its digest; `expectHead` checks such a digest is still in the chain.
public struct LedgerVerification: Sendable {
  public var directory: String
  /// One line per record, for people: what was checked and how it ended.
  public var lines: [String] = []
  public var diagnostics: [Diagnostic] = []
  public var records = 0
  public var head = Ledger.genesis

  public var holds: Bool { !diagnostics.hasErrors }

  /// One record file as read: its bytes, digest, header and settlement (when readable).
  struct Entry {
    var name: String
    var data: Data
    var digest: String
    var record: Ledger.Record?
    var body: Data?
    var settlement: RecordedSettlement?
    var engine: String?
  }

  /// Verifies the ledger in `directory`; `expectHead` is a record digest printed on a statement,
  /// which must still be in the chain.
  public static func run(_ directory: String, expectHead: String? = nil, threads: Int = 1)
    -> LedgerVerification
  {
    var v = LedgerVerification(directory: directory)
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue,
      Ledger.isLedger(directory)
    else {
      v.diagnostics.append(
        .error(
          .ledger, "'\(directory)' is not a ledger: it holds no HEAD and no ledger record",
          at: .whole(directory), hint: "give the folder a `settle --ledger` wrote"))
      return v
    }
    // Shared, like every reader: no settle appends while the ledger is verified.
    let lock: Ledger.Lock
    do throws(Ledger.Refusal) {
      lock = try Ledger.Lock(directory, exclusive: false)
    } catch {
      v.diagnostics.append(.error(.ledger, error.message, at: .whole(directory), hint: error.hint))
      return v
    }
    defer { withExtendedLifetime(lock) {} }
    let entries = v.checkHead(v.readChain())
    v.checkIndex(entries)
    for i in entries.indices { v.check(entries, at: i, threads: threads) }
    v.checkPayments(entries)
    if let expectHead { v.confirm(expectHead, in: entries) }
    return v
  }

  /// The problems of the records from `index` on (those past HEAD), re-settled, without taking
  /// the lock (the caller holds it): what `Ledger.open` asks before it takes up records HEAD
  /// does not name yet. A settle interrupted after writing its records left ones that re-settle
  /// to the same bytes; a last record edited and HEAD moved back to hide the edit does not.
  static func problemsPastHead(_ directory: String, from index: Int, threads: Int) -> [Diagnostic] {
    var v = LedgerVerification(directory: directory)
    let entries = v.readChain()
    guard index < entries.count else { return v.diagnostics }
    for i in index..<entries.count { v.check(entries, at: i, threads: threads) }
    return v.diagnostics.filter { $0.severity == .error }
      + v.diagnostics.filter { $0.id == .notResettled }
  }

  func place(_ name: String) -> SourceRange { .whole(directory + "/" + name) }

  mutating func fail(_ name: String, _ message: String, hint: String? = nil) {
    diagnostics.append(.error(.ledgerVerify, message, at: place(name), hint: hint))
  }

  /// Reads every record and checks each names the digest of the one before it.
  mutating func readChain() -> [Entry] {
    let fm = FileManager.default
    let names = ((try? fm.contentsOfDirectory(atPath: directory)) ?? []).sorted()
      .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
    var entries: [Entry] = []
    for (i, name) in names.enumerated() {
      let data = fm.contents(atPath: directory + "/" + name) ?? Data()
      var e = Entry(name: name, data: data, digest: SHA256.hex(data))
      // A header without its states is not a record (only the index reads one so).
      e.record = (try? JSONDecoder().decode(Ledger.Record.self, from: data)).flatMap {
        $0.partial ? nil : $0
      }
      guard var record = e.record else {
        fail(name, "'\(name)' is not a readable ledger record", hint: Ledger.tamperHint)
        entries.append(e)
        continue
      }
      record.file = name
      record.digest = e.digest
      e.record = record
      if record.sequence != i + 1
        || name != Ledger.fileName(record.sequence, record.period, record.kind)
      {
        fail(
          name, "'\(name)' is out of place: record \(i + 1) was expected there",
          hint: Ledger.tamperHint)
      }
      let before = entries.last
      if record.previous != (before?.digest ?? Ledger.genesis) {
        fail(
          name,
          before.map {
            "'\(name)' records \(record.previous) as the digest of '\($0.name)', whose SHA-256 is \($0.digest): '\($0.name)' was changed after it was recorded, or a record was removed, added or reordered"
          } ?? "'\(name)' is the first record but names a record before it",
          hint: Ledger.tamperHint)
      }
      if let range = data.range(of: Data(Ledger.bodyMarker.utf8)),
        data.suffix(Ledger.bodyEnd.utf8.count) == Data(Ledger.bodyEnd.utf8),
        range.upperBound <= data.count - Ledger.bodyEnd.utf8.count
      {
        let body = data.subdata(in: range.upperBound..<(data.count - Ledger.bodyEnd.utf8.count))
        e.body = body
        e.settlement = try? JSONDecoder().decode(RecordedSettlement.self, from: body)
        struct Engine: Decodable { var engine: String }
        e.engine = (try? JSONDecoder().decode(Engine.self, from: body))?.engine
      }
      if e.settlement == nil {
        fail(name, "'\(name)' holds no readable settlement", hint: Ledger.tamperHint)
      }
      entries.append(e)
    }
    return entries
  }

  /// HEAD names the last record and its digest. Returns the records that are the ledger's: an
  /// amendment a crash interrupted before HEAD committed it is not (the next settle sets it
  /// aside), and is reported as such.
  mutating func checkHead(_ all: [Entry]) -> [Entry] {
    var entries = all
    if let (kept, past) = interrupted(all) {
      entries = kept
      diagnostics.append(
        .warning(
          .ledgerVerify,
          "\(past.map { "'\($0.name)'" }.joined(separator: ", ")) \(past.count == 1 ? "follows" : "follow") HEAD: an amendment interrupted before it restated every period it announced; \(past.count == 1 ? "it is" : "they are") not part of the ledger",
          at: place(past[0].name),
          hint: "the next settle sets them aside; settle the amendment again"))
    }
    records = entries.count
    head = entries.last?.digest ?? Ledger.genesis
    guard let text = try? String(contentsOfFile: directory + "/HEAD", encoding: .utf8) else {
      fail("HEAD", "the ledger has no HEAD", hint: Ledger.tamperHint)
      return entries
    }
    let parts = text.split(separator: " ").map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let sequence = parts.first.flatMap { Int($0) }
    let digest = parts.count > 1 ? parts[1] : ""
    if sequence == entries.count && digest == head { return entries }
    let records = entries.compactMap(\.record)
    if let h = sequence, h >= 0, h < entries.count, records.count == entries.count,
      digest == (h >= 1 ? entries[h - 1].digest : Ledger.genesis),
      Ledger.pastHead(records[h...]) == .complete
    {
      // Whole and chained: a run killed before it wrote HEAD, which the next writer finishes
      // once the records re-settle to their bytes (checked below, record by record, like any
      // other): a warning. Edited records moved past a HEAD set back fail that check.
      let past = entries[h...].map { "'\($0.name)'" }.joined(separator: ", ")
      diagnostics.append(
        .warning(
          .ledgerVerify,
          "HEAD names record \(h), but \(entries.count - h == 1 ? "record \(entries.count) (\(past)) follows it" : "records \(h + 1) to \(entries.count) (\(past)) follow it"): a settle was interrupted after writing \(entries.count - h == 1 ? "it" : "them"), or HEAD was moved back",
          at: place("HEAD"),
          hint:
            "if a settle was interrupted, the next settle takes the record up; otherwise compare the record's digest with the statements issued from it (--expect-head)"
        ))
      return entries
    }
    fail(
      "HEAD",
      "HEAD names record \(sequence.map(String.init) ?? "?") with digest \(digest), but the ledger's last record is \(entries.count) ('\(entries.last?.name ?? "none")') with digest \(head)",
      hint: Ledger.tamperHint)
    return entries
  }

  /// The ledger's records and those of an interrupted amendment past HEAD, when HEAD names a
  /// record of the chain and what follows it is such an amendment.
  func interrupted(_ entries: [Entry]) -> ([Entry], [Entry])? {
    guard let text = try? String(contentsOfFile: directory + "/HEAD", encoding: .utf8),
      let sequence = text.split(separator: " ").first.flatMap({ Int($0) }),
      sequence >= 0, sequence < entries.count
    else { return nil }
    let records = entries.compactMap(\.record)
    guard records.count == entries.count,
      Ledger.pastHead(records[sequence...]) == .interrupted
    else { return nil }
    return (Array(entries[..<sequence]), Array(entries[sequence...]))
  }

  /// The record at `i`: its fields against its settlement and the records before it, its
  /// inputs against their digests, and the period re-settled.
  mutating func check(_ entries: [Entry], at i: Int, threads: Int) {
    let e = entries[i]
    guard let r = e.record, let s = e.settlement else {
      lines.append("\(e.name)  FAILED")
      return
    }
    // Problems charged to this record, the chain's included.
    func failedHere() -> Bool {
      diagnostics.contains { $0.severity == .error && $0.range.file == place(e.name).file }
    }
    let earlier = entries[..<i].compactMap(\.record)
    func differs<T: Encodable>(_ field: String, _ a: T, _ b: T) {
      if Ledger.compact(a) != Ledger.compact(b) {
        fail(
          e.name,
          "'\(e.name)' says its \(field) is \(Ledger.compact(a)), but its settlement says \(Ledger.compact(b))",
          hint: Ledger.tamperHint)
      }
    }
    differs("contract", r.contract, s.contract.id)
    differs("period", r.period.description, s.period.description)
    differs("kind", r.kind.rawValue, s.issue?.kind == .amendment ? "amendment" : "settlement")
    differs("opening state", r.opening, s.opening)
    differs("closing state", r.closing, s.closing)
    differs("issue date", r.issued, s.issue?.issued)
    var numbers: [String: Int] = [:]
    if s.issue?.kind == .amendment {
      for d in s.issue?.differences ?? [] { numbers[d.party] = d.number }
    } else {
      for st in s.statements { if let n = st.number { numbers[st.party] = n } }
    }
    differs("statement numbers", r.numbers ?? [:], numbers)
    let contractDigest = s.inputs.first { $0.path == s.contract.file }?.blake2b256
    if let d = r.contractDigest { differs("contract digest", d, contractDigest ?? "") }
    if let t = r.contractText, let now = ContractDigest.of(s.contract.file),
      now.bytes == contractDigest, let text = now.text
    {
      differs("contract text digest", t, text)
    }
    // Numbers run on from the last one issued, without gaps.
    let next = (earlier.flatMap { ($0.numbers ?? [:]).values }.max() ?? 0) + 1
    let issued = (r.numbers ?? [:]).values.sorted()
    if issued != Array(next..<(next + issued.count)) {
      fail(
        e.name,
        "'\(e.name)' issues statement numbers \(issued.map(String.init).joined(separator: ", ")); the next number was \(next)",
        hint: Ledger.tamperHint)
    }
    if let other = earlier.first(where: { $0.contract != r.contract }) {
      fail(
        e.name,
        "'\(e.name)' is for contract '\(r.contract)', '\(other.file)' for '\(other.contract)'")
    }
    checkContinuity(entries, at: i)
    checkContractChange(entries, at: i)
    // The files it was settled from, as far as they are still here.
    var missing: [String] = []
    for input in s.inputs {
      guard let now = FileDigest.of(input.path) else {
        missing.append("'\(input.path)'")
        continue
      }
      // The contract saved again with other line ends or a BOM: the same text, still here.
      if input.path == s.contract.file, now.blake2b256 != input.blake2b256,
        Self.resaved(e, in: entries)
      {
        continue
      }
      // A file replaced in place by a later record that accounts for it (an amendment of this
      // period settled from corrected data, or a later record settled under the contract's
      // text now): the old file is gone, so this period cannot be re-settled, but nothing was
      // changed unseen (a contract change is checked on the record that made it).
      if now.blake2b256 != input.blake2b256,
        let later = entries[(i + 1)...].first(where: {
          input.path == s.contract.file
            ? Self.settledUnder(now.path, $0, in: entries)
            : Self.accounts(for: now, in: $0, period: r.period)
        })
      {
        missing.append("'\(input.path)' (replaced, as recorded in '\(later.name)')")
      } else if now.blake2b256 != input.blake2b256 {
        fail(
          e.name,
          "'\(input.path)' is not the file \(r.period) was settled from in '\(e.name)': its BLAKE2b-256 is \(now.blake2b256), the record's \(input.blake2b256)",
          hint: "restore the file as it was settled; a changed input is settled again with --amend")
      }
    }
    guard !failedHere() else {
      lines.append("\(e.name)  \(r.kind.rawValue) \(r.period)  FAILED")
      return
    }
    guard missing.isEmpty else {
      diagnostics.append(
        .warning(
          .notResettled,
          "\(r.period) ('\(e.name)') is not re-settled: \(missing.prefix(3).joined(separator: ", "))\(missing.count > 3 ? " and \(missing.count - 3) more" : "") \(missing.count == 1 ? "is" : "are") no longer there as settled",
          at: place(e.name),
          hint:
            "the chain and the record's digests are checked; restore the period's files where they were settled to re-settle it"
        ))
      lines.append(
        "\(e.name)  \(r.kind.rawValue) \(r.period)  chain and digests hold; not re-settled")
      return
    }
    resettle(entries, at: i, threads: threads)
    lines.append(
      "\(e.name)  \(r.kind.rawValue) \(r.period)  "
        + (failedHere() ? "FAILED" : "chain and digests hold; re-settled to the same bytes"))
  }

  /// Whether record `e` accounts for the data file `now` replacing an earlier one: it amends
  /// `period` and was settled from it.
  static func accounts(for now: FileDigest, in e: Entry, period: Period) -> Bool {
    guard let s = e.settlement, s.inputs.contains(now) else { return false }
    return e.record?.kind == .amendment && e.record?.period == period
  }

  /// Settles the record's period again from its recorded inputs and opening state, issued as it
  /// was, and compares the result with the record's settlement byte for byte.
  mutating func resettle(_ entries: [Entry], at i: Int, threads: Int) {
    let e = entries[i]
    guard let r = e.record, let recorded = e.settlement, let body = e.body else { return }
    let (_, checked) = Checker.check(path: recorded.contract.file)
    guard let contract = checked.contract, !checked.diagnostics.hasErrors else {
      fail(
        e.name,
        "\(r.period) cannot be re-settled: its contract '\(recorded.contract.file)' no longer checks"
      )
      return
    }
    guard let folder = Ledger.bundleFolder(recorded.inputs) else {
      fail(e.name, "\(r.period) was settled without a data bundle on record")
      return
    }
    let loaded = DataBundle.load(
      directory: folder, contract: contract, period: r.period, threads: threads, digests: true)
    guard let bundle = loaded.bundle, !loaded.diagnostics.hasErrors else {
      let first = loaded.diagnostics.first { $0.severity == .error }
      fail(
        e.name,
        "\(r.period) cannot be re-settled: its data bundle '\(folder)' no longer reads (\(first?.message ?? "no bundle"))"
      )
      return
    }
    let inputs = Self.asRecorded(
      Settlement.inputDigests(contract: contract, bundle: bundle), e, in: entries)
    let extra = Set(inputs.map(\.path)).subtracting(recorded.inputs.map(\.path)).sorted()
    if !extra.isEmpty {
      fail(
        e.name,
        "\(r.period) was not settled from \(extra.map { "'\($0)'" }.joined(separator: ", ")), which its data bundle now holds",
        hint: "remove the files added to the bundle after it was settled")
      return
    }
    let opening = recorded.opening.period == nil ? nil : recorded.opening
    let outcome = Settlement.run(
      contract: contract, bundle: bundle, opening: opening, inputs: inputs)
    guard var again = outcome.settlement, !outcome.diagnostics.hasErrors else {
      fail(e.name, "\(r.period) cannot be re-settled: it no longer settles")
      return
    }
    // Issued as it was: the same numbers, date, reason, acknowledged change and engine (another
    // engine version must settle the same bytes).
    var latest: [String: Int] = [:]
    var original: RecordedSettlement? = nil
    if let ref = r.amends {
      original = entries[ref.sequence - 1].settlement
      for earlier in entries[..<i].compactMap(\.record) where earlier.period == r.period {
        for (party, n) in earlier.numbers ?? [:] { latest[party] = n }
      }
    }
    do throws(ArithmeticError) {
      try again.issueAsRecorded(r, recorded, original: original, latest: latest, engine: e.engine)
    } catch {
      fail(e.name, "re-settling \(r.period) gives no difference statements: \(error)")
      return
    }
    let now: Data
    do throws(JSONOutput.Failure) {
      now = try Ledger.body(again)
    } catch {
      fail(e.name, "re-settling \(r.period) gives a settlement that \(error.message)", hint: nil)
      return
    }
    guard now != body else { return }
    let (line, key, was, is_) = Self.firstDifference(body, now)
    fail(
      e.name,
      "re-settling \(r.period) from its recorded inputs does not give the recorded settlement: at \(key) (line \(line) of its settlement) the record has \(was), re-settling gives \(is_)",
      hint:
        "the record was changed and its chain recomputed, or the engine settles differently; restore the ledger from its backup"
    )
  }

  /// The first line where two JSON texts differ, the keys that lead to it, and both lines.
  static func firstDifference(_ a: Data, _ b: Data) -> (Int, String, String, String) {
    let x = String(decoding: a, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    let y = String(decoding: b, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    var i = 0
    while i < min(x.count, y.count) && x[i] == y[i] { i += 1 }
    func text(_ lines: [Substring]) -> String {
      i < lines.count ? "`" + lines[i].trimmingCharacters(in: .whitespaces) + "`" : "nothing"
    }
    // The enclosing keys: each line above with less indentation that opens an object or list.
    var path: [String] = []
    var indent = i < x.count ? x[i].prefix { $0 == " " }.count : 0
    var j = i - 1
    while j >= 0 && indent > 0 {
      let line = x[j]
      let depth = line.prefix { $0 == " " }.count
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      // Only the lines that open an object or a list enclose what follows.
      if depth < indent && depth > 0 && (trimmed.hasSuffix("{") || trimmed.hasSuffix("[")) {
        indent = depth
        if let q = trimmed.firstIndex(of: ":"), trimmed.hasPrefix("\"") {
          path.insert(String(trimmed[..<q]).trimmingCharacters(in: .whitespaces), at: 0)
        } else {
          path.insert("[\(element(x, at: j, depth: depth))]", at: 0)
        }
      }
      j -= 1
    }
    if i < x.count, let q = x[i].firstIndex(of: ":"),
      x[i].trimmingCharacters(in: .whitespaces).hasPrefix("\"")
    {
      path.append(String(x[i][..<q]).trimmingCharacters(in: .whitespaces))
    }
    let key =
      path.isEmpty
      ? "the top" : path.joined(separator: " ").replacingOccurrences(of: "\"", with: "")
    return (i + 1, key, text(x), text(y))
  }

  /// What names the list element opened at line `j`: its party, pool or id, when it has one.
  static func element(_ lines: [Substring], at j: Int, depth: Int) -> String {
    var k = j + 1
    while k < lines.count && lines[k].prefix(while: { $0 == " " }).count > depth {
      let t = lines[k].trimmingCharacters(in: .whitespaces)
      for key in ["party", "pool", "id"] where t.hasPrefix("\"\(key)\" : \"") {
        if lines[k].prefix(while: { $0 == " " }).count == depth + 2 {
          return key + " " + t.dropFirst(key.count + 6).prefix { $0 != "\"" }
        }
      }
      k += 1
    }
    return ""
  }

  /// The statement's printed digest must be a record of the chain: a ledger rolled back or
  /// rewritten after the statement was issued no longer holds it.
  mutating func confirm(_ expected: String, in entries: [Entry]) {
    if let at = entries.firstIndex(where: { $0.digest == expected }) {
      lines.append(
        "--expect-head \(expected): record \(at + 1) ('\(entries[at].name)')"
          + (at + 1 == entries.count
            ? ", the head" : ", followed by \(entries.count - at - 1) more"))
      return
    }
    fail(
      "HEAD",
      "no record of the ledger has the digest \(expected): the ledger was rolled back or rewritten after the statement showing it was issued",
      hint:
        "the statement's record and digest are the ledger as it was when it was issued; restore the ledger from its backup"
    )
  }
}
