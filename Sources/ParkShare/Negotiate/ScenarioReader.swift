import Foundation

extension Scenario {
  static let keys = [
    "data", "ledger", "period", "discountRate", "growth", "prices", "tariffs", "investments",
    "runs", "seed", "set", "costs", "year", "prove",
  ]
  static let proveKeys = ["inputs", "factors", "kWh", "cases", "seed"]
  static let pathKeys = ["path", "growth", "uniform", "triangular"]
  static let investmentKeys = ["party", "amount", "period"]

  /// Reads the scenario file at `path`: the scenario, or every problem of the file (each at its
  /// line and column), with the file's text to show them. Paths in it are made relative to it.
  public static func load(_ path: String) -> (
    scenario: Scenario?, problems: [Diagnostic], source: SourceFile?
  ) {
    let text: String
    switch Limits.read(
      path, maxBytes: Limits.tableBytes, unreadableID: .missingFile,
      unreadableHint: "check the path", at: .whole(path))
    {
    case .success(let t): text = t
    case .failure(let d): return (nil, [d], nil)
    }
    let source = SourceFile(path: path, text: text)
    let json: PlacedJSON
    switch PlacedJSON.parse(text, file: path) {
    case .success(let j): json = j
    case .failure(let d): return (nil, [d], source)
    }
    let (read, problems) = Scenario.read(json)
    guard var s = read, problems.isEmpty else { return (nil, problems, source) }
    let folder = (path as NSString).deletingLastPathComponent
    func resolved(_ p: String) -> String {
      p.hasPrefix("/") || folder.isEmpty ? p : folder + "/" + p
    }
    if s.ledger == nil { s.data = resolved(s.data) }
    s.year = s.year.map(resolved)
    s.ledger = s.ledger.map(resolved)
    return (s, [], source)
  }

