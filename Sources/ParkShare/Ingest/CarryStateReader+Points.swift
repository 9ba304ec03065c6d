/// The `points` of a state file: each carried scheme's members and their lots, as `--closing`
/// writes them (`{"gp": {"A": [{"period": "2026Q1", "points": "100"}]}}`).
extension CarryStateReader {
  /// The keys a state file of `contract` may hold: `points` only when its points carry over, so
  /// the messages about other contracts' state files read as before.
  var knownKeys: [String] {
    var keys = Self.keys
    if contract.points.contains(where: { $0.carry != nil }) { keys.append("points") }
    if !contract.certificateSales.isEmpty { keys.append("certificates") }
    return keys.sorted()
  }

  mutating func points(_ v: PlacedJSON) -> [String: [String: [PointsLot]]] {
    let schemes = contract.points.filter { $0.carry != nil }
    var out: [String: [String: [PointsLot]]] = [:]
    for s in members(v, "'points'", known: schemes.map(\.id)) ?? [] {
      let group = contract.groups.first { $0.id == schemes.first { $0.id == s.key }?.group }
      var balances: [String: [PointsLot]] = [:]
      for m in members(s.value, "'points' \"\(s.key)\"", known: group?.members ?? []) ?? [] {
        guard case .array(let items) = m.value.value else {
          fail(
            "the lots of \"\(m.key)\" must be a list [ ... ], not \(m.value.kind)",
            at: m.value.range)
          continue
        }
        var lots: [PointsLot] = []
        for item in items {
          guard let lot = lot(item) else { continue }
          // Lots are earned in periods of the term up to the one the state closes, one lot a
          // period, oldest first: anything else was not written by --closing.
          if lot.period < contract.term.from || (statePeriod.map { $0 < lot.period } ?? false) {
            fail(
              "a lot of \"\(m.key)\" earned in \(lot.period) cannot be carried into the period after \(statePeriod.map(\.description) ?? "the start of the term")",
              at: item.range)
            continue
          }
          if let last = lots.last, !(last.period < lot.period) {
            fail(
              "the lots of \"\(m.key)\" must be one per period, oldest first: \(lot.period) comes after \(last.period)",
              at: item.range)
            continue
          }
          lots.append(lot)
        }
        if !lots.isEmpty { balances[m.key] = lots }
      }
      if !balances.isEmpty { out[s.key] = balances }
    }
    return out
  }

  /// One lot: the period it was earned in and its points, above 0.
  mutating func lot(_ v: PlacedJSON) -> PointsLot? {
    let what = "a lot of points"
    var period: Period? = nil
    var points: Exact? = nil
    for m in members(v, what, known: ["period", "points"]) ?? [] {
      switch (m.key, m.value.value) {
      case ("period", .string(let s)):
        period = Period(s)
        if period == nil {
          fail("'\(s)' is not a period, such as \"2026Q1\"", at: m.value.range)
        }
      case ("points", .string(let s)), ("points", .number(let s)):
        guard let p = try? Exact(parsing: s), p > .zero else {
          fail("a lot holds points above 0, not '\(s)'", at: m.value.range)
          continue
        }
        points = p
      default:
        fail("'\(m.key)' of \(what) cannot be \(m.value.kind)", at: m.value.range)
      }
    }
    guard let period, let points else {
      if problems.isEmpty { fail("\(what) needs its 'period' and its 'points'", at: v.range) }
      return nil
    }
    return PointsLot(period: period, points: points)
  }
}
