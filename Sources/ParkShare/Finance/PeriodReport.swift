/// `parkshare report`: for each party and period from the ledger, the balance owed to it before
/// the period, what the period's statement settled, what amendments changed, arrears owed to it,
/// and the balance after. Balances run from the start of the ledger, whatever `from` is.
public struct PeriodReport: Sendable, Codable {
  public var contract: String
  public var currency: String
  public var decimals: Int
  public var from: Period
  public var to: Period
  public var rows: [Row]
  /// Payments, balances and open statements as of a date (`PartyBalances`): present when the
  /// ledger records payments or a date is asked for (`report --as-of`).
  public var balances: PartyBalances? = nil

  public struct Row: Sendable, Codable {
    public var party: String
    public var name: String
    public var period: Period
    public var opening: Exact
    public var settled: Exact
    public var amendments: Exact
    public var arrears: Exact
    public var closing: Exact
    /// The statement numbers issued to the party for the period (initial, then differences).
    public var statements: [Int]
  }

  public static func build(_ ledger: Ledger, from: Period, to: Period) throws(Ledger.Refusal)
    -> PeriodReport
  {
    var settled: [Period: [String: Exact]] = [:]
    var amended: [Period: [String: Exact]] = [:]
    var numbers: [Period: [String: [Int]]] = [:]
    var arrears: [Period: [String: Exact]] = [:]
    var names: [String: String] = [:]
    var contract = ""
    var currency = "CNY"
    var decimals = 2
    for indexed in ledger.records {
      let record = try ledger.full(indexed)
      let s = try ledger.settlement(of: record)
      contract = s.contract.id
      currency = s.currency
      decimals = s.decimals
      for st in s.statements { names[st.party] = st.name }
      let p = record.period
      if record.kind == .settlement {
        for st in s.statements { settled[p, default: [:]][st.party] = st.net }
      }
      for d in s.issue?.differences ?? [] {
        amended[p, default: [:]][d.party] = try Self.plus(
          amended[p]?[d.party] ?? .zero, d.difference, p)
      }
      for (party, n) in record.numbers ?? [:] {
        numbers[p, default: [:]][party, default: []].append(n)
      }
      var owed: [String: Exact] = [:]
      for (key, v) in s.closing.arrears {
        let party = key.party
        owed[party] = try Self.plus(owed[party] ?? .zero, v, p)
      }
      arrears[p] = owed
    }
    let zero: Exact
    do throws(ArithmeticError) {
      zero = try Exact(minorUnits: 0, decimals: decimals)
    } catch {
      throw Ledger.Refusal(message: "the ledger's currency has \(decimals) decimals: \(error)")
    }
    var balance: [String: Exact] = [:]
    var rows: [Row] = []
    for p in Set(settled.keys).union(amended.keys).sorted() where !(to < p) {
      for party in names.keys.sorted() {
        let opening = balance[party] ?? zero
        let s = settled[p]?[party] ?? zero
        let a = amended[p]?[party] ?? zero
        let closing = try Self.plus(try Self.plus(opening, s, p), a, p)
        balance[party] = closing
        guard !(p < from) else { continue }
        rows.append(
          Row(
            party: party, name: names[party] ?? party, period: p, opening: opening, settled: s,
            amendments: a, arrears: arrears[p]?[party] ?? zero, closing: closing,
            statements: numbers[p]?[party] ?? []))
      }
    }
    return PeriodReport(
      contract: contract, currency: currency, decimals: decimals, from: from, to: to, rows: rows)
  }
}

extension PeriodReport {
  /// `a + b`, or the refusal of the report: a balance that does not fit is not shown at all.
  static func plus(_ a: Exact, _ b: Exact, _ period: Period) throws(Ledger.Refusal) -> Exact {
    do {
      return try a + b
    } catch {
      throw Ledger.Refusal(message: "a balance of \(period) does not fit: \(error)")
    }
  }
}