  /// The scenario a JSON document describes, or every problem with it.
  public static func read(_ json: PlacedJSON) -> (Scenario?, [Diagnostic]) {
    var r = ScenarioReader(file: json.range.file)
    guard let top = r.members(json, "the scenario", known: keys) else {
      return (nil, r.problems)
    }
    var data: String?
    var ledger: String?
    var period: Period?
    var rate: Exact?
    var growth: [String: Exact] = [:]
    var prices: [String: Path] = [:]
    var tariffs: [String: Path] = [:]
    var investments: [Investment] = []
    var runs: Int?
    var seed: UInt64?
    var set: [(name: String, value: String)] = []
    var costs: [String: PartyCosts] = [:]
    var year: [String] = []
    var prove: Search? = nil
    for m in top {
      let v = m.value
      r.places[m.key] = v.range
      switch m.key {
      case "data": data = r.string(v, "data")
      case "ledger": ledger = r.string(v, "ledger")
      case "period": period = r.period(v, "period")
      case "discountRate":
        rate = r.number(v, "discountRate", above: Exact(-1))
      case "growth":
        for g in r.members(v, "growth", known: nil) ?? [] {
          r.places["growth." + g.key] = g.keyRange
          if MeterKind(rawValue: g.key) == nil {
            r.fail(
              "'\(g.key)' is not a meter kind", at: g.keyRange,
              hint: Spelling.nearest(g.key, in: MeterKind.allCases.map(\.rawValue)).map {
                "did you mean '\($0)'?"
              } ?? "growth is given by meter kind, such as pv-generation or consumption")
          }
          if let x = r.number(g.value, "growth of '\(g.key)'", above: Exact(-1)) {
            growth[g.key] = x
          }
        }
      case "prices", "tariffs":
        for p in r.members(v, m.key, known: nil) ?? [] {
          r.places[m.key + "." + p.key] = p.keyRange
          guard let path = r.path(p.value, "'\(p.key)' in \(m.key)") else { continue }
          if m.key == "prices" { prices[p.key] = path } else { tariffs[p.key] = path }
        }
      case "investments":
        guard case .array(let items) = v.value else {
          r.fail("investments must be a list [ ... ], not \(v.kind)", at: v.range)
          continue
        }
        for (i, item) in items.enumerated() {
          let what = "investment \(i + 1)"
          guard let fields = r.members(item, what, known: investmentKeys) else { continue }
          var party: String?
          var amount: Exact?
          var when: Period?
          for f in fields {
            r.places["investments.\(i).\(f.key)"] = f.value.range
            switch f.key {
            case "party": party = r.string(f.value, "the party of \(what)")
            case "amount": amount = r.number(f.value, "the amount of \(what)", above: .zero)
            default: when = r.period(f.value, "the period of \(what)")
            }
          }
          for key in investmentKeys where !fields.contains(where: { $0.key == key }) {
            r.fail("\(what) has no '\(key)'", at: item.range, hint: "give party, amount and period")
          }
          if let party, let amount, let when {
            investments.append(Investment(party: party, amount: amount, period: when))
          }
        }
      case "runs":
        runs = r.integer(v, "runs", max: 1_000_000).map { Int($0) }
      case "year":
        // A year of bundles from `period` on: the first is the starting bundle (`data`).
        guard case .array(let items) = v.value, !items.isEmpty else {
          r.fail(
            "year must be a list of bundle folders [ ... ], one per period of a year", at: v.range)
          continue
        }
        for (i, item) in items.enumerated() {
          if let dir = r.string(item, "bundle \(i + 1) of year") { year.append(dir) }
        }
        if data == nil { data = year.first }
      case "costs":
        for p in r.members(v, "costs", known: nil) ?? [] {
          r.places["costs." + p.key] = p.keyRange
          if let c = r.costs(p.value, "the costs of '\(p.key)'") { costs[p.key] = c }
        }
      case "set":
        // The contract's parameters for this scenario: {"esco_share": "25%"}.
        for p in r.members(v, "set", known: nil) ?? [] {
          if let value = r.string(p.value, "the value of parameter '\(p.key)'") {
            set.append((p.key, value))
          }
        }
      case "prove": prove = r.search(v)
      default:
        seed = r.integer(v, "seed", max: UInt64.max)
      }
    }
    if !year.isEmpty && (top.contains { $0.key == "data" } || ledger != nil) {
      r.fail(
        "give 'year' (a bundle per period of a year) or 'data' / 'ledger', not both",
        at: r.places["year"]!,
        hint: "the first bundle of 'year' is the period the projection starts from")
    }
    if data != nil && ledger != nil {
      r.fail(
        "give 'data' or 'ledger', not both", at: r.places["ledger"]!,
        hint: "a ledger names the bundle its period was settled from")
    } else if data == nil && ledger == nil
      && !top.contains(where: { ["data", "ledger"].contains($0.key) })
    {
      r.fail(
        "the scenario has no 'data' (or 'ledger')", at: json.range.start,
        hint: "name the data bundle of the period it starts from")
    }
    for key in ["period", "discountRate"] where !top.contains(where: { $0.key == key }) {
      r.fail(
        "the scenario has no '\(key)'", at: json.range.start,
        hint: "see docs/negotiation.md for the scenario file")
    }
    guard r.problems.isEmpty, let period, let rate else { return (nil, r.problems.ordered) }
    var s = Scenario(data: data ?? "", period: period, discountRate: rate)
    s.ledger = ledger
    s.growth = growth
    s.prices = prices
    s.tariffs = tariffs
    s.investments = investments
    s.runs = runs
    s.seed = seed
    s.parameters = set
    s.costs = costs
    s.year = year
    s.prove = prove
    s.places = r.places
    return (s, [])
  }

