extension CarryStateReader {
  /// `totals`: the running totals the contract keeps (`to-date(X)`, `received(P, ...)` over a
  /// window), each `{"term", "year", "yearToDate", "recent"}` as `--closing` writes it.
  mutating func totals(_ v: PlacedJSON) -> [String: RunningTotal] {
    var out: [String: RunningTotal] = [:]
    for m in members(v, "'totals'", known: nil) ?? [] {
      guard contract.runningTotals[m.key] != nil || contract.receivedTotals[m.key] != nil else {
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
      out[m.key] = total
    }
    return out
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
