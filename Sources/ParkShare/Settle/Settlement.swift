/// A settled period: the contract and data it came from, every pool's waterfall, one statement
/// per party, the reconciliation and the state the next period opens with.
public struct Settlement: Sendable, Encodable {
  public var engine: String
  public var contract: ContractInfo
  public var period: Period
  public var currency: String
  public var decimals: Int
  public var rounding: String
  /// The contract, its registries and every data file read, each with its digest.
  public var inputs: [FileDigest]
  public var revenue: PeriodRevenue
  public var pools: [PoolResult]
  public var statements: [Statement]
  public var reconciliation: Reconciliation
  public var opening: CarryState
  public var closing: CarryState
  /// How the ledger issued it: nil for a preview not recorded in a ledger.
  public var issue: Issue?

  /// A recorded settlement's identity: initial, or an amendment with its reason and the
  /// difference statements it issues.
  public struct Issue: Sendable, Codable {
    public enum Kind: String, Sendable, Codable { case initial, amendment }
    public var kind: Kind
    public var issued: String
    public var reason: String?
    public var differences: [DifferenceStatement]
    /// The contract's text changed since the ledger's last record, and why (acknowledged).
    public var contractChange: ContractChange? = nil
    /// A restatement of a later period that an amendment of an earlier one reached (its
    /// opening state changed): which period was amended, in which record. Nil otherwise.
    public var restatedAfter: Restatement? = nil
    /// Under VAT, an amendment's changes to the revenues' invoices (the holder's corrections);
    /// nil (and not recorded) when there are none.
    public var revenueVAT: [SourceVAT.Correction]? = nil
    /// The ledger record this settlement is (its sequence) and that record's SHA-256, the
    /// ledger's head once written: shown on every statement, never part of the record itself
    /// (a record cannot hold its own digest).
    public var record: Int? = nil
    public var head: String? = nil
  }

  /// Why a period is restated without new data of its own: the amendment of `period`, recorded
  /// as ledger record `record`, changed the state it opens with.
  public struct Restatement: Sendable, Codable, Equatable {
    public var period: Period
    public var record: Int

    public init(period: Period, record: Int) {
      self.period = period
      self.record = record
    }
  }

  public struct ContractInfo: Sendable, Codable {
    public var id: String
    public var title: String
    public var version: String?
    public var file: String
    /// The parameters `--set` overrode for this run (a variant, never recorded in a ledger);
    /// nil (and not written) when the run used the contract's own values.
    public var parameters: [ContractParameter]? = nil
  }

  public struct Outcome: Sendable {
    public var settlement: Settlement?
    public var diagnostics: [Diagnostic]
  }

  /// Computes the period's revenues from `bundle` and allocates every pool. `inputs` are the
  /// digests of the files read, recorded with the settlement.
  public static func run(
    contract: Contract, bundle: DataBundle, opening: CarryState?, statePath: String? = nil,
    inputs: [FileDigest] = []
  ) -> Outcome {
    let revenue = Evaluator.run(
      contract: contract, bundle: bundle, opening: opening, statePath: statePath)
    var diagnostics = revenue.diagnostics
    guard let computed = revenue.revenue, let evaluator = revenue.evaluator else {
      return Outcome(settlement: nil, diagnostics: diagnostics)
    }
    var allocator = Allocator(evaluator: evaluator, revenue: computed)
    let pools: [PoolResult]
    do throws(EvaluationFailure) {
      pools = try allocator.run()
    } catch {
      diagnostics.append(
        .error(
          .cannotAllocate, "cannot allocate: \(error.message)",
          at: error.clause ?? SourceRange.whole(contract.file),
          hint: error.hint))
      return Outcome(settlement: nil, diagnostics: diagnostics)
    }
    for pool in pools {
      for note in pool.notes {
        diagnostics.append(
          .warning(
            .poolNote, "pool '\(pool.pool)': \(note)", at: pool.clause))
      }
    }
    diagnostics += brokenPromises(contract, pools, period: computed.period)
    // Totals that overflow are an error of the period, like an allocation that does: a
    // statement never shows a total that is not the sum of its lines.
    let statements: [Statement]
    let reconciliation: Reconciliation
    do throws(ArithmeticError) {
      statements = try Settlement.statements(
        contract, pools, computed, closing: allocator.state, redeemed: allocator.redeemed)
      reconciliation = try Settlement.reconcile(
        pools, opening: computed.opening, closing: allocator.state,
        decimals: contract.currency.decimals)
    } catch {
      diagnostics.append(
        .error(
          .cannotAllocate, "cannot allocate: the statements' totals: \(error)",
          at: SourceRange.whole(contract.file)))
      return Outcome(settlement: nil, diagnostics: diagnostics)
    }
    let settlement = Settlement(
      engine: Engine.version,
      contract: ContractInfo(
        id: contract.id, title: contract.title, version: contract.version, file: contract.file,
        parameters: ContractParameter.variant(contract.parameters)),
      period: computed.period, currency: contract.currency.code,
      decimals: contract.currency.decimals, rounding: contract.currency.rounding.rawValue,
      inputs: inputs, revenue: computed, pools: pools, statements: statements,
      reconciliation: reconciliation,
      opening: computed.opening, closing: allocator.state, issue: nil)
    return Outcome(settlement: settlement, diagnostics: diagnostics)
  }