  /// What the scenario names that `contract` does not have, each at its place in the file: a
  /// period outside the term, prices of unknown inputs, unknown tariffs and parties, and
  /// investments outside the projected years (their cash flows would have no year to go in).
  public func problems(with contract: Contract) -> [Diagnostic] {
    var out: [Diagnostic] = []
    func fail(_ message: String, _ place: String, hint: String? = nil) {
      out.append(
        .error(
          .badScenario, message, at: places[place] ?? .whole(places.values.first?.file ?? ""),
          hint: hint))
    }
    func suggest(_ word: String, _ candidates: [String], _ what: String) -> String {
      Spelling.nearest(word, in: candidates).map { "did you mean '\($0)'?" }
        ?? "the contract's \(what): \(candidates.sorted().joined(separator: ", "))"
    }
    let term = contract.term.periods(contract.frequency)
    if !term.contains(period) {
      fail(
        "\(period) is not a \(contract.frequency) period of the term of '\(contract.id)' (\(contract.term.from) to \(contract.term.to))",
        "period", hint: "start from a settled period of the contract")
    }
    // A price series (`every 15 minutes`) is the period's data, interval by interval: a
    // scenario's one value cannot stand for it.
    let inputs = contract.inputs.filter { $0.interval == nil }.map(\.id)
    func notAnInput(_ id: String) -> String {
      contract.inputs.contains { $0.id == id }
        ? "'\(id)' is a price series of '\(contract.id)': a scenario cannot set it to one value"
        : "'\(id)' is not an input of '\(contract.id)'"
    }
    for id in prices.keys.sorted() where !inputs.contains(id) {
      fail(notAnInput(id), "prices." + id, hint: suggest(id, inputs, "inputs"))
    }
    for range in prove?.ranges ?? [] {
      guard case .input(let id) = range.driver, !inputs.contains(id) else { continue }
      fail(
        notAnInput(id), "prove.\(range.kind == .value ? "inputs" : "factors").\(id)",
        hint: suggest(id, inputs, "inputs"))
    }
    let tariffIds = contract.tariffs.map(\.id)
    for id in tariffs.keys.sorted() where !tariffIds.contains(id) {
      fail(
        "'\(id)' is not a tariff of '\(contract.id)'", "tariffs." + id,
        hint: suggest(id, tariffIds, "tariffs"))
    }
    let perYear = 12 / contract.frequency.months
    if !year.isEmpty && year.count != perYear {
      fail(
        "'year' lists \(year.count) bundles; a year of '\(contract.id)' has \(perYear) \(contract.frequency) periods",
        "year", hint: "one bundle per period, from \(period) on")
    }
    let parties = contract.parties.map(\.id)
    for id in costs.keys.sorted() where !parties.contains(id) {
      fail(
        "'\(id)' is not a party of '\(contract.id)'", "costs." + id,
        hint: suggest(id, parties, "parties"))
    }
    let projected = term.filter { !($0 < period) }
    let years = (projected.first?.year ?? period.year)...(projected.last?.year ?? period.year)
    for (i, inv) in investments.enumerated() {
      if !parties.contains(inv.party) {
        fail(
          "'\(inv.party)' is not a party of '\(contract.id)'", "investments.\(i).party",
          hint: suggest(inv.party, parties, "parties"))
      }
      if !years.contains(inv.period.year) {
        fail(
          "\(inv.period) is outside the projected years \(years.lowerBound)-\(years.upperBound)",
          "investments.\(i).period",
          hint:
            "NPV and IRR count from the first projected year: give an earlier investment in the first period"
        )
      }
    }
    return out
  }
}

/// Reads the parts of a scenario, collecting every problem rather than stopping at the first.
struct ScenarioReader {
  let file: String
  var problems: [Diagnostic] = []
  var places: [String: SourceRange] = [:]

  mutating func fail(_ message: String, at range: SourceRange, hint: String? = nil) {
    problems.append(.error(.badScenario, message, at: range, hint: hint))
  }

  mutating func fail(_ message: String, at place: SourceLocation, hint: String? = nil) {
    fail(
      message,
      at: SourceRange(
        file: file, start: place, end: SourceLocation(line: place.line, column: place.column + 1)),
      hint: hint)
  }

  /// An object's members; with `known`, each key must be one of them (a typo gets a
  /// suggestion) and is given once.
  mutating func members(_ v: PlacedJSON, _ what: String, known: [String]?) -> [PlacedJSON.Member]? {
    guard case .object(let all) = v.value else {
      fail("\(what) must be an object { ... }, not \(v.kind)", at: v.range)
      return nil
    }
    var seen: [String: SourceRange] = [:]
    var out: [PlacedJSON.Member] = []
    for m in all {
      if let first = seen[m.key] {
        problems.append(
          .error(
            .badScenario, "'\(m.key)' is given twice in \(what)", at: m.keyRange,
            notes: [.init(message: "first given here", range: first)]))
        continue
      }
      seen[m.key] = m.keyRange
      if let known, !known.contains(m.key) {
        fail(
          "'\(m.key)' is not a key of \(what)", at: m.keyRange,
          hint: Spelling.nearest(m.key, in: known).map { "did you mean '\($0)'?" }
            ?? "the keys are: \(known.joined(separator: ", "))")
        continue
      }
      out.append(m)
    }
    return out
  }

  mutating func string(_ v: PlacedJSON, _ what: String) -> String? {
    guard case .string(let s) = v.value else {
      fail("\(what) must be a string in double quotes, not \(v.kind)", at: v.range)
      return nil
    }
    return s
  }

