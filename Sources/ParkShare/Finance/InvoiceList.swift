/// What is to be invoiced (发票) for a settled period under VAT, one row per tax class:
///
/// - `revenue`: the invoice the pool's holder issues for a revenue or subsidy (to its buyers;
///   to the payer a subsidy names), with its output VAT;
/// - `line`: the invoice a party issues for what its statement pays it (to the pool's holder).
///
/// The revenue rows' VAT sums to the reconciliation's output VAT, the line rows' VAT to the VAT
/// on the parties' lines; every row's total is its amount excluding VAT plus its VAT. Empty for a
/// contract without VAT.
public struct InvoiceList: Sendable {
  public enum Kind: String, Sendable, CaseIterable {
    case revenue, line
    /// A difference statement's correction of a party's invoices: negative amounts are a
    /// red-letter invoice (红字发票), positive ones an additional invoice.
    case correction
  }

  public struct Row: Sendable, Equatable {
    public var kind: Kind
    /// The party's statement number (line rows of a recorded settlement).
    public var number: Int?
    /// The party invoicing (line rows) or invoiced (a subsidy's payer); "" for a revenue's
    /// buyers, whom the contract does not name.
    public var party: String
    public var name: String
    /// The pool and the revenue or subsidy (revenue rows).
    public var pool: String
    public var source: String
    public var rate: String
    public var excluded: Exact
    public var tax: Exact
    public var total: Exact
  }

  public var rows: [Row]

  public init(_ s: Settlement) {
    var rows: [Row] = []
    let payers = Dictionary(
      s.statements.flatMap { st in st.payable.map { ($0.subsidy, (st.party, st.name)) } },
      uniquingKeysWith: { a, _ in a })
    // An amendment lists what to issue now: the corrections, never again the invoices its
    // restated statements show (they were issued with the statements it corrects).
    if s.issue?.kind == .amendment {
      for c in s.issue?.revenueVAT ?? [] {
        let payer = payers[c.source]
        rows.append(
          Row(
            kind: .correction, number: nil, party: payer?.0 ?? "", name: payer?.1 ?? "",
            pool: c.pool, source: c.source, rate: c.rate, excluded: c.excluded, tax: c.tax,
            total: c.total))
      }
      Self.corrections(s, into: &rows)
      self.rows = rows
      return
    }
    for pool in s.pools {
      for src in pool.sources {
        guard let v = src.vat else { continue }
        let payer = payers[src.id]
        rows.append(
          Row(
            kind: .revenue, number: nil, party: payer?.0 ?? "", name: payer?.1 ?? "",
            pool: pool.pool, source: src.id, rate: v.rate, excluded: v.excluded, tax: v.tax,
            total: v.total))
      }
    }
    // One invoice per party and tax class: the statement's VAT by class (Statement.vat).
    for st in s.statements {
      for part in st.vat?.parts ?? [] {
        rows.append(
          Row(
            kind: .line, number: st.number, party: st.party, name: st.name, pool: "", source: "",
            rate: part.rate, excluded: part.excluded, tax: part.tax, total: part.total))
      }
    }
    self.rows = rows
  }

  /// Each difference statement's correction of the party's invoices, by tax class.
  static func corrections(_ s: Settlement, into rows: inout [Row]) {
    for d in s.issue?.differences ?? [] {
      for part in d.vat ?? [] {
        rows.append(
          Row(
            kind: .correction, number: d.number, party: d.party, name: d.name, pool: "",
            source: "", rate: part.rate, excluded: part.excluded, tax: part.tax,
            total: part.total))
      }
    }
  }
}
