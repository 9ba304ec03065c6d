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
  public var lines: [StatementLine]
  /// Sum of the positive lines, of the negative ones (a cap's cut, a floor's shortfall borne),
  /// and of all: what the party is paid.
  public var gross: Exact
  public var deductions: Exact
  public var net: Exact
  /// Subsidies this party funds (`paid by`), rounded; not part of `net`.
  public var payable: [Payable]
  /// Arrears owed to the party after this period.
  public var arrearsOwed: Exact

  public struct Payable: Sendable, Codable {
    public var subsidy: String
    @ClauseText public var clause: SourceRange
    public var amount: Exact
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

  public struct Line: Sendable, Codable {
    public var pool: String
    public var kind: AllocationLine.Kind
    @ClauseText public var clause: SourceRange
    public var previous: Exact
    public var amount: Exact
    public var difference: Exact
  }
}
