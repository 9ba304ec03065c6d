import Foundation

extension Ledger {
  /// The contract `record` was settled under: its file's digest (the record's own field, or for
  /// a record written before it was kept, the contract's entry among the settlement's inputs)
  /// and its text's digest (nil for a record written before text digests were kept).
  public func contractDigest(of record: Record) -> ContractDigest? {
    let text = record.contractText
    if let d = record.contractDigest { return ContractDigest(bytes: d, text: text) }
    guard let s = try? settlement(of: record),
      let d = s.inputs.first(where: { $0.path == s.contract.file })?.blake2b256
    else { return nil }
    return ContractDigest(bytes: d, text: text)
  }

  /// Whether the contract (`now`, its file's digests) may settle the next record: the text the
  /// last record was settled under, or a changed text whose change is acknowledged with
  /// `reason`. Same id, a fee from 3% to 30%: without this, the change would pass unseen. Line
  /// ends and a byte-order mark are not a change (`ContractDigest`).
  /// `against` is the record the new one follows: the latest record of the period before, or
  /// the record an amendment amends (by default the ledger's last record).
  public func contractChange(_ now: ContractDigest, reason: String?, against: Record? = nil)
    throws(Refusal) -> Settlement.ContractChange?
  {
    guard let last = against ?? records.last, let previous = contractDigest(of: last) else {
      if reason != nil {
        throw .error(
          .contractChanged,
          "--contract-changed acknowledges a change since the ledger's last record, and the ledger has none",
          hint: "leave out --contract-changed")
      }
      return nil
    }
    if previous.sameText(as: now) {
      guard reason == nil else {
        throw .error(
          .contractChanged,
          "the contract is the text \(last.period) was settled under (\(last.file)): there is no change to acknowledge",
          hint: "leave out --contract-changed")
      }
      return nil
    }
    guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw .error(
        .contractChanged,
        "the contract '\(last.contract)' is not the text \(last.period) was settled under (\(last.file)): its BLAKE2b-256 was \(previous.shown), now \(now.shown)",
        hint:
          "settle under the contract as signed; if the parties agreed the change, acknowledge it with --contract-changed \"REASON\": the ledger keeps the reason and the statements show it"
      )
    }
    return .init(since: last.period, previous: previous.shown, digest: now.shown, reason: reason)
  }
}