  /// What a projection needs of a period: each party's net (what its statement would show)
  /// and the closing state, from the same evaluation and allocation as `run`, without
  /// statements, reconciliation or explanations. `known` are values computed before (the same
  /// in every Monte Carlo run of the period).
  static func nets(
    contract: Contract, bundle: DataBundle, opening: CarryState?, known: [String: Quantity]
  ) throws(EvaluationFailure) -> (nets: [String: Exact], closing: CarryState) {
    let (pools, computed, closing) = try allocated(
      contract: contract, bundle: bundle, opening: opening, known: known)
    let zero: Exact
    do throws(ArithmeticError) {
      zero = try Exact(minorUnits: 0, decimals: contract.currency.decimals)
    } catch {
      throw EvaluationFailure("\(bundle.period): \(error)")
    }
    var nets: [String: Exact] = [:]
    for p in contract.parties { nets[p.id] = zero }
    for pool in pools {
      // By index: a line is read field by field, not copied whole, in every Monte Carlo run.
      for i in pool.lines.indices {
        guard case .party(let party) = pool.lines[i].recipient else { continue }
        do {
          nets[party] = try (nets[party] ?? zero) + pool.lines[i].amount
        } catch {
          throw EvaluationFailure("\(bundle.period): \(party)'s net: \(error)")
        }
      }
    }
    // A subsidy's payer has a statement (what it pays), with nothing received.
    for s in contract.subsidies {
      guard let payer = s.payer, nets[payer] == nil, let item = computed.item(s.id) else {
        continue
      }
      do throws(ArithmeticError) {
        if !(try item.total).isZero { nets[payer] = zero }
      } catch {
        throw EvaluationFailure("\(bundle.period): subsidy '\(s.id)': \(error)")
      }
    }
    return (nets, closing)
  }

  /// The period's pools as `run` allocates them, without statements, reconciliation or
  /// explanations: what projections and `prove` need of each period they compute.
  static func allocated(
    contract: Contract, bundle: DataBundle, opening: CarryState?, known: [String: Quantity]
  ) throws(EvaluationFailure) -> (pools: [PoolResult], revenue: PeriodRevenue, closing: CarryState)
  {
    let revenue = Evaluator.numbers(
      contract: contract, bundle: bundle, opening: opening, known: known)
    guard let computed = revenue.revenue, let evaluator = revenue.evaluator else {
      let errors = revenue.diagnostics.filter { $0.severity == .error }
      throw EvaluationFailure(
        "\(bundle.period): \(errors.map(\.message).joined(separator: "; "))",
        hint: errors.first?.hint, clause: errors.first?.range)
    }
    var allocator = Allocator(evaluator: evaluator, revenue: computed)
    do throws(EvaluationFailure) {
      return (try allocator.run(), computed, allocator.state)
    } catch {
      throw EvaluationFailure(
        "\(bundle.period): cannot allocate: \(error.message)", hint: error.hint,
        clause: error.clause)
    }
  }

