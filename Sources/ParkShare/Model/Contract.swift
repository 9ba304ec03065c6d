/// A checked contract: every name resolved, every unit known, every term dated.
/// Value types throughout; each `clause` is where the declaration is written (its JSON cites it as
/// `file:line`), so explanations cite it and diagnostics underline it.
public struct Contract: Sendable, Encodable {
  public var id: String
  public var title: String
  public var version: String?
  public var file: String
  public var currency: Currency
  public var frequency: Period.Length
  public var term: Term
  public var gaps: GapPolicy = .error
  /// How short gaps in the readings are filled before `gaps` applies; nil: they are not.
  public var estimation: Estimation? = nil
  /// The `estimate` line, when the contract has one (then it governs every bundle).
  public var estimationClause: SourceRange? = nil
  public var parties: [Party]
  public var groups: [PartyGroup]
  public var units: [String]
  public var inputs: [Input]
  public var meters: [Meter]
  public var tariffs: [Tariff]
  /// `let`, `kpi` and `revenue` definitions in dependency order: each uses only earlier ones.
  public var definitions: [Definition]
  public var subsidies: [Subsidy]
  public var points: [PointsScheme]
  public var pools: [Pool]
  public var funds: [String]
  /// The ids read by `to-date`, with how many earlier periods' values their windows need.
  public var runningTotals: [String: RunningSubjectUse] = [:]
  /// The receipts read by `received(P, POOL, WINDOW)` over a window, by their state key.
  public var receivedTotals: [String: ReceivedUse] = [:]
  /// The top-ups given by annual floors applied to date (`floor P AMOUNT per year`), by their
  /// state key (`AnnualTerm.givenKey`): the party and the pool.
  public var annualFloorTotals: [String: PoolParty] = [:]
  /// Each revenue's and subsidy's VAT treatment (`vat` lines); nil when the contract declares
  /// none, so contracts without VAT keep their JSON.
  public var vat: [String: VATTreatment]? = nil
  /// The `param` values this run used, and whether `--set` changed them; nil without `param`
  /// lines (and not in the contract's JSON).
  public var parameters: [ContractParameter]? = nil
  /// The `assert` lines: what each side was promised (not in the contract's JSON).
  public var assertions: [Assertion] = []
  /// The meters some `peak(...)` reads, wherever it is written (a revenue, a subsidy, a pool
  /// step, a condition), as the checker typed it: their kinds' readings are kept interval by
  /// interval (not in the contract's JSON).
  public var peakMeters: Set<String> = []
  /// The sums, differences and monthly minimums of rates and levels (`Unit.holdsEachMonth`):
  /// beside values by month, a side without months holds in each month (a contracted capacity
  /// in kW beside each month's peak). Other sums are of amounts, where a side without months
  /// is the period's: the months are summed first (`Evaluator.binary`).
  public var spreadSums: Set<Formula> = []
  /// Whether a formula reads demand-response events (`reduction`): the bundle then needs
  /// events.csv (and may hold calendar.csv).
  public var usesEvents = false

  /// The certificate inventories `gec-sold`, `gec-expired` and `gec-held` keep: the kWh
  /// written inside the calls, with the input that records their sales.
  public var certificateSales: [String: String] = [:]

  /// The meters some `peak(...)` reads per member (`sum(peak(use))`, `use` per tenants).
  public var peakMembers: Set<String> = []

  /// The meter kinds some `peak(...)` reads.
  public var peakKinds: Set<MeterKind> {
    Set(meters.filter { peakMeters.contains($0.id) }.map(\.kind))
  }

  /// The meter kinds some `peak(...)` reads per member: each member's readings are kept
  /// interval by interval.
  public var peakMemberKinds: Set<MeterKind> {
    Set(meters.filter { peakMembers.contains($0.id) }.map(\.kind))
  }

  enum CodingKeys: String, CodingKey {
    case id, title, version, file, currency, frequency, term, gaps, estimation, parties, groups
    case units
    case inputs, meters, tariffs, definitions, subsidies, points, pools, funds, vat, parameters
  }
}

public struct Currency: Sendable, Encodable, Hashable {
  public var code: String
  /// Digits of the minor unit: 2 for CNY (元.角分).
  public var decimals: Int
  public var rounding: RoundingMode
}

public struct Term: Sendable, Encodable, Hashable {
  public var from: Period
  public var to: Period

  /// Every settlement period of the term, in order.
  public func periods(_ length: Period.Length) -> [Period] {
    var out: [Period] = []
    var p = Period(containing: from.firstMonth, length: length)
    while p.firstMonth <= to.lastMonth {
      out.append(p)
      p = p.next
    }
    return out
  }
}

public enum Role: String, Sendable, Encodable, CaseIterable {
  case government, `operator`, enterprise
  case energyService = "energy-service"
  case finance, other
}

