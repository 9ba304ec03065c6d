import Foundation

extension LedgerVerification {
  /// The ledger's `.index` against its records, where opening the ledger would use it (it
  /// agrees with HEAD, and a record's size and modification time with the folder): it is then
  /// trusted for the digests of all records but the last, so a digest it gives wrongly is
  /// reported. An index that would not be used (stale after a crash or a copy, or absent in a
  /// ledger written before it existed) is a cache the next settle rewrites, not a problem.
  mutating func checkIndex(_ entries: [Entry]) {
    guard let index = Ledger.readIndex(directory), index.count == entries.count,
      (index.last?.digest ?? Ledger.genesis) == head
    else { return }
    for (i, e) in entries.enumerated() {
      let x = index[i]
      guard let now = Ledger.fileStat(directory + "/" + e.name), now.size == x.size,
        now.modified == x.modified, x.file == e.name
      else { continue }
      if x.digest != e.digest {
        fail(
          e.name,
          "the ledger's .index gives '\(e.name)' the SHA-256 \(x.digest), but its bytes hash to \(e.digest): the record was changed and its modification time put back, or the index was edited",
          hint: Ledger.tamperHint)
      }
    }
  }
}