  /// One statement per party of the contract (a party paid nothing still sees why), sorted by
  /// party id.
  static func statements(
    _ contract: Contract, _ pools: [PoolResult], _ revenue: PeriodRevenue, closing: CarryState,
    redeemed: [PointsKey: Exact] = [:]
  ) throws(ArithmeticError) -> [Statement] {
    let earned = Dictionary(
      revenue.items.filter { $0.kind == .points }.map { ($0.id, $0.value) },
      uniquingKeysWith: { a, _ in a })
    let points = try PointsMovement.of(
      contract, period: revenue.period, opening: revenue.opening, closing: closing,
      earned: earned, redeemed: redeemed)
    var lines: [String: [StatementLine]] = [:]
    for pool in pools {
      for l in pool.lines {
        guard case .party(let party) = l.recipient else { continue }
        lines[party, default: []].append(
          StatementLine(
            pool: l.pool, kind: l.kind, clause: l.clause, basis: l.basis, rate: l.rate,
            exact: l.exact, amount: l.amount, subPeriod: l.subPeriod, vat: l.vat))
      }
    }
    var payables: [String: [Statement.Payable]] = [:]
    let decimals = contract.currency.decimals
    for s in contract.subsidies {
      guard let payer = s.payer, let item = revenue.item(s.id), !(try item.total).isZero else {
        continue
      }
      // Under VAT the payer pays the subsidy's invoice: its total, tax included.
      var vat: SourceVAT? = nil
      for pool in pools { for src in pool.sources where src.id == s.id { vat = src.vat } }
      let amount: Exact
      if let vat {
        amount = vat.total
      } else {
        amount = try item.total.rounded(scale: decimals, contract.currency.rounding)
      }
      payables[payer, default: []].append(
        .init(subsidy: s.id, clause: s.clause, amount: amount, vat: vat))
    }
    var owed: [String: Exact] = [:]
    for (key, v) in closing.arrears {
      let party = key.party
      owed[party] = try (owed[party] ?? .zero) + v
    }
    // A party outside the deal for the whole period (it joins later, or has left) gets no
    // statement, unless something is still its (a line, a payable, arrears, points).
    let (first, last) = (
      CalendarDay.first(of: revenue.period), CalendarDay.last(of: revenue.period)
    )
    let present = contract.parties.filter { p in
      (p.from.map { $0 <= last } ?? true) && (p.until.map { $0 >= first } ?? true)
        || owed[p.id] != nil
        || points[p.id]?.contains { !$0.opening.isZero || !$0.closing.isZero } == true
    }
    let ids = Set(present.map(\.id)).union(lines.keys).union(payables.keys).sorted()
    let parties = Dictionary(contract.parties.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let zero = try Exact(minorUnits: 0, decimals: decimals)
    var statements: [Statement] = []
    for id in ids {
      let party = parties[id]
      let ls = lines[id] ?? []
      let gross = try ([zero] + ls.map(\.amount).filter { !$0.isNegative }).sum()
      let deductions = try ([zero] + ls.map(\.amount).filter(\.isNegative)).sum()
      statements.append(
        try Statement(
          party: id, name: party?.name ?? id, role: party?.role.rawValue ?? "",
          group: party?.group, lines: ls, gross: gross, deductions: deductions,
          net: try gross + deductions, payable: payables[id] ?? [], arrearsOwed: owed[id] ?? .zero,
          points: points[id]))
    }
    return statements
  }

  static func reconcile(
    _ pools: [PoolResult], opening: CarryState, closing: CarryState, decimals: Int
  ) throws(ArithmeticError) -> Reconciliation {
    // Money sums keep the minor unit even when empty: "0.00", not "0".
    let zero = try Exact(minorUnits: 0, decimals: decimals)
    func sum(_ values: [Exact]) throws(ArithmeticError) -> Exact { try ([zero] + values).sum() }
    let all = pools.flatMap(\.lines)
    let total = try sum(pools.map(\.total))
    let allocated = try sum(all.filter { !$0.recipient.isFund }.map(\.amount))
    let reserved = try sum(all.filter(\.recipient.isFund).map(\.amount))
    let unallocated = try sum(pools.map(\.unallocated))
    let residual = try total - allocated - reserved - unallocated
    var vat: VATReconciliation? = nil
    if pools.contains(where: { $0.sources.contains { $0.vat != nil } }) {
      let output = try sum(pools.flatMap(\.sources).compactMap(\.vat?.tax))
      let onParties = try sum(all.filter { !$0.recipient.isFund }.compactMap(\.vat?.tax))
      vat = VATReconciliation(
        output: output, onParties: onParties, retained: try output - onParties)
    }
    return Reconciliation(
      pools: total, allocated: allocated, reserved: reserved, unallocated: unallocated,
      residual: residual, arrearsOpening: try sum(Array(opening.arrears.values)),
      arrearsClosing: try sum(Array(closing.arrears.values)), funds: closing.funds, vat: vat)
  }
}