public struct Party: Sendable, Encodable, Hashable {
  public var id: String
  public var name: String
  public var role: Role
  public var capital: Exact?
  /// The registry group the party came from, if any.
  public var group: String?
  @ClauseText public var clause: SourceRange
  /// A registry member's values in the numeric columns a split weighs by (`units`), read once
  /// by the checker so that allocation needs no file. Nil when no split reads a column (the
  /// contract's JSON is then as before).
  public var columns: [String: Exact]? = nil
  /// The first and last days the party takes part in the deal (`party ... from 2029-02-01`, or
  /// a registry's `from` / `until` columns); nil for the start or the end of the term. Outside
  /// them no step pays it: pro-rata splits weigh it 0 (Allocator+PartyDates).
  public var from: CalendarDay? = nil
  public var until: CalendarDay? = nil
}

public struct PartyGroup: Sendable, Encodable, Hashable {
  public var id: String
  public var file: String
  public var role: Role
  public var members: [String]
  @ClauseText public var clause: SourceRange
}

public struct Input: Sendable, Encodable, Hashable {
  public var id: String
  /// The unit the data supplies, as written (`MWh`); `factor` converts it to `unit`.
  public var unitText: String
  public var unit: Unit
  public var factor: Exact
  public var per: String?
  public var byVintage: Bool
  public var monthly: Bool
  /// Minutes of each price of a series (`every 15 minutes`, `hourly`), given in prices.csv and
  /// read only by `spot(METERS, ID)`; nil for a value per period (facts.csv).
  public var interval: Int? = nil
  @ClauseText public var clause: SourceRange
}

public enum MeterKind: String, Sendable, Encodable, CaseIterable {
  case pvGeneration = "pv-generation"
  case windGeneration = "wind-generation"
  case onGridExport = "on-grid-export"
  case greenTrade = "green-trade"
  case directSupply = "direct-supply"
  case consumption
  case gridImport = "grid-import"
  case storageCharge = "storage-charge"
  case storageDischarge = "storage-discharge"
}

public struct Meter: Sendable, Encodable, Hashable {
  public var id: String
  public var kind: MeterKind
  public var per: String?
  @ClauseText public var clause: SourceRange
}

public struct Tariff: Sendable, Encodable, Hashable {
  public struct Band: Sendable, Encodable, Hashable {
    public var name: String
    public var price: Exact
    /// Minutes after midnight, `[from, to)`; a span with from > to wraps past midnight.
    public var spans: [[Int]]
  }

  public var id: String
  public var unit: Unit
  public var bands: [Band]
  @ClauseText public var clause: SourceRange
  /// For `tariff T = BASE discount P`: the base tariff, whose bands (at P off) these are.
  public var discountOf: String? = nil
  /// The day this version takes effect (`tariff grid CNY/kWh from 2029-02-01`); nil for the
  /// version in force from the start of the term. A contract lists each tariff's versions
  /// together, in order, the first undated: `Contract.versions(of:)`.
  public var from: CalendarDay? = nil

  /// `07:30` for minute 450 of the day.
  public static func clock(_ minute: Int) -> String {
    let h = minute / 60
    let m = minute % 60
    return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
  }
}

public struct Definition: Sendable, Encodable, Hashable {
  public var id: String
  public var kind: DefinitionKind
  public var formula: Formula
  /// The expression as the contract writes it, units included.
  public var written: String
  public var unit: Unit
  public var per: String?
  @ClauseText public var clause: SourceRange
}

public struct Subsidy: Sendable, Encodable, Hashable {
  public struct Step: Sendable, Encodable, Hashable {
    public var from: Period
    public var factor: Exact
  }

  public struct Degression: Sendable, Encodable, Hashable {
    public var rate: Exact
    public var every: Period.Length
    public var from: Period
  }

  public struct Trigger: Sendable, Encodable, Hashable {
    public var factor: Exact
    public var condition: Formula
  }

  public var id: String
  public var formula: Formula
  /// The expression as the contract writes it, units included.
  public var written: String
  public var payer: String?
  public var once: Period?
  public var schedule: [Step]
  public var degression: Degression?
  public var triggers: [Trigger]
  @ClauseText public var clause: SourceRange
}

public struct PointsScheme: Sendable, Encodable, Hashable {
  public enum Rule: Sendable, Encodable, Hashable {
    case per(points: Exact, per: Exact, formula: Formula)
    case bonus(points: Exact, condition: Formula)
  }

  public var id: String
  public var group: String
  public var cap: Exact?
  public var rules: [Rule]
  /// The rules as the contract writes them.
  public var written: [String]
  @ClauseText public var clause: SourceRange
  /// `carry over`: balances kept from period to period; nil (and absent from the contract's
  /// JSON) for points that exist only within their period.
  public var carry: PointsCarry? = nil
}
