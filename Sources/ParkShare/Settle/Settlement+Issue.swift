import Foundation

extension Settlement {
  /// Numbers every statement of an initial settlement from `next`, in party order. Returns the
  /// numbers issued, by party.
  public mutating func issueInitial(from next: Int, issued: String) -> [String: Int] {
    var numbers: [String: Int] = [:]
    for i in statements.indices {
      statements[i].number = next + i
      statements[i].issued = issued
      numbers[statements[i].party] = next + i
    }
    issue = Issue(kind: .initial, issued: issued, reason: nil, differences: [])
    return numbers
  }

  /// Issues a difference statement, numbered from `next`, for every party whose amounts differ
  /// from `original` (the period's latest recorded settlement); `latest` holds each party's
  /// latest statement number for the period. Lines are matched by pool, kind and clause.
  public mutating func issueAmendment(
    against original: RecordedSettlement, latest: [String: Int], from next: Int, issued: String,
    reason: String
  ) throws(ArithmeticError) -> [String: Int] {
    var numbers: [String: Int] = [:]
    var differences: [DifferenceStatement] = []
    let before = Dictionary(
      original.statements.map { ($0.party, $0) }, uniquingKeysWith: { a, _ in a })
    let now = Dictionary(statements.map { ($0.party, $0) }, uniquingKeysWith: { a, _ in a })
    let zero = try Exact(minorUnits: 0, decimals: decimals)
    for party in Set(before.keys).union(now.keys).sorted() {
      let old = before[party]?.lines ?? []
      let new = now[party]?.lines ?? []
      // By `file:line`, not the whole range: a statement read back from a ledger knows no column.
      func key(_ l: StatementLine) -> String {
        "\(l.pool)\u{1}\(l.kind.rawValue)\u{1}\(l.clause.clause)"
      }
      var order: [String] = []
      var amounts: [String: (line: StatementLine, previous: Exact, amount: Exact)] = [:]
      for l in old {
        let k = key(l)
        if amounts[k] == nil { order.append(k) }
        let e = amounts[k] ?? (l, zero, zero)
        amounts[k] = (e.line, try e.previous + l.amount, e.amount)
      }
      for l in new {
        let k = key(l)
        if amounts[k] == nil { order.append(k) }
        let e = amounts[k] ?? (l, zero, zero)
        amounts[k] = (e.line, e.previous, try e.amount + l.amount)
      }
      var lines: [DifferenceStatement.Line] = []
      for k in order {
        let e = amounts[k]!
        let d = try e.amount - e.previous
        guard !d.isZero else { continue }
        lines.append(
          .init(
            pool: e.line.pool, kind: e.line.kind, clause: e.line.clause,
            previous: e.previous, amount: e.amount, difference: d))
      }
      // Under VAT a party's invoices can change by tax class while its amounts do not (a
      // revenue reclassified): that is a correction too, with no line of its own.
      let vat = try LineVAT.difference(before[party]?.vat, now[party]?.vat)
      guard !lines.isEmpty || vat?.isEmpty == false else { continue }
      let previousNet = before[party]?.net ?? zero
      let net = now[party]?.net ?? zero
      let number = next + differences.count
      numbers[party] = number
      differences.append(
        DifferenceStatement(
          number: number, issued: issued, party: party,
          name: now[party]?.name ?? before[party]?.name ?? party, amends: latest[party],
          reason: reason, lines: lines, previousNet: previousNet, net: net,
          difference: try net - previousNet, vat: vat))
    }
    issue = Issue(kind: .amendment, issued: issued, reason: reason, differences: differences)
    func taxed(_ pools: [PoolResult]) -> [(pool: String, id: String, vat: SourceVAT)] {
      pools.flatMap { p in p.sources.compactMap { s in s.vat.map { (p.pool, s.id, $0) } } }
    }
    let revenue = try SourceVAT.corrections(before: taxed(original.pools), now: taxed(pools))
    if !revenue.isEmpty { issue?.revenueVAT = revenue }
    return numbers
  }
}

extension Settlement {
  /// Issues a settlement computed again from a record's inputs exactly as the record did: the
  /// same numbers, date and reason, difference statements against `original` (the record it
  /// amends) with `latest` (each party's latest number for the period before it), the same
  /// acknowledged contract change and restatement, and the engine that wrote it. `ledger
  /// verify` and reprints both compare the result with the record byte for byte.
  public mutating func issueAsRecorded(
    _ record: Ledger.Record, _ recorded: RecordedSettlement, original: RecordedSettlement?,
    latest: [String: Int], engine: String?
  ) throws(ArithmeticError) {
    let from = (record.numbers ?? [:]).values.min() ?? 1
    let date = recorded.issue?.issued ?? ""
    if let original {
      _ = try issueAmendment(
        against: original, latest: latest, from: from, issued: date,
        reason: recorded.issue?.reason ?? "")
    } else {
      _ = issueInitial(from: from, issued: date)
    }
    issue?.contractChange = recorded.issue?.contractChange
    issue?.restatedAfter = recorded.issue?.restatedAfter
    if let engine { self.engine = engine }
  }
}

extension Settlement {
  /// A contract whose text differs from the one the ledger's last record was settled under,
  /// accepted because the change was acknowledged (`settle --contract-changed REASON`): the
  /// ledger keeps the reason and both digests, and every statement shows them.
  public struct ContractChange: Sendable, Codable, Equatable {
    /// The period of the last record settled under the previous text.
    public var since: Period
    /// BLAKE2b-256 of the contract's text then and now (`ContractDigest`; of the file's bytes
    /// in records written before text digests were kept).
    public var previous: String
    public var digest: String
    public var reason: String

    public init(since: Period, previous: String, digest: String, reason: String) {
      self.since = since
      self.previous = previous
      self.digest = digest
      self.reason = reason
    }
  }
}

extension Settlement {
  /// The files a settlement is made from, each with its digest: the contract, its registries
  /// (beside it) and the bundle's files, in that order. `settle` records them; `ledger verify`
  /// recomputes them to re-settle a period.
  public static func inputDigests(contract: Contract, bundle: DataBundle) -> [FileDigest] {
    // Registries resolve as the checker read them: beside the contract, or where an allowed
    // outside path points.
    let registries = contract.groups.map { ContractFiles.resolve($0.file, contract: contract.file) }
    return ([contract.file] + registries).compactMap { FileDigest.of($0) } + bundle.digests
  }
}
