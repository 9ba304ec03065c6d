import Foundation

extension Ledger {
  /// The BLAKE2b-256 of the contract file `record` was settled under: the record's own field, or
  /// for a record written before it was kept, the contract's entry among the settlement's inputs.
  public func contractDigest(of record: Record) -> String? {
    if let d = record.contractDigest { return d }
    guard let s = try? settlement(of: record) else { return nil }
    return s.inputs.first { $0.path == s.contract.file }?.blake2b256
  }

  /// Whether the contract (its file's `digest`) may settle the next record: the text the last
  /// record was settled under, or a changed text whose change is acknowledged with `reason`.
  /// Same id, a fee from 3% to 30%: without this, the change would pass unseen.
  public func contractChange(digest: String, reason: String?) throws(Refusal)
    -> Settlement.ContractChange?
  {
    guard let last = records.last, let previous = contractDigest(of: last) else {
      if reason != nil {
        throw .error(
          "contract-changed",
          "--contract-changed acknowledges a change since the ledger's last record, and the ledger has none",
          hint: "leave out --contract-changed")
      }
      return nil
    }
    if previous == digest {
      guard reason == nil else {
        throw .error(
          "contract-changed",
          "the contract is the text \(last.period) was settled under (\(last.file)): there is no change to acknowledge",
          hint: "leave out --contract-changed")
      }
      return nil
    }
    guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw .error(
        "contract-changed",
        "the contract '\(last.contract)' is not the text \(last.period) was settled under (\(last.file)): its BLAKE2b-256 was \(previous), now \(digest)",
        hint:
          "settle under the contract as signed; if the parties agreed the change, acknowledge it with --contract-changed \"REASON\": the ledger keeps the reason and the statements show it"
      )
    }
    return .init(since: last.period, previous: previous, digest: digest, reason: reason)
  }
}
