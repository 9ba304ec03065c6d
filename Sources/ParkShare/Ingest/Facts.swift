/// The period's facts other than meter readings (`facts.csv`): prices, certificates issued,
/// allowances, output value, baselines, degree days, points inputs. One row a value:
/// `fact,value[,unit][,member][,vintage][,month][,note]`.
public struct Facts: Sendable {
  public struct Value: Sendable {
    /// In the input's base unit (`MWh` data is stored as kWh).
    public var value: Exact
    /// `facts.csv:LINE`
    public var row: String
  }

  public var values: [String: [Facet: Value]] = [:]

  static let columns = ["fact", "value"]
  static let optionalColumns = ["unit", "member", "vintage", "month", "note"]

  /// Reads and checks `facts.csv` against the contract's inputs: every input present (for each
  /// member, month), units that convert, no value given twice.
  static func read(
    _ sheet: CSVSheet, contract: Contract, period: Period, diagnostics: inout [Diagnostic]
  ) -> Facts {
    var facts = Facts()
    var lines: [String: [Facet: Int]] = [:]
    // Facts with a refused row are not also reported missing: neither those refused here nor
    // those whose row has the wrong number of fields (reported by CSVSheet), so the real cause
    // is the one error shown.
    var refused = Set(sheet.refusedRows.map { sheet.field($0, "fact") })
    var memberSets: [String: Set<String>] = [:]
    let inputs = Dictionary(contract.inputs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for row in sheet.rows {
      let at = sheet.at(row.line)
      let name = sheet.field(row, "fact")
      func bad(
        _ id: DiagnosticID, _ message: String, hint: String? = nil, notes: [Diagnostic.Note] = []
      ) {
        diagnostics.append(.error(id, message, at: at, hint: hint, notes: notes))
        refused.insert(name)
      }
      // A member, vintage or month given for an input that has none.
      func unexpected(_ id: DiagnosticID, _ value: String, _ what: String, _ clause: String) {
        bad(
          id, "'\(name)' \(what): remove '\(value)'",
          hint: "or declare 'input \(name) ... \(clause)' in the contract")
      }
      guard let input = inputs[name] else {
        diagnostics.append(
          .warning(
            .unusedFact, "'\(name)' is not an input of contract '\(contract.id)'; not used",
            at: at,
            hint: Spelling.nearest(name, in: inputs.keys.sorted()).map { "did you mean '\($0)'?" }
              ?? "declare it with 'input \(name) ...' to use it"))
        continue
      }
      if let every = input.interval {
        bad(
          .badInterval,
          "'\(name)' is a price every \(every) minutes: its prices go in \(IntervalPrices.fileName), one row an interval",
          hint: "move this row to \(IntervalPrices.fileName) (input,timestamp,value)")
        continue
      }
      let valueText = sheet.field(row, "value")
      guard let raw = Facts.number(valueText) else {
        // A number too precise or too long to hold exactly is a number: say what is wrong with
        // it, rather than that it is not one.
        if case .invalidNumber(let why)? = Facts.precisionProblem(valueText) {
          bad(
            .badValue, "'\(valueText)' cannot be held exactly: \(why) (fact '\(name)')",
            hint: "round the value to at most \(Exact.maxScale) decimal places")
        } else {
          bad(.badValue, "'\(valueText)' is not a number (fact '\(name)')", hint: "write 62.36")
        }
        continue
      }
      let unitText = sheet.field(row, "unit")
      var factor = input.factor
      if !unitText.isEmpty {
        guard
          let u = Unit.parse(
            unitText, currency: contract.currency.code, declared: contract.units),
          u.unit == input.unit
        else {
          bad(
            .badUnit, "'\(name)' is in \(input.unitText) in the contract, not '\(unitText)'",
            hint: "give the value in \(input.unitText) or a unit that converts to it")
          continue
        }
        factor = u.factor
      }
      guard let value = try? raw * factor else {
        bad(
          .badValue,
          "'\(valueText)' is too large to convert to \(input.unitText) (fact '\(name)')",
          hint: "check the value and its unit")
        continue
      }
      // Certificates sold are whole and never negative: each bad row named here, all at once.
      if contract.certificateSales.values.contains(name),
        value.isNegative || (try? value.rounded(scale: 0, .down)) != value
      {
        bad(
          .badValue,
          "'\(valueText)' certificates of '\(name)': certificates are sold whole, 0 or more",
          hint: "give the number of certificates sold, such as 1200")
        continue
      }
      var key = Facet()
      let member = sheet.field(row, "member")
      if let group = input.per {
        guard !member.isEmpty else {
          bad(.missingMember, "'\(name)' is given per member of '\(group)': the member is empty")
          continue
        }
        if memberSets[group] == nil {
          memberSets[group] = MeterRegistry.members(of: group, in: contract)
        }
        guard memberSets[group]!.contains(member) else {
          bad(.unknownMember, "'\(member)' is not a member of '\(group)' (fact '\(name)')")
          continue
        }
        key.member = member
      } else if !member.isEmpty {
        unexpected(.unexpectedMember, member, "is one total, not per member", "per GROUP")
        continue
      }
      let vintage = sheet.field(row, "vintage")
      if input.byVintage {
        guard let y = Int(vintage), (1990...2200).contains(y) else {
          bad(
            .badVintage,
            vintage.isEmpty
              ? "'\(name)' is given by vintage: the vintage (production year) is empty"
              : "vintage '\(vintage)' is not a year", hint: "write the production year: 2025")
          continue
        }
        key.vintage = y
      } else if !vintage.isEmpty {
        unexpected(.unexpectedVintage, vintage, "has no vintages", "by vintage")
        continue
      }
      let month = sheet.field(row, "month")
      if input.monthly {
        guard let p = Period(month), p.length == .month else {
          bad(.badMonth, "'\(name)' is monthly: '\(month)' is not a month", hint: "write 2026-01")
          continue
        }
        guard p.firstMonth >= period.firstMonth, p.firstMonth <= period.lastMonth else {
          bad(.outsidePeriod, "month \(p) of '\(name)' is outside \(period)")
          continue
        }
        key.month = p.firstMonth
      } else if !month.isEmpty {
        unexpected(.unexpectedMonth, month, "is one value for the period", "monthly")
        continue
      }
      if let first = lines[name]?[key] {
        bad(
          .duplicateFact, "'\(name)' is given twice",
          notes: [.init(message: "first given here", range: sheet.at(first))])
        continue
      }
      lines[name, default: [:]][key] = row.line
      facts.values[name, default: [:]][key] = Value(value: value, row: "\(sheet.path):\(row.line)")
    }
    diagnostics += missing(
      facts, contract: contract, period: period, sheet: sheet, refused: refused)
    return facts
  }

  /// An exact decimal; commas only as thousands separators (`1,200,000.5`), so a decimal comma
  /// (`0,4`) is refused rather than read as 4.
  static func number(_ text: String) -> Exact? {
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
    if groups.count > 1 {
      let first = groups[0].hasPrefix("-") ? groups[0].dropFirst() : groups[0]
      guard (1...3).contains(first.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
        return nil
      }
    }
    return try? Exact(parsing: text.replacingOccurrences(of: ",", with: ""))
  }

  /// Why a value written as a plain decimal (digits, one point, a sign) cannot be parsed: too
  /// many digits; nil for text that is not written as a number at all.
  static func precisionProblem(_ text: String) -> ArithmeticError? {
    let body = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
    guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }),
      body.filter({ $0 == "." }).count <= 1
    else { return nil }
    do throws(ArithmeticError) {
      _ = try Exact(parsing: text.replacingOccurrences(of: ",", with: ""))
      return nil
    } catch {
      return error
    }
  }

  /// Every input must have its values: one per member, per month, at least one vintage.
  static func missing(
    _ facts: Facts, contract: Contract, period: Period, sheet: CSVSheet, refused: Set<String>
  ) -> [Diagnostic] {
    var out: [Diagnostic] = []
    let top = sheet.at(1)
    for input in contract.inputs where !refused.contains(input.id) && input.interval == nil {
      let given = facts.values[input.id] ?? [:]
      struct Key: Hashable {
        var member: String?
        var month: Int?
      }
      let present = Set(given.keys.map { Key(member: $0.member, month: $0.month) })
      let members: [String?] =
        input.per.map { g in
          g == "party"
            ? contract.parties.filter { $0.group == nil }.map(\.id)
            : contract.groups.first { $0.id == g }?.members ?? []
        } ?? [nil]
      let months: [Int?] =
        input.monthly ? Array(period.firstMonth...period.lastMonth).map { $0 } : [nil]
      var absent: [String] = []
      // A member outside the deal for the whole period owes no value.
      let away = contract.absent(in: period)
      for member in members where member.map({ !away.contains($0) }) ?? true {
        for month in months {
          let found = present.contains(Key(member: member, month: month))
          if !found {
            let place = [member, month.map { Period(containing: $0, length: .month).description }]
              .compactMap { $0 }.joined(separator: " ")
            absent.append(place)
          }
        }
      }
      guard !absent.isEmpty else { continue }
      let shown = absent.prefix(5).joined(separator: ", ") + (absent.count > 5 ? ", ..." : "")
      let message =
        absent == [""]
        ? "no value for input '\(input.id)' (\(input.clause.clause))"
        : "no value for input '\(input.id)' for \(absent.count) of \(members.count * months.count): \(shown)"
      var columns = [
        "fact \(input.id)", "value" + (input.unitText == "1" ? "" : " in \(input.unitText)"),
      ]
      if let g = input.per { columns.append("member (each member of '\(g)')") }
      if input.byVintage { columns.append("vintage (the production year)") }
      if input.monthly { columns.append("month (each month of \(period))") }
      out.append(
        .error(
          .missingFact, message, at: top,
          hint: "add to facts.csv a row with " + columns.joined(separator: ", ")))
    }
    return out
  }
}
