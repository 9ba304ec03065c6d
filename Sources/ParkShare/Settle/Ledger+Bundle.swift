import Foundation

extension Ledger {
  /// Refuses `bundle` unless it holds exactly the files `record` was settled from, each with
  /// the digest recorded: a file changed or missing, or one added since, would settle other
  /// data. The bundle's digests are the ones taken on the read that loaded it, so the check
  /// reads nothing again.
  public func check(_ bundle: DataBundle, settledAs record: Record) throws(Refusal) {
    let recorded = try settlement(of: record).inputs.filter {
      $0.path.hasPrefix(bundle.directory + "/")
    }
    let now = Dictionary(bundle.digests.map { ($0.path, $0.blake2b256) }) { a, _ in a }
    for input in recorded where now[input.path] != input.blake2b256 {
      throw Refusal(
        message:
          "'\(input.path)' is not the file \(record.period) was settled from (missing, or its digest differs)",
        hint: "restore the period's data bundle as it was settled")
    }
    let added = Set(now.keys).subtracting(recorded.map(\.path)).sorted()
    if let first = added.first {
      throw Refusal(
        message: "'\(first)' was added to the data bundle of \(record.period) after it was settled",
        hint: "remove the files added to the bundle after it was settled")
    }
  }

  /// The data bundle `record` was settled from, loaded for each of `contracts` in one read of
  /// its readings and checked against the record (`check`). When it does not load, the digests
  /// are taken file by file so a changed file is named rather than what it broke.
  public func loadBundle(
    of record: Record, contracts: [Contract], threads: Int
  ) throws(Refusal) -> [DataBundle.Loaded] {
    guard let dir = Self.bundleFolder(try settlement(of: record).inputs) else {
      throw Refusal(message: "\(record.period) was settled without a data bundle on record")
    }
    let loaded = DataBundle.load(
      directory: dir, contracts: contracts, period: record.period, threads: threads,
      digests: true)
    for l in loaded {
      guard let bundle = l.bundle else {
        // A changed or added file is named before what it broke.
        _ = try bundleDirectory(of: record)
        let recorded = Set(try settlement(of: record).inputs.map(\.path))
        if let added = DataBundle.files(in: dir).first(where: { !recorded.contains($0) }) {
          throw Refusal(
            message:
              "'\(added)' was added to the data bundle of \(record.period) after it was settled",
            hint: "remove the files added to the bundle after it was settled")
        }
        continue
      }
      try check(bundle, settledAs: record)
    }
    return loaded
  }
}
