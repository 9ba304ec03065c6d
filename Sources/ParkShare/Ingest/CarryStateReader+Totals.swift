extension CarryStateReader {
  /// `totals`: the running totals the contract keeps (`to-date(X)`, `received(P, ...)` over a
  /// window), each `{"term", "year", "yearToDate", "recent"}` as `--closing` writes it.
  mutating func totals(_ v: PlacedJSON) -> [String: RunningTotal] {
    var out: [String: RunningTotal] = [:]
    for m in members(v, "'totals'", known: nil) ?? [] {
      guard
        contract.runningTotals[m.key] != nil || contract.receivedTotals[m.key] != nil
          || contract.annualFloorTotals[m.key] != nil
      else {
        fail(
          "'totals' names '\(m.key)', which '\(contract.id)' does not keep a running total of",
          at: m.keyRange)
        continue
      }
      let what = "'totals' \"\(m.key)\""
      guard
        let fields = members(m.value, what, known: ["recent", "term", "year", "yearToDate"])
      else { continue }
      var total = RunningTotal()
      for f in fields {
        switch f.key {
        case "term": total.term = amount(f.value, "\(what) term") ?? .zero
        case "yearToDate": total.yearToDate = amount(f.value, "\(what) yearToDate") ?? .zero
        case "year":
          guard case .number(let s) = f.value.value, let y = Int(s), (1900...2200).contains(y)
          else {
            fail("\(what) year must be a year such as 2026", at: f.value.range)
            continue
          }
          total.year = y
        default:
          guard case .array(let items) = f.value.value else {
            fail("\(what) recent must be a list of amounts", at: f.value.range)
            continue
          }
          total.recent = items.compactMap { amount($0, "\(what) recent") }
        }
      }
      if let problem = problem(m.key, total) {
        fail("\(what) \(problem)", at: m.value.range)
        continue
      }
      out[m.key] = total
    }
    return out
  }

  /// What no closing state could hold: a year other than the one the state closes, more
  /// earlier periods than the windows keep, a meter's kWh below zero or a year above the term.
  func problem(_ key: String, _ t: RunningTotal) -> String? {
    // Every period adds to the running totals `to-date` reads, so their year is the state's.
    if let p = statePeriod, contract.runningTotals[key] != nil, t.year != p.year {
      return "is for \(t.year), but the state closes \(p): its year total is of \(p.year)"
    }
    let history = contract.runningTotals[key]?.history ?? contract.receivedTotals[key]?.history ?? 0
    if t.recent.count > history {
      return "keeps \(t.recent.count) earlier periods; the contract's windows need \(history)"
    }
    if case .meter = contract.runningTotals[key]?.subject {
      if ([t.term, t.yearToDate] + t.recent).contains(where: \.isNegative) {
        return "holds a meter's kWh below zero"
      }
      if t.term < t.yearToDate {
        return
          "holds more this year (\(t.yearToDate.grouped)) than over the term (\(t.term.grouped))"
      }
    }
    return nil
  }

  /// One amount, written as a string or a number.
  mutating func amount(_ v: PlacedJSON, _ what: String) -> Exact? {
    let text: String
    switch v.value {
    case .string(let s), .number(let s): text = s
    default:
      fail("\(what) must be an amount, not \(v.kind)", at: v.range)
      return nil
    }
    do {
      return try Exact(parsing: text)
    } catch {
      fail("\(what) is '\(text)', not an amount", at: v.range)
      return nil
    }
  }
}
