import Foundation

/// The contract's part of `ledger verify`: which text each record was settled under, whether a
/// change of text was acknowledged, and a contract saved again with other line ends or a BOM
/// (the same text: `ContractDigest`) taken for the file it was.
extension LedgerVerification {
  /// The contract record `e` was settled under: its file's digest among the settlement's inputs,
  /// and its text's digest. A record written before text digests were kept has none of its
  /// own; a later record settled from the same bytes knows it, which lets an old record of a
  /// CR LF file be told from a change once a later record was settled from that file.
  static func contract(of e: Entry, in entries: [Entry]) -> ContractDigest? {
    guard let s = e.settlement,
      let bytes = s.inputs.first(where: { $0.path == s.contract.file })?.blake2b256
    else { return nil }
    let text =
      e.record?.contractText
      ?? entries.lazy.compactMap { other -> String? in
        guard let t = other.record?.contractText, let o = other.settlement,
          o.inputs.contains(where: { $0.path == o.contract.file && $0.blake2b256 == bytes })
        else { return nil }
        return t
      }.first
    return ContractDigest(bytes: bytes, text: text)
  }

  /// Whether the contract file of `e` now holds the text `e` was settled under (whatever its
  /// line ends and BOM).
  static func resaved(_ e: Entry, in entries: [Entry]) -> Bool {
    guard let s = e.settlement, let recorded = contract(of: e, in: entries),
      let now = ContractDigest.of(s.contract.file)
    else { return false }
    return recorded.sameText(as: now)
  }

  /// Whether `later` was settled under the text the contract file at `path` holds now.
  static func settledUnder(_ path: String, _ later: Entry, in entries: [Entry]) -> Bool {
    guard let now = ContractDigest.of(path), let d = contract(of: later, in: entries) else {
      return false
    }
    return d.sameText(as: now)
  }

  /// The re-settled inputs with the contract's entry as recorded when the file holds the same
  /// text in other bytes (saved again with CR LF or a BOM): the settlement is compared with
  /// the record byte for byte, and the file's bytes are not part of what was settled.
  static func asRecorded(_ inputs: [FileDigest], _ e: Entry, in entries: [Entry]) -> [FileDigest] {
    guard let s = e.settlement,
      let recorded = s.inputs.first(where: { $0.path == s.contract.file }),
      resaved(e, in: entries)
    else { return inputs }
    return inputs.map { $0.path == recorded.path ? recorded : $0 }
  }

  /// A contract text that differs from the previous record's carries an acknowledged change
  /// naming both digests (of the text; of the bytes in records from before text digests).
  mutating func checkContractChange(_ entries: [Entry], at i: Int) {
    let e = entries[i]
    guard i > 0, let j = Self.predecessor(entries, at: i),
      let now = Self.contract(of: e, in: entries),
      let previous = Self.contract(of: entries[j], in: entries)
    else { return }
    let change = e.settlement?.issue?.contractChange
    if previous.sameText(as: now) {
      if change != nil {
        fail(e.name, "'\(e.name)' acknowledges a contract change, but the contract is unchanged")
      }
    } else if let change {
      if !previous.isNamed(by: change.previous) || !now.isNamed(by: change.digest) {
        fail(
          e.name,
          "'\(e.name)' acknowledges a change from \(change.previous) to \(change.digest), but the contract went from \(previous.shown) to \(now.shown)",
          hint: Ledger.tamperHint)
      }
    } else {
      fail(
        e.name,
        "the contract changed between '\(entries[j].name)' and '\(e.name)' (BLAKE2b-256 \(previous.shown), then \(now.shown)) and no change was acknowledged",
        hint: Ledger.tamperHint)
    }
  }

  /// The record whose contract text record `i` continues: the one an amendment amends, the one
  /// before a restatement in its transaction, and for a settlement the latest record of the
  /// period before (the last record, unless an earlier period was amended since).
  static func predecessor(_ entries: [Entry], at i: Int) -> Int? {
    guard let r = entries[i].record else { return nil }
    if r.replayOf != nil { return i - 1 }
    if let ref = r.amends { return ref.sequence >= 1 && ref.sequence <= i ? ref.sequence - 1 : nil }
    let earlier = entries[..<i].compactMap(\.record)
    guard let last = earlier.map(\.period).max() else { return nil }
    return entries[..<i].lastIndex { $0.record?.period == last }
  }
}
