import Foundation

/// An amendment of an earlier period reaches the periods settled after it: each opens from the
/// state the one before closes with (certificate carry, arrears, funds, caps, running totals,
/// points), so each is settled again, in order, from its recorded data bundle, and recorded in
/// the same transaction as the amendment, with difference statements for the parties whose
/// amounts change.
extension SettleUseCase {
  /// A later period settled again, and what its record needs.
  struct Restated {
    var settlement: Settlement
    /// The period's latest record, which the restatement amends.
    var amends: Ledger.Record
    var contract: ContractDigest?
  }

  /// The later periods the amended `settlement` reaches, settled again in order: the first
  /// whose recorded opening is the state the period before it now closes with, and every one
  /// after it, are unchanged and not restated. Each is settled under the contract it was
  /// recorded under (the amendment's, when the text is the same or the amendment acknowledges a
  /// change that applies from then on), from its recorded bundle, which must still hold the
  /// files it was settled from.
  static func restate(
    after settlement: Settlement, in l: Ledger, contract: Contract,
    contractDigest: ContractDigest?, acknowledged: Bool, threads: Int
  ) throws(Ledger.Refusal) -> [Restated] {
    var out: [Restated] = []
    var closing = settlement.closing
    for record in l.latest where record.period > settlement.period {
      guard Ledger.compact(try l.full(record).opening) != Ledger.compact(closing) else { break }
      let (c, digest) = try contractFor(
        record, in: l, amending: contract, digest: contractDigest, acknowledged: acknowledged)
      let loaded: DataBundle.Loaded
      do throws(Ledger.Refusal) {
        loaded = try l.loadBundle(of: record, contracts: [c], threads: threads)[0]
      } catch {
        throw Ledger.Refusal(
          message: "\(record.period) cannot be restated: \(error.message)", hint: error.hint)
      }
      guard let bundle = loaded.bundle, !loaded.diagnostics.hasErrors else {
        let first = loaded.diagnostics.first { $0.severity == .error }
        throw Ledger.Refusal(
          message:
            "\(record.period) cannot be restated: its data bundle no longer reads (\(first?.message ?? "no bundle"))",
          hint: "restore the period's data bundle as it was settled")
      }
      let inputs = Settlement.inputDigests(contract: c, bundle: bundle)
      let outcome = Settlement.run(contract: c, bundle: bundle, opening: closing, inputs: inputs)
      guard let again = outcome.settlement, !outcome.diagnostics.hasErrors else {
        let first = outcome.diagnostics.first { $0.severity == .error }
        throw Ledger.Refusal(
          message:
            "\(record.period) cannot be restated from the amended state: \(first?.message ?? "it does not settle")",
          hint: "correct the amendment so that the periods after it still settle")
      }
      out.append(Restated(settlement: again, amends: record, contract: digest))
      closing = again.closing
    }
    return out
  }

  /// The contract `record`'s period is restated under, and its digests.
  static func contractFor(
    _ record: Ledger.Record, in l: Ledger, amending contract: Contract, digest: ContractDigest?,
    acknowledged: Bool
  ) throws(Ledger.Refusal) -> (Contract, ContractDigest?) {
    guard let recorded = l.contractDigest(of: record), let digest, !acknowledged,
      !recorded.sameText(as: digest)
    else { return (contract, digest) }
    let path = try l.settlement(of: record).contract.file
    guard let now = ContractDigest.of(path), recorded.sameText(as: now) else {
      throw Ledger.Refusal(
        message:
          "\(record.period) was settled under another text of the contract ('\(record.file)'), which '\(path)' no longer holds: it cannot be restated under it",
        hint:
          "restore that contract file, or if the amended contract applies from the amended period on, acknowledge it with --contract-changed \"REASON\""
      )
    }
    let (_, checked) = Checker.check(path: path)
    guard let c = checked.contract, !checked.diagnostics.hasErrors else {
      throw Ledger.Refusal(
        message:
          "\(record.period) cannot be restated: its contract '\(path)' no longer checks")
    }
    return (c, now)
  }

  /// Numbers the restatements' difference statements after the amendment's, and prepares their
  /// records after `head` (the amendment's record, prepared with the number of restatements).
  static func prepareRestatements(
    _ restated: inout [Restated], after head: Ledger.Pending, in l: Ledger, amended: Period,
    contract: ContractDigest?, issued: String, reason: String, change: Settlement.ContractChange?
  ) throws(Ledger.Refusal) -> [Ledger.Pending] {
    var pendings = [head]
    var next = l.nextNumber + (head.record.numbers ?? [:]).count
    var previous = (period: amended, contract: contract)
    for i in restated.indices {
      let r = restated[i]
      let original = try l.settlement(of: r.amends)
      let latest = try l.latestNumbers(for: r.amends.period)
      let numbers: [String: Int]
      do throws(ArithmeticError) {
        numbers = try restated[i].settlement.issueAmendment(
          against: original, latest: latest, from: next,
          issued: issued, reason: reason)
      } catch {
        throw Ledger.Refusal(
          message:
            "the difference statements of \(r.amends.period) against '\(r.amends.file)' cannot be computed: \(error)"
        )
      }
      next += numbers.count
      restated[i].settlement.issue?.restatedAfter = .init(
        period: amended, record: head.record.sequence)
      // A restatement under another text than the record before it in the chain says so, with
      // the reason that change was accepted for.
      if let now = r.contract, let before = previous.contract, !now.sameText(as: before) {
        restated[i].settlement.issue?.contractChange = .init(
          since: previous.period, previous: before.shown, digest: now.shown,
          reason: original.issue?.contractChange?.reason ?? change?.reason ?? reason)
      }
      let p = try l.prepare(
        restated[i].settlement, contract: r.contract, amends: r.amends, numbers: numbers,
        after: pendings, replayOf: head.record.sequence)
      restated[i].settlement.issue?.record = p.record.sequence
      restated[i].settlement.issue?.head = p.record.digest
      pendings.append(p)
      previous = (r.amends.period, r.contract)
    }
    return pendings
  }
}
