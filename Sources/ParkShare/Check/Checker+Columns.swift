extension Checker {
  /// Whether a bare `split ... by NAME` weighs by a registry column: when `NAME` is declared
  /// nowhere in the contract and a party the split names comes from a registry. A name the
  /// contract declares wins (a contract that checked before a registry grew a column of the same
  /// name means what it meant); `by column NAME` picks the column explicitly.
  mutating func isBareColumn(_ parties: [Name], _ metric: Name) -> Bool {
    guard !registries.isEmpty else { return false }  // no registry: nothing to look up
    let registries = registryTables(of: parties)
    if symbols[metric.text] != nil || file.brokenNames.contains(metric.text) {
      if let t = registries.first(where: { $0.table.header.contains(metric.text) }) {
        warning(
          .ambiguousColumn,
          "'\(metric.text)' is declared in the contract and is also a column of registry '\(t.table.path)': this split weighs by the contract's '\(metric.text)'",
          at: metric.range,
          hint:
            "write 'by column \(metric.text)' to weigh by the registry's column, or rename one of them"
        )
      }
      return false
    }
    return !registries.isEmpty
  }

  /// The registries of the groups a split names, and of the registry members it names, once
  /// each, in the order named.
  func registryTables(of parties: [Name]) -> [(group: String, table: RegistryTable)] {
    // Looked up once: a split may name thousands of parties.
    let groupOf = registryGroups
    var out: [(group: String, table: RegistryTable)] = []
    var seen: Set<String> = []
    for p in parties {
      let group = registries[p.text] != nil ? p.text : groupOf[p.text]
      guard let group, let t = registries[group], seen.insert(group).inserted else { continue }
      out.append((group, t))
    }
    return out
  }

  /// Each registry member's group, by member id.
  var registryGroups: [String: String] {
    Dictionary(
      contract.parties.compactMap { p in p.group.map { (p.id, $0) } },
      uniquingKeysWith: { a, _ in a })
  }

  /// `split GROUP by COLUMN` (or `by column COLUMN`): pro rata by a numeric column of the
  /// registries of the groups and registry members named. Every member's value is checked
  /// (an exact decimal, 0 or more; errors at the CSV line) and carried in the contract
  /// (`Party.columns`), so allocation reads no file.
  mutating func checkColumnSplit(
    _ parties: [Name], column: Name, explicit: Bool, step: Step
  ) -> Allocation? {
    guard !parties.isEmpty else {
      error(
        .syntax, "name who shares: 'split GROUP by column \(column.text)'", at: column.range)
      return nil
    }
    var ok = true
    for p in parties where resolve(p, as: [.party, .group], what: "party or group") == nil {
      ok = false
    }
    guard ok, checkNamedOnce(parties) else { return nil }
    // Declared parties have no registry row: they cannot be weighed by a column.
    let groupOf = registryGroups
    for p in parties where symbols[p.text]?.kind == .party {
      guard groupOf[p.text] == nil else { continue }
      error(
        .unknownColumn,
        "party '\(p.text)' is declared in the contract, not read from a registry: it has no '\(column.text)'",
        at: p.range,
        hint:
          "a split by a registry column names registry groups or their members; 'by stake' mixes declared parties and registries by capital"
      )
      ok = false
    }
    let tables = registryTables(of: parties)
    // A group whose registry could not be read was reported where it is declared.
    let unread = parties.contains { p in
      symbols[p.text]?.kind == .group && registries[p.text] == nil
    }
    guard ok, !unread else { return nil }
    var values: [String: Exact] = [:]
    for (group, table) in tables {
      guard let i = table.header.firstIndex(of: column.text), !["id", "name"].contains(column.text)
      else {
        missingColumn(column, group: group, table: table, explicit: explicit)
        ok = false
        continue
      }
      var bad = 0
      for row in table.rows {
        if let v = RegistryTable.weight(row.fields[i]) {
          values[row.member] = v
          continue
        }
        bad += 1
        guard bad <= 50 else { continue }
        let field = row.fields[i].trimmingCharacters(in: .whitespaces)
        error(
          .badRegistry,
          field.isEmpty
            ? "'\(row.member)' has no \(column.text): its '\(column.text)' field is empty"
            : "\(column.text) '\(field)' of '\(row.member)' is not a number 0 or more",
          at: row.range,
          hint:
            "a split by '\(column.text)' weighs every member by it: write plain digits, e.g. 1000000 or 2500.5",
          notes: [.init(message: "split by '\(column.text)' here", range: column.range)])
      }
      if bad > 50 {
        error(
          .badRegistry, "\(bad - 50) more rows of '\(table.path)' without a '\(column.text)'",
          at: column.range)
      }
      if bad > 0 { ok = false }
    }
    guard ok else { return nil }
    let membersOf = Dictionary(
      contract.groups.map { ($0.id, $0.members) }, uniquingKeysWith: { a, _ in a })
    let members = parties.flatMap { p in membersOf[p.text] ?? [p.text] }
    // Known now, like capital: weights that are all zero would divide nothing, every period.
    if members.allSatisfy({ values[$0]?.isZero ?? true }) {
      let one = parties.count == 1 && symbols[parties[0].text]?.kind == .group
      error(
        .zeroStakes,
        "every weight in this split is 0: \(one ? "every member of '\(parties[0].text)' has" : "the parties have") \(column.text) 0, so the split would divide nothing",
        at: step.range,
        hint:
          "fill the registry's '\(column.text)' column with each member's \(column.text), or split by another column or metric"
      )
      return nil
    }
    let index = Dictionary(
      contract.parties.indices.map { (contract.parties[$0].id, $0) },
      uniquingKeysWith: { a, _ in a })
    for m in members {
      guard let i = index[m], let v = values[m] else { continue }
      contract.parties[i].columns = (contract.parties[i].columns ?? [:]).merging(
        [column.text: v], uniquingKeysWith: { _, new in new })
    }
    return .metric(parties: parties.map(\.text), metric: .column(column.text))
  }

  /// The kinds of names a split can weigh by.
  static let valueKinds: [Symbol.Kind] = [.input, .meter, .let, .kpi, .revenue, .subsidy, .points]

  /// A split names a column its registry lacks: at the name, with the columns it could name.
  mutating func missingColumn(
    _ column: Name, group: String, table: RegistryTable, explicit: Bool
  ) {
    let numeric = table.numericColumns
    var hint =
      numeric.isEmpty
      ? "'\(table.path)' has no numeric column: add one (e.g. 'units') with a number for every member"
      : "the numeric columns of '\(table.path)' are: \(numeric.joined(separator: ", "))"
    // A bare name may be a misspelt value per member as well as a misspelt column.
    let values: [String] =
      explicit
      ? []
      : symbols.filter { $0.value.per == group && Self.valueKinds.contains($0.value.kind) }.keys
        .sorted()
    if let near = Spelling.nearest(column.text, in: numeric + values) {
      hint = "did you mean '\(near)'? " + hint
    }
    error(
      .unknownColumn,
      explicit
        ? "registry '\(table.path)' of '\(group)' has no column '\(column.text)'"
        : "'\(column.text)' is neither declared in the contract nor a column of registry '\(table.path)' of '\(group)'",
      at: column.range, hint: hint)
  }
}
