/// One party's statement for a period: every line paid to it, by pool and clause, and what it
/// owes as the payer of a subsidy.
public struct Statement: Sendable, Codable {
  /// The number the ledger issued it under (sequential across the ledger, never reused), and the
  /// issue date; nil for a settlement not recorded in a ledger (a preview).
  public var number: Int?
  public var issued: String?
  public var party: String
  public var name: String
  public var role: String
  /// The registry group the party belongs to, if any.
  public var group: String?
  public private(set) var lines: [StatementLine]
  /// Sum of the positive lines, of the negative ones (a cap's cut, a floor's shortfall borne),
  /// and of all: what the party is paid.
  public var gross: Exact
  public var deductions: Exact
  public var net: Exact
  /// Subsidies this party funds (`paid by`), rounded; not part of `net`.
  public private(set) var payable: [Payable]
  /// The sum of `payable`, added once here (overflow is a typed error where the statement is
  /// built or read back), so no renderer adds amounts of its own. Not written: a record holds
  /// the payables it sums.
  public private(set) var payableTotal: Exact
  /// The sum of the party's lines of each pool, by pool name (what `explain` shows it takes
  /// from a pool); added once, like `payableTotal`, and not written either.
  public private(set) var poolTotals: [String: Exact]
  /// What the party invoices for its lines, by tax class (`LineVAT.total`); nil when no line
  /// carries VAT. Added once, like `payableTotal`, and not written.
  public private(set) var vat: LineVAT?
  /// Arrears owed to the party after this period.
  public var arrearsOwed: Exact
  /// The party's green points of each scheme that carries over; nil (and not written) when it
  /// has none, so the statements of contracts without carried points keep their bytes.
  public var points: [PointsMovement]? = nil

  /// `payableTotal` and `poolTotals` are not members: records and JSON outputs keep the bytes they always had.
  enum CodingKeys: String, CodingKey {
    case number, issued, party, name, role, group, lines, gross, deductions, net, payable
    case arrearsOwed, points
  }

  init(
    party: String, name: String, role: String, group: String? = nil, lines: [StatementLine],
    gross: Exact, deductions: Exact, net: Exact, payable: [Payable], arrearsOwed: Exact,
    points: [PointsMovement]? = nil
  ) throws(ArithmeticError) {
    self.party = party
    self.name = name
    self.role = role
    self.group = group
    self.lines = lines
    self.gross = gross
    self.deductions = deductions
    self.net = net
    self.payable = payable
    self.payableTotal = try payable.map(\.amount).sum()
    self.poolTotals = try Statement.poolTotals(lines)
    self.vat = try LineVAT.total(lines.compactMap(\.vat))
    self.arrearsOwed = arrearsOwed
    self.points = points
  }

  static func poolTotals(_ lines: [StatementLine]) throws(ArithmeticError) -> [String: Exact] {
    var totals: [String: Exact] = [:]
    for l in lines { totals[l.pool] = try (totals[l.pool] ?? .zero) + l.amount }
    return totals
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    number = try c.decodeIfPresent(Int.self, forKey: .number)
    issued = try c.decodeIfPresent(String.self, forKey: .issued)
    party = try c.decode(String.self, forKey: .party)
    name = try c.decode(String.self, forKey: .name)
    role = try c.decode(String.self, forKey: .role)
    group = try c.decodeIfPresent(String.self, forKey: .group)
    lines = try c.decode([StatementLine].self, forKey: .lines)
    gross = try c.decode(Exact.self, forKey: .gross)
    deductions = try c.decode(Exact.self, forKey: .deductions)
    net = try c.decode(Exact.self, forKey: .net)
    payable = try c.decode([Payable].self, forKey: .payable)
    payableTotal = try payable.map(\.amount).sum()
    poolTotals = try Statement.poolTotals(lines)
    vat = try LineVAT.total(lines.compactMap(\.vat))
    arrearsOwed = try c.decode(Exact.self, forKey: .arrearsOwed)
    points = try c.decodeIfPresent([PointsMovement].self, forKey: .points)
  }

  public struct Payable: Sendable, Codable {
    public var subsidy: String
    @ClauseText public var clause: SourceRange
    /// What the payer pays: with VAT, the subsidy's invoice total.
    public var amount: Exact
    /// The subsidy's VAT, when the contract taxes it; nil (and not recorded) otherwise.
    public var vat: SourceVAT? = nil
  }
}

/// A line of a statement: the pool (stream), the step's clause, its basis and rate, the amount.
public struct StatementLine: Sendable, Codable {
  public var pool: String
  public var kind: AllocationLine.Kind
  /// Where the step is written (JSON cites it as `file:line`).
  @ClauseText public var clause: SourceRange
  public var basis: LineBasis
  public var rate: LineRate
  /// Before rounding, and as paid.
  public var exact: Fraction
  public var amount: Exact
  /// The sub-period, when an effective date cut the period (not recorded otherwise).
  public var subPeriod: SubPeriod? = nil
  /// What the party invoices for the line: amount excluding VAT and VAT by tax class (the
  /// line's `amount` is their sum); nil (and not recorded) without VAT.
  public var vat: LineVAT? = nil
}

/// A correction of an issued statement (红字冲销): it names the statement it corrects and, line by
/// line, the amount before, the amount now and the difference; the original is never changed.
public struct DifferenceStatement: Sendable, Codable {
  public var number: Int
  public var issued: String
  public var party: String
  public var name: String
  /// The number of the statement this one corrects (the party's latest for the period).
  public var amends: Int?
  public var reason: String
  public var lines: [Line]
  public var previousNet: Exact
  public var net: Exact
  /// net - previousNet: the sum of the lines' differences.
  public var difference: Exact
  /// Under VAT, the correction of what the party invoices, by tax class (now less before: a
  /// negative part is a red-letter invoice, 红字发票); nil (and not recorded) without VAT.
  public var vat: [LineVAT.Part]? = nil

  public struct Line: Sendable, Codable {
    public var pool: String
    public var kind: AllocationLine.Kind
    @ClauseText public var clause: SourceRange
    public var previous: Exact
    public var amount: Exact
    public var difference: Exact
  }
}

extension Statement {
  /// A statement number as every statement shows it: six digits (`000042`).
  public static func numberText(_ n: Int) -> String {
    let t = String(n)
    return String(repeating: "0", count: max(0, 6 - t.count)) + t
  }
}