  /// A number written as a JSON number or a string, read exactly; `"8%"` is 0.08. With
  /// `above`, it must be greater.
  /// `{"om": {"amount": "300000", "growth": "0.02", "from": "2027"}, "loan": {"principal":
  /// "8000000", "rate": "0.05", "years": 8, "year": "2026"}, "taxRate": "0.25",
  /// "depreciationYears": 10}`: every part optional, every key known.
  mutating func costs(_ v: PlacedJSON, _ what: String) -> PartyCosts? {
    guard let fields = members(v, what, known: ["om", "loan", "taxRate", "depreciationYears"])
    else { return nil }
    var c = PartyCosts()
    for f in fields {
      switch f.key {
      case "om":
        guard
          let parts = members(f.value, "the O&M of \(what)", known: ["amount", "growth", "from"])
        else { continue }
        for p in parts {
          switch p.key {
          case "amount": c.om = number(p.value, "the O&M amount of \(what)", above: Exact(-1))
          case "growth":
            c.omGrowth = number(p.value, "the O&M growth of \(what)", above: Exact(-1)) ?? .zero
          default: c.omFrom = period(p.value, "the first O&M year of \(what)")?.year
          }
        }
        if c.om == nil { fail("\(what): 'om' has no 'amount'", at: f.value.range) }
      case "loan":
        guard
          let parts = members(
            f.value, "the loan of \(what)", known: ["principal", "rate", "years", "year"])
        else { continue }
        var principal: Exact?
        var rate: Exact?
        var years: UInt64?
        var year: Int?
        for p in parts {
          switch p.key {
          case "principal":
            principal = number(p.value, "the loan principal of \(what)", above: .zero)
          case "rate": rate = number(p.value, "the loan rate of \(what)", above: Exact(-1))
          case "years": years = integer(p.value, "the loan years of \(what)", max: 100)
          default: year = period(p.value, "the loan year of \(what)")?.year
          }
        }
        guard let principal, let rate, let years, years > 0, let year else {
          fail(
            "\(what): a loan needs 'principal', 'rate', 'years' (from 1) and 'year' (when drawn)",
            at: f.value.range)
          continue
        }
        c.loan = .init(principal: principal, rate: rate, years: Int(years), year: year)
      case "taxRate": c.taxRate = number(f.value, "the tax rate of \(what)", above: Exact(-1))
      default:
        c.depreciationYears = integer(f.value, "the depreciation years of \(what)", max: 100)
          .map { Int($0) }
      }
    }
    return c
  }

  mutating func number(_ v: PlacedJSON, _ what: String, above: Exact? = nil) -> Exact? {
    let text: String
    switch v.value {
    case .number(let t), .string(let t): text = t
    default:
      fail("\(what) must be a number, not \(v.kind)", at: v.range)
      return nil
    }
    var digits = Substring(text)
    let percent = digits.hasSuffix("%")
    if percent { digits = digits.dropLast() }
    // Thousands separators, as in contracts: a comma before each group of three digits.
    if digits.contains(","), digits.wholeMatch(of: #/-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?/#) != nil {
      digits = Substring(digits.filter { $0 != "," })
    }
    guard let x = try? Exact(parsing: digits), let value = percent ? try? x * .percent : x
    else {
      fail(
        "'\(text)' is not a decimal number (\(what))", at: v.range,
        hint: "write it like 0.08, \"8%\" or \"1,000,000\", without an exponent")
      return nil
    }
    if let above, !(value > above) {
      fail("\(what) must be above \(above), not \(value)", at: v.range)
      return nil
    }
    return value
  }

  mutating func integer(_ v: PlacedJSON, _ what: String, max: UInt64) -> UInt64? {
    guard case .number(let t) = v.value, let n = UInt64(t), n <= max else {
      fail("\(what) must be a whole number from 0 to \(max)", at: v.range)
      return nil
    }
    return n
  }

  mutating func period(_ v: PlacedJSON, _ what: String) -> Period? {
    guard let s = string(v, what) else { return nil }
    guard let p = Period(s) else {
      fail(
        "'\(s)' is not a period (\(what))", at: v.range,
        hint: "write 2026Q1, 2026H1, 2026-03 or 2026")
      return nil
    }
    return p
  }

