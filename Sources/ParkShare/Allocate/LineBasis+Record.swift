// How a line's basis and rate are written in JSON outputs and ledger records: the English text
// they have been since the first ledger. It is a wire format, not wording: a ledger hashes these
// bytes and `ledger verify` re-encodes records and compares them, so the phrases below are
// frozen (the old-ledger fixture and the JSON snapshots hold them); they live with the types and
// never follow Render's catalogue, where the words for readers may change in any language. A
// record read back keeps the text as recorded, since the values behind it are not in the record.

extension LineBasis: Codable {
  public init(from decoder: any Decoder) throws {
    self = .recorded(try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(record)
  }

  /// The basis as records write it.
  public var record: String {
    switch self {
    case .pool(let total, let c): return "pool \(Self.amount(total, c))"
    case .remainder(let left, let c): return "remainder \(Self.amount(left, c))"
    case .fixed: return "fixed"
    case .quantity(let f, let value, let unit):
      return "\(f) \(value.grouped(places: 6))\(unit.isEmpty ? "" : " " + unit)"
    case .formula(let f): return "\(f)"
    case .withArrears(let inner, let owed, let c):
      return "\(inner.record); arrears brought forward \(Self.amount(owed, c))"
    case .perUnit(let u):
      return
        "\(Self.amount(u.amount, u.currency)) by \(u.metric): \(u.value.grouped(places: 6)) of \(u.total.grouped(places: 6)) at \(u.rateText) \(u.currency) per \(u.per.grouped) (truncated to \(u.decimals) decimals) = \(u.owed.grouped(places: 6)), truncated"
    case .metric(let m):
      return
        "\(Self.amount(m.amount, m.currency)) by \(m.metric): \(m.value.grouped(places: 6)) of \(m.total.grouped(places: 6))"
    case .tier(let lower, let upper, let portion, let c):
      let top = upper.map { $0.grouped(places: 6) } ?? ""
      return "tier \(lower.grouped(places: 6))-\(top) \(c): \(Self.amount(portion, c))"
    case .kpiRow(let k) where k.crossing != nil:
      let c = k.crossing!
      let row =
        switch (k.lower, k.upper) {
        case (nil, let u?): "below \(u.grouped)"
        case (let l?, let u?): "from \(l.grouped) to \(u.grouped)"
        case (let l?, nil): "from \(l.grouped)"
        case (nil, nil): "any value"
        }
      let unit = c.unit.isEmpty ? "" : " " + c.unit
      return
        "\(Self.amount(c.portion, k.currency)) of remainder \(Self.amount(k.remainder, k.currency)); \(k.kpi) from \(c.from.grouped(places: 6)) to \(c.to.grouped(places: 6))\(unit): \(row) (\(k.clause.clause))"
    case .kpiRow(let k):
      let row =
        switch (k.lower, k.upper) {
        case (nil, let u?): "below \(u.percentText)"
        case (let l?, let u?): "from \(l.percentText) to \(u.percentText)"
        case (let l?, nil): "from \(l.percentText)"
        case (nil, nil): "any value"
        }
      let value = k.value.percentText(inside: k.lower, k.upper)
      return
        "remainder \(Self.amount(k.remainder, k.currency)); \(k.kpi) = \(value): \(row) (\(k.clause.clause))"
    case .cap(let scope, let take, let filled):
      let t = take.grouped(places: 6)
      return filled
        ? "\(Self.cap(scope)); take \(t), filled up to the cap from the others' cuts"
        : "\(Self.cap(scope)); take \(t)"
    case .floor(let scope, let take): return "\(Self.floor(scope)); take \(take.grouped(places: 6))"
    case .limitShare(let why, let amount, let c):
      return "\(Self.cause(why)): \(Self.amount(amount, c)) by the split's shares"
    case .drained(let take):
      return
        "gives all it took toward the floors, never below zero; take \(take.grouped(places: 6))"
    case .shortfall(let scope, let payer):
      return "\(Self.floor(scope)): the shortfall, paid by \(payer)"
    case .annual(let s, let take):
      let t = take.grouped(places: 6)
      guard s.trueUp else {
        return
          "\(Self.annual(s)): \(Self.amount(s.due, s.currency)) due to date; \(Self.amount(s.receivedBefore, s.currency)) received this year before, \(Self.amount(s.given, s.currency)) of it top-ups; take \(t)"
      }
      return
        "year-end true-up, \(Self.annual(s)): \(Self.amount(s.due, s.currency)) for the year; \(Self.amount(s.receivedBefore, s.currency)) received this year before, take \(t)"
    case .loss(let total, let c): return "loss: pool \(Self.amount(total, c))"
    case .deficit(let owed, let c): return "deficit brought forward \(Self.amount(owed, c))"
    case .prorated(let inner, let days, let periodDays):
      return "\(inner.record); \(days)/\(periodDays) days"
    case .metered(let inner, let first, let last):
      return "\(inner.record); as metered \(first)..\(last)"
    case .recorded(let text): return text
    }
  }

  static func cap(_ s: CapScope) -> String {
    let limit = amount(s.limit, s.currency)
    var text =
      s.receivedBefore.map {
        "cap \(limit) over the term, \($0.grouped(places: 6)) received before"
      }
      ?? "cap \(limit) per period"
    if let y = s.year, let received = s.receivedBefore {
      let share =
        y.isWhole ? "" : " (\(y.year): \(y.periods) of \(y.perYear) periods in the term, \(limit))"
      text =
        "cap \(amount(y.amount, s.currency)) per year\(share), \(received.grouped(places: 6)) received this year before"
    }
    guard let group = s.group else { return text }
    return s.each ? "\(text) for each member of \(group)" : "\(text) on group \(group)"
  }

  static func floor(_ s: FloorScope) -> String {
    "floor \(amount(s.minimum, s.currency)) for \(s.party)"
  }

  static func annual(_ s: AnnualScope) -> String {
    "\(s.limit.rawValue) \(amount(s.amount, s.currency)) per year for \(s.party)"
  }

  static func cause(_ c: LimitCause) -> String {
    switch c {
    case .annual(let scope): return annual(scope)
    case .cap(let scope, let member): return member.map { "\($0)'s \(cap(scope))" } ?? cap(scope)
    case .floor(let scope): return floor(scope)
    case .drained(let party): return "what \(party) gives toward the floors"
    }
  }

  static func amount(_ v: Exact, _ currency: String) -> String {
    "\(v.grouped(places: 6)) \(currency)"
  }

  static func amount(_ v: Fraction, _ currency: String) -> String {
    "\(v.grouped(places: 6)) \(currency)"
  }
}

extension LineRate: Codable {
  public init(from decoder: any Decoder) throws {
    self = .recorded(try decoder.singleValueContainer().decode(String.self))
  }

  /// A share that cannot be divided out is an encoding error, never a blank written in its
  /// place.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(try record())
  }

  /// The rate as records write it ("" for none).
  public func record() throws(ArithmeticError) -> String {
    switch self {
    case .none: return ""
    case .percent(let share): return share.percentText
    case .unitPrice(let price, let c, let unit):
      return "\(price.grouped(places: 6)) \(c)\(unit.isEmpty ? "" : "/" + unit)"
    case .amount(let v, let c): return "\(v.grouped(places: 6)) \(c)"
    case .proportion(let value, let total):
      return try (value / total).rounded(scale: 6, .halfEven).percentText
    case .weight(let w, let total): return try (w / total).rounded(places: 6).percentText
    case .recorded(let text): return text
    }
  }
}
