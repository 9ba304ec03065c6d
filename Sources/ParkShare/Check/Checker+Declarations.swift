extension Checker {
  /// contract, version, currency and settle: each exactly once (version optional).
  mutating func checkHeader() {
    var seen: [String: SourceRange] = [:]
    func once(_ word: String, _ range: SourceRange, into checker: inout Checker) -> Bool {
      if let first = seen[word] {
        checker.error(
          .duplicateHeader, "'\(word)' is given twice", at: range,
          notes: [.init(message: "first given here", range: first)])
        return false
      }
      seen[word] = range
      return true
    }
    for d in file.declarations {
      switch d.kind {
      case .contract(let id, let title):
        guard once("contract", d.range, into: &self) else { continue }
        contract.id = id.text
        contract.title = title ?? id.text
        // The title heads every statement: held to the rule of names.
        if let title, let found = ControlCharacters.first(in: title) {
          error(
            .controlCharacter,
            "the contract's title holds \(ControlCharacters.describe(found.scalar)) at character \(found.position)",
            at: d.range, hint: "titles may not hold tabs, NULs or bidi controls: remove it")
        }
      case .version(let v):
        guard once("version", d.range, into: &self) else { continue }
        contract.version = v.text
      case .currency(let code, let rounding, let decimals):
        guard once("currency", d.range, into: &self) else { continue }
        if code.text.count == 3, code.text.allSatisfy({ $0.isASCII && $0.isUppercase }) {
          contract.currency.code = code.text
          contract.currency.decimals = ["JPY", "KRW"].contains(code.text) ? 0 : 2
        } else {
          // Reported, and the rest of the line still checked.
          error(
            .badCurrency, "'\(code.text)' is not a currency code", at: code.range,
            hint: "use an ISO 4217 code such as CNY")
        }
        if let rounding {
          if let mode = RoundingMode(rawValue: rounding.text) {
            contract.currency.rounding = mode
          } else {
            error(
              .badRounding, "unknown rounding mode '\(rounding.text)'", at: rounding.range,
              hint: "one of: \(RoundingMode.allCases.map(\.rawValue).joined(separator: ", "))")
          }
        }
        if let decimals {
          if let n = Int(decimals.value.description), (0...6).contains(n) {
            contract.currency.decimals = n
          } else {
            error(.badDecimals, "decimals must be a whole number from 0 to 6", at: decimals.range)
          }
        }
      case .settle(let frequency, let from, let to):
        guard once("settle", d.range, into: &self) else { continue }
        checkSettle(frequency, from, to)
      case .gaps(let policy, let limit):
        guard once("gaps", d.range, into: &self) else { continue }
        checkGaps(policy, limit)
      case .estimate(let method, let limit):
        guard once("estimate", d.range, into: &self) else { continue }
        contract.estimationClause = d.range
        checkEstimate(method, limit)
      default:
        continue
      }
    }
    let top = SourceRange(
      file: file.path, start: .init(line: 1, column: 1), end: .init(line: 1, column: 2))
    for (word, example) in [
      ("contract", "contract my-deal \"Title\""), ("currency", "currency CNY rounding half-up"),
      ("settle", "settle quarterly from 2026Q1 to 2035Q4"),
    ] where !file.keywords.contains(word) {
      error(
        .missingHeader, "the contract has no '\(word)' line", at: top,
        hint: "add '\(example)' near the top")
    }
  }

  /// `settle FREQUENCY from P to Q`: each part checked on its own, so a misspelt frequency
  /// does not hide a reversed term. The term is known only when all of it holds.
  mutating func checkSettle(_ frequency: Name, _ from: PeriodRef, _ to: PeriodRef) {
    var ok = true
    let length = Period.Length(frequencyWord: frequency.text)
    if let length {
      contract.frequency = length
      frequencyKnown = true
      if from.period.firstMonth % length.months != 0 {
        error(
          .misalignedPeriod, "the term must start at the start of a \(length.rawValue)",
          at: from.range)
      }
      if (to.period.lastMonth + 1) % length.months != 0 {
        error(
          .misalignedPeriod, "the term must end at the end of a \(length.rawValue)",
          at: to.range)
      }
    } else {
      let words = ["monthly", "quarterly", "half-yearly", "yearly"]
      error(
        .badFrequency, "unknown settlement frequency '\(frequency.text)'", at: frequency.range,
        hint: Spelling.nearest(frequency.text, in: words).map { "did you mean '\($0)'?" }
          ?? "one of: \(words.joined(separator: ", "))")
      ok = false
    }
    if from.period.firstMonth > to.period.lastMonth {
      error(
        .badTerm, "the term ends (\(to.period)) before it starts (\(from.period))", at: to.range)
      ok = false
    }
    guard ok, let length else { return }
    termKnown = true
    contract.term = Term(
      from: Period(containing: from.period.firstMonth, length: length),
      to: Period(containing: to.period.lastMonth, length: length))
  }

  /// `gaps error` or `gaps zero [up to P%]`.
  mutating func checkGaps(_ policy: Name, _ limit: Literal?) {
    switch policy.text {
    case "error":
      if let limit {
        error(
          .badGaps, "'up to' only goes with 'gaps zero'", at: limit.range,
          hint: "write 'gaps zero up to \(limit.text)'")
      }
      contract.gaps = .error
    case "zero":
      if let limit, limit.value.isNegative || Exact.one < limit.value || limit.value.isZero {
        error(.badGaps, "the limit must be above 0% and at most 100%", at: limit.range)
      }
      contract.gaps = .zero(limit: limit?.value)
    default:
      error(
        .badGaps, "unknown gap policy '\(policy.text)'", at: policy.range,
        hint: "'gaps error' (the default) or 'gaps zero [up to 1%]'")
    }
  }

  /// `estimate none`, or `estimate linear|same-weekday up to N` (N whole intervals, 1 to 96).
  mutating func checkEstimate(_ method: Name, _ limit: Literal?) {
    switch method.text {
    case "none":
      if let limit {
        error(
          .badEstimate, "'up to' only goes with 'estimate linear'", at: limit.range,
          hint: "write 'estimate linear up to \(limit.text)'")
      }
      contract.estimation = nil
    case "linear", "same-weekday":
      guard let limit else {
        error(
          .badEstimate, "say how many missing intervals in a row may be filled", at: method.range,
          hint: "estimate linear up to 4 (at most 96)")
        return
      }
      guard let n = Int(limit.value.description), (1...96).contains(n) else {
        error(
          .badEstimate, "the most intervals filled in a row is a whole number from 1 to 96",
          at: limit.range, hint: "a longer gap is not estimated: it is settled by 'gaps'")
        return
      }
      contract.estimation = method.text == "linear" ? .linear(maxRun: n) : .sameWeekday(maxRun: n)
    default:
      error(
        .badEstimate, "unknown estimation '\(method.text)'", at: method.range,
        hint:
          "'estimate none' (the default), 'estimate linear up to N' or 'estimate same-weekday up to N'"
      )
    }
  }

  /// Binds every declared name; duplicates are reported here, once.
  mutating func declareNames() {
    for d in file.declarations {
      switch d.kind {
      case .party(let p): declare(p.id, Symbol(kind: .party, range: p.id.range))
      case .group(let g): declare(g.id, Symbol(kind: .group, range: g.id.range))
      case .unit(let u): declare(u, Symbol(kind: .unit, range: u.range))
      case .input(let i): declare(i.id, Symbol(kind: .input, range: i.id.range))
      case .meter(let m): declare(m.id, Symbol(kind: .meter, range: m.id.range, unit: .kWh))
      // A dated version (`tariff grid CNY/kWh from 2029-02-01`) names a tariff declared without.
      case .tariff(let t) where t.from == nil:
        declare(t.id, Symbol(kind: .tariff, range: t.id.range))
      case .definition(let def):
        let kind: Symbol.Kind = def.kind == .let ? .let : (def.kind == .kpi ? .kpi : .revenue)
        declare(def.id, Symbol(kind: kind, range: def.id.range))
      case .subsidy(let s): declare(s.id, Symbol(kind: .subsidy, range: s.id.range))
      case .points(let p):
        declare(p.id, Symbol(kind: .points, range: p.id.range, unit: .point, per: p.group.text))
      case .pool(let p): declare(p.id, Symbol(kind: .pool, range: p.id.range))
      // A parameter refused where it is declared (reported there) names nothing, so its uses
      // are not reported again as the wrong kind of name.
      case .param(let name) where !file.brokenNames.contains(name.text):
        declare(name, Symbol(kind: .parameter, range: name.range))
      default: continue
      }
      if let name = declaredName(d) { declarations[name] = d }
    }
    contract.parameters = file.parameters.isEmpty ? nil : file.parameters
    contract.units = file.declarations.compactMap {
      if case .unit(let u) = $0.kind { u.text } else { nil }
    }
  }

  func declaredName(_ d: Declaration) -> String? {
    switch d.kind {
    case .party(let p): p.id.text
    case .group(let g): g.id.text
    case .input(let i): i.id.text
    case .meter(let m): m.id.text
    case .tariff(let t) where t.from == nil: t.id.text
    case .definition(let def): def.id.text
    case .subsidy(let s): s.id.text
    case .points(let p): p.id.text
    case .pool(let p): p.id.text
    default: nil
    }
  }

  mutating func role(_ name: Name) -> Role? {
    if let r = Role(rawValue: name.text) { return r }
    let hint =
      Spelling.nearest(name.text, in: Keywords.roles).map { "did you mean '\($0)'?" }
      ?? "one of: \(Keywords.roles.joined(separator: ", "))"
    error(.unknownRole, "unknown role '\(name.text)'", at: name.range, hint: hint)
    return nil
  }

  /// Parties, and the groups loaded from registry files.
  mutating func checkParties() {
    for d in file.declarations {
      switch d.kind {
      case .party(let p):
        let r = role(p.role)
        var capital: Exact? = nil
        if let expr = p.capital {
          capital = constant(expr, unit: .base(contract.currency.code), what: "capital")
          if let c = capital, c.isNegative {
            error(
              .negative, "capital cannot be negative", at: expr.range,
              hint: "capital is what the party put in, the weight of its stake: drop the '-'")
            capital = nil
          }
          if capital == nil { brokenCapital.insert(p.id.text) }
        }
        if p.displayName.trimmingCharacters(in: .whitespaces).isEmpty {
          error(
            .emptyName, "party '\(p.id.text)' has an empty name", at: p.id.range,
            hint: "give the name as it appears on statements")
        }
        // As in registries (`ControlCharacters`): a tab, NUL or bidi control in a string.
        if let found = ControlCharacters.first(in: p.displayName) {
          error(
            .controlCharacter,
            "the name of party '\(p.id.text)' holds \(ControlCharacters.describe(found.scalar)) at character \(found.position)",
            at: p.id.range, hint: "names may not hold tabs, NULs or bidi controls: remove it")
        }
        var party = Party(
          id: p.id.text, name: p.displayName, role: r ?? .other, capital: capital, group: nil,
          clause: d.range)
        (party.from, party.until) = partyDays(p.effective, of: p.id)
        contract.parties.append(party)
      case .group(let g):
        let r = role(g.role)
        let members = loadRegistry(g, role: r ?? .other)
        contract.groups.append(
          PartyGroup(
            id: g.id.text, file: g.file, role: r ?? .other, members: members, clause: d.range
          ))
      default: continue
      }
      if contract.parties.count > Limits.parties {
        error(
          .tooMany,
          "this brings the parties to \(Limits.grouped(contract.parties.count)), above the limit of \(Limits.grouped(Limits.parties))",
          at: d.range, hint: "split the park into several contracts")
        return
      }
    }
  }

  /// Reads a registry CSV (`id,name[,capital]`); its members become parties of the group.
  mutating func loadRegistry(_ g: GroupDecl, role: Role) -> [String] {
    let loaded: (path: String, text: String)
    func outside(_ why: ContractFiles.Outside) {
      error(
        .outsideFile, "registry '\(g.file)' \(why.reason); it was not read", at: g.fileRange,
        hint: ContractFiles.hint)
    }
    if !allowOutsideFiles, let why = ContractFiles.outside(g.file) {
      outside(why)
      return []
    }
    do {
      loaded = try readFile(g.file)
    } catch let why as ContractFiles.Outside {
      outside(why)
      return []
    } catch Limits.ReadProblem.notRegular(let kind) {
      self.error(
        .notRegularFile, "registry '\(g.file)' is \(kind), not a regular file; it was not read",
        at: g.fileRange, hint: "name a registry file (CSV: id,name,capital)")
      return []
    } catch Limits.ReadProblem.tooLarge(let bytes) {
      self.error(
        .tooLarge,
        "registry '\(g.file)' is \(Limits.grouped(bytes)) bytes, above the limit of \(Limits.size(Limits.tableBytes))",
        at: g.fileRange, hint: "check that this is the right file")
      return []
    } catch Limits.ReadProblem.notUTF8 {
      self.error(
        .notUTF8, "registry '\(g.file)' is not UTF-8 text", at: g.fileRange,
        hint: "save it as UTF-8")
      return []
    } catch {
      self.error(
        .missingRegistry, "cannot read registry '\(g.file)'", at: g.fileRange,
        hint: "the path is relative to the contract's folder; check that the file exists")
      return []
    }
    let source = SourceFile(path: loaded.path, text: loaded.text)
    let here = Diagnostic.Note(message: "registry named here", range: g.fileRange)
    // A contract can name any file: one whose first line is not a registry's header is reported
    // without a byte of its content (`parties x from "/proc/self/environ"` must not print the
    // environment). Lines of a registry are quoted with their control characters masked.
    let firstLine = (source.line(1) ?? "").split(separator: ",", omittingEmptySubsequences: false)
      .map {
        String($0.filter { $0 != "\"" && $0 != "\u{FEFF}" }).trimmingCharacters(in: .whitespaces)
      }
    guard firstLine.contains("id") && firstLine.contains("name") else {
      error(
        .badRegistry,
        "'\(loaded.path)' is not a party registry: its first line does not name the columns 'id' and 'name' (its content is not shown)",
        at: .whole(loaded.path), hint: "the first line should read: id,name,capital", notes: [here])
      return []
    }
    sources.append(SourceFile(path: loaded.path, text: ControlCharacters.masked(loaded.text)))
    func at(_ line: Int) -> SourceRange {
      SourceRange(
        file: loaded.path, start: .init(line: line, column: 1),
        end: .init(line: line, column: (source.line(line)?.count ?? 0) + 1))
    }
    let table: CSVTable
    switch CSVTable.parse(loaded.text) {
    case .failure(let e):
      error(
        .badRegistry, "registry is not valid CSV: \(e.message)", at: at(e.line), notes: [here])
      return []
    case .success(let t): table = t
    }
    let header = table.header.map { $0.trimmingCharacters(in: .whitespaces) }
    guard let idColumn = header.firstIndex(of: "id"), let nameColumn = header.firstIndex(of: "name")
    else {
      error(
        .badRegistry, "registry header must name the columns 'id' and 'name'", at: at(1),
        hint: "the first line should read: id,name,capital", notes: [here])
      return []
    }
    // The columns that decide money are read by their exact names: one spelt in another case,
    // or given twice, would otherwise be passed over in silence. The rows are still read (and
    // reported), so the group does not look empty to the splits that name it.
    for (i, column) in header.enumerated() {
      let known = ["id", "name", "capital", "from", "until"]
      if header[..<i].contains(column) {
        error(
          .badRegistry, "the column '\(column)' is given twice", at: at(1),
          hint: "keep one column of that name", notes: [here])
      }
      if let meant = known.first(where: { $0 == column.lowercased() }), meant != column {
        error(
          .badRegistry,
          "the column '\(column)' would not be read: registry columns are named in lower case",
          at: at(1), hint: "write the header '\(meant)'", notes: [here])
      }
    }
    let capitalColumn = header.firstIndex(of: "capital")
    var members: [String] = []
    var kept: [RegistryTable.Row] = []
    var rowErrors = 0
    for row in table.rows {
      func bad(_ message: String, hint: String? = nil) {
        rowErrors += 1
        if rowErrors <= 50 {
          error(.badRegistry, message, at: at(row.line), hint: hint, notes: [here])
        }
      }
      guard row.fields.count == header.count else {
        bad(
          "row has \(row.fields.count) fields, the header has \(header.count)",
          hint: "quote names that contain commas")
        continue
      }
      // Checked before the fields are trimmed (a tab is whitespace) and before any is echoed.
      if let (column, found) = row.fields.indices.lazy.compactMap({ i in
        ControlCharacters.first(in: row.fields[i]).map { (i, $0) }
      }).first {
        let known = ["id", "name", "capital", "from", "until"].contains(header[column])
        bad(
          "\(known ? "the '\(header[column])' field" : "field \(column + 1)") holds \(ControlCharacters.describe(found.scalar)) at character \(found.position)",
          hint:
            "names and ids may not hold line breaks, tabs, NULs or bidi controls: they would change how statements read"
        )
        continue
      }
      let id = row.fields[idColumn].trimmingCharacters(in: .whitespaces)
      let name = row.fields[nameColumn].trimmingCharacters(in: .whitespaces)
      guard !id.isEmpty,
        id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
      else {
        bad("'\(id)' is not a valid party id", hint: "ids use letters, digits, '_' and '-'")
        continue
      }
      guard !name.isEmpty else {
        bad("party '\(id)' has an empty name")
        continue
      }
      if let first = symbols[id] {
        rowErrors += 1
        alreadyDefined(id, at: at(row.line), first: first)
        continue
      }
      var capital: Exact? = nil
      if let c = capitalColumn, !row.fields[c].trimmingCharacters(in: .whitespaces).isEmpty {
        guard let value = try? Exact(parsing: row.fields[c].trimmingCharacters(in: .whitespaces)),
          !value.isNegative
        else {
          bad(
            "capital '\(row.fields[c])' of '\(id)' is not a non-negative number",
            hint: "write plain digits, e.g. 1500000.00")
          continue
        }
        capital = value
      }
      // `from` / `until`: the days a member takes part (a unitholder who buys in or sells out).
      var days: [CalendarDay?] = []
      for column in ["from", "until"] {
        guard let c = header.firstIndex(of: column) else {
          days.append(nil)
          continue
        }
        let (day, problem) = registryDay(row.fields[c], column: column, of: id)
        if let problem {
          bad(problem, hint: "write a day of the term, like 2029-02-01, or leave it empty")
        }
        days.append(day)
      }
      if let f = days[0], let u = days[1], f > u {
        bad("'\(id)' starts (\(f)) after it ends (\(u))")
      }
      symbols[id] = Symbol(kind: .party, range: at(row.line))
      members.append(id)
      kept.append(RegistryTable.Row(member: id, range: at(row.line), fields: row.fields))
      var party = Party(
        id: id, name: name, role: role, capital: capital, group: g.id.text,
        clause: at(row.line))
      (party.from, party.until) = (days[0], days[1])
      contract.parties.append(party)
    }
    if rowErrors > 50 {
      error(
        .badRegistry, "\(rowErrors - 50) more registry errors not shown", at: at(1), notes: [here]
      )
    }
    registries[g.id.text] = RegistryTable(path: loaded.path, header: header, rows: kept)
    if members.isEmpty && rowErrors == 0 {
      error(.badRegistry, "registry '\(g.file)' lists no parties", at: g.fileRange)
    }
    return members
  }

  /// The base unit and conversion factor of a unit as written.
  mutating func unit(_ u: UnitExpr) -> (unit: Unit, factor: Exact)? {
    guard let top = baseUnit(u.numerator) else { return nil }
    guard let d = u.denominator else { return top }
    guard let bottom = baseUnit(d) else { return nil }
    guard let factor = try? top.factor / bottom.factor else { return nil }
    return (top.unit / bottom.unit, factor)
  }

  mutating func baseUnit(_ n: Name) -> (unit: Unit, factor: Exact)? {
    // Only whether this name is a declared unit matters: filtering every symbol at every
    // number with a unit made a contract of 100,000 lets quadratic.
    let declared = symbols[n.text]?.kind == .unit ? [n.text] : []
    if let found = Unit.named(n.text, currency: contract.currency.code, declared: declared) {
      return found
    }
    let known = [contract.currency.code] + Unit.builtInNames + contract.units
    error(
      .unknownUnit, "unknown unit '\(n.text)'",
      at: n.range,
      hint: Spelling.nearest(n.text, in: known).map { "did you mean '\($0)'?" }
        ?? "known units: \(known.joined(separator: ", ")); declare others with 'unit NAME'")
    return nil
  }

  /// `per GROUP` must name a group, or `party` for a value per individually named party.
  mutating func perGroup(_ name: Name?) -> String? {
    guard let name else { return nil }
    if name.text == "party" { return "party" }
    return resolve(name, as: [.group], what: "group") != nil ? name.text : nil
  }

  /// The minutes of an interval price series (`every 15 minutes`), checked: a length that
  /// divides an hour (so prices fall on the meters' intervals), a price per kWh, one series for
  /// the park (not per member, vintage or month). Nil when not declared or refused.
  mutating func priceInterval(_ i: InputDecl, _ unit: Unit) -> Int? {
    guard let every = i.every else { return nil }
    let form = "input \(i.id.text) \(contract.currency.code)/kWh every 15 minutes"
    guard every.minutes > 0, 60 % every.minutes == 0 else {
      error(
        .badInterval, "a price every \(every.minutes) minutes does not divide an hour",
        at: every.range,
        hint: "spot prices come every 5, 15, 30 or 60 minutes: 'every 15 minutes' or 'hourly'")
      return nil
    }
    if i.per != nil || i.byVintage || i.monthly {
      let what = i.per != nil ? "per member" : i.byVintage ? "by vintage" : "monthly"
      error(
        .badInterval,
        "'\(i.id.text)' is a price every \(every.minutes) minutes: it cannot also be \(what)",
        at: every.range, hint: "one series of prices for the park: \(form)")
      return nil
    }
    guard unit == Unit.base(contract.currency.code) / .kWh else {
      error(
        .unitMismatch,
        "a price series is in \(contract.currency.code)/kWh (or /MWh), not \(unit.isDimensionless ? "without a unit" : unit.description)",
        at: i.unit?.range ?? i.id.range, hint: form)
      return nil
    }
    return every.minutes
  }

  mutating func checkInputsAndMeters() {
    for d in file.declarations {
      switch d.kind {
      case .input(let i):
        var u: (unit: Unit, factor: Exact) = (.none, .one)
        let resolved = i.unit.map { unit($0) }  // nil: no unit; .some(nil): an unknown one
        let per = perGroup(i.per)  // checked even when the unit is not
        if let resolved {
          guard let resolved else {
            failedDefinitions.insert(i.id.text)  // reported; uses of it stay quiet
            continue
          }
          u = resolved
        }
        symbols[i.id.text]?.unit = u.unit
        symbols[i.id.text]?.per = per
        contract.inputs.append(
          Input(
            id: i.id.text, unitText: i.unit?.text ?? "1", unit: u.unit, factor: u.factor, per: per,
            byVintage: i.byVintage, monthly: i.monthly, interval: priceInterval(i, u.unit),
            clause: d.range))
      case .meter(let m):
        let per = perGroup(m.per)
        symbols[m.id.text]?.per = per
        guard let kind = MeterKind(rawValue: m.kind.text) else {
          let kinds = MeterKind.allCases.map(\.rawValue)
          error(
            .unknownMeterKind, "unknown meter kind '\(m.kind.text)'", at: m.kind.range,
            hint: Spelling.nearest(m.kind.text, in: kinds).map { "did you mean '\($0)'?" }
              ?? "one of: \(kinds.joined(separator: ", "))")
          continue
        }
        contract.meters.append(Meter(id: m.id.text, kind: kind, per: per, clause: d.range))
      default: continue
      }
    }
  }
}