  /// A list of `count` numbers of at least 0 in rising order (low, ..., high).
  mutating func bounds(_ v: PlacedJSON, _ what: String, count: Int) -> [Exact]? {
    guard case .array(let items) = v.value, items.count == count else {
      fail(
        "\(what) takes a list of \(count) factors\(count == 2 ? ", [low, high]" : ", [low, most likely, high]")",
        at: v.range)
      return nil
    }
    let xs = items.compactMap { number($0, what, above: nil) }
    guard xs.count == count else { return nil }
    guard xs[0] >= .zero, zip(xs, xs.dropFirst()).allSatisfy({ $0 <= $1 }) else {
      fail(
        "\(what) must rise from a low of 0 or more: \(xs.map(\.description).joined(separator: ", "))",
        at: v.range)
      return nil
    }
    return xs
  }

  /// `prove`: ranges by input (values or factors) and meter kind (factors), cases and seed.
  mutating func search(_ v: PlacedJSON) -> Scenario.Search? {
    guard let fields = members(v, "prove", known: Scenario.proveKeys) else { return nil }
    var search = Scenario.Search()
    for f in fields {
      switch f.key {
      case "cases":
        search.cases = integer(f.value, "prove.cases", max: 1_000_000).map { Int($0) }
        if search.cases == 0 { fail("prove.cases must be at least 1", at: f.value.range) }
      case "seed": search.seed = integer(f.value, "prove.seed", max: UInt64.max)
      default:
        for m in members(f.value, "prove." + f.key, known: nil) ?? [] {
          let place = "prove.\(f.key).\(m.key)"
          places[place] = m.keyRange
          let driver: Driver
          if f.key == "kWh" {
            guard MeterKind(rawValue: m.key) != nil else {
              fail(
                "'\(m.key)' is not a meter kind", at: m.keyRange,
                hint: Spelling.nearest(m.key, in: MeterKind.allCases.map(\.rawValue)).map {
                  "did you mean '\($0)'?"
                } ?? "prove.kWh is given by meter kind, such as pv-generation or consumption")
              continue
            }
            driver = .kWh(m.key)
          } else {
            driver = .input(m.key)
          }
          let kind: Scenario.Range.Kind = f.key == "inputs" ? .value : .factor
          let what = "the range of '\(m.key)' in prove.\(f.key)"
          guard case .array(let items) = m.value.value, items.count == 2 else {
            fail("\(what) takes [low, high]", at: m.value.range)
            continue
          }
          let xs = items.compactMap { number($0, what, above: nil) }
          guard xs.count == 2 else { continue }
          guard xs[0] <= xs[1], kind == .value || xs[0] >= .zero else {
            fail(
              "\(what) must rise\(kind == .factor ? " from a factor of 0 or more" : ""): \(xs[0]), \(xs[1])",
              at: m.value.range)
            continue
          }
          if search.ranges.contains(where: { $0.driver == driver }) {
            fail(
              "'\(m.key)' is given a range twice (as a value and as a factor)", at: m.keyRange,
              hint: "keep one: prove.inputs for its value, prove.factors for a factor on its values"
            )
            continue
          }
          search.ranges.append(Scenario.Range(driver: driver, kind: kind, low: xs[0], high: xs[1]))
        }
      }
    }
    return search
  }

  /// A price or tariff path: `path`, `growth`, and one distribution at most.
  mutating func path(_ v: PlacedJSON, _ what: String) -> Scenario.Path? {
    guard let fields = members(v, what, known: Scenario.pathKeys) else { return nil }
    var p = Scenario.Path()
    var ok = true
    for f in fields {
      switch f.key {
      case "path":
        guard case .array(let items) = f.value.value, !items.isEmpty else {
          fail("path takes a list of yearly factors, such as [1, 0.9, 0.8]", at: f.value.range)
          ok = false
          continue
        }
        let xs = items.compactMap { number($0, "a factor of \(what)", above: nil) }
        if let bad = xs.first(where: { $0 < .zero }) {
          fail("a factor of \(what) is negative: \(bad)", at: f.value.range)
        }
        ok = ok && xs.count == items.count
        p.path = xs
      case "growth":
        p.growth = number(f.value, "the growth of \(what)", above: Exact(-1))
        ok = ok && p.growth != nil
      case "uniform":
        let b = bounds(f.value, "uniform of \(what)", count: 2)
        p.uniform = b.map { ($0[0], $0[1]) }
        ok = ok && b != nil
      default:
        let b = bounds(f.value, "triangular of \(what)", count: 3)
        p.triangular = b.map { ($0[0], $0[1], $0[2]) }
        ok = ok && b != nil
      }
    }
    if p.uniform != nil && p.triangular != nil {
      fail("\(what) has two distributions: keep uniform or triangular", at: v.range)
      return nil
    }
    return ok ? p : nil
  }
}
