/// `parkshare revenue` as text: each value with its formula, clause, result and the details
/// behind it. Values are exact and unrounded; money is rounded only when it is paid.
public enum RevenueText {
  public static func render(_ r: PeriodRevenue, wording w: Wording = .en) -> String {
    let t = w.labels.revenue
    var out =
      t.title(r.contract, "\(r.period)", r.currency) + "\n"
      + StatementText.variant(r.parameters, w.labels)
    out +=
      t.data(r.data.directory, "\(r.data.meters)", r.data.readingFiles.count, r.data.rows.grouped)
      + "\n"
    for item in r.items {
      out += "\n\(t.kind(item.kind)) \(item.id) = \(item.formula)    [\(item.clause.clause)]\n"
      out += "  = \(value(item, w))\n"
      for d in item.details.abbreviatingMeters() {
        let (what, value, source) = w.detail(d, listing: "--json")
        out += "    \(what): \(value)\(source.map { "    [\($0)]" } ?? "")\n"
      }
    }
    let carried = r.closing.gecRemainders.sorted { $0.key < $1.key }
    let fired = r.closing.triggered.sorted { $0.key < $1.key }
    let held = r.closing.certificates.sorted { $0.key < $1.key }
    if !carried.isEmpty || !fired.isEmpty || !held.isEmpty {
      out += "\n\(t.carried)\n"
      for (k, v) in carried { out += "  \(t.gecCarried(k, v.grouped))\n" }
      for (k, lots) in held {
        let total = (try? lots.total()) ?? .zero
        let parts = lots.map {
          t.heldLot($0.certificates.grouped, "\($0.month)", "\($0.lastMonth)")
        }
        out += "  \(t.certificatesHeld(k, total.grouped, parts))\n"
      }
      for (k, v) in fired { out += "  \(t.triggered(k, "\(v)"))\n" }
    }
    out += estimated(r.data, w)
    if !r.data.missingIntervals.isEmpty {
      out += "\n\(t.missing)\n"
      for (m, n) in r.data.missingIntervals.sorted(by: { $0.key < $1.key }) {
        out += "  \(m): \(n)\n"
      }
    }
    return out
  }

  /// The intervals the contract's `estimate` rule filled, per meter: on `revenue`, `explain` and
  /// the statement, so an estimate is never silent. Empty when there were none.
  static func estimated(_ data: DataSummary, _ w: Wording) -> String {
    func section(_ heading: String, _ counts: [String: Int]?) -> String {
      guard let counts, !counts.isEmpty else { return "" }
      return "\n\(heading)\n"
        + counts.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)\n" }.joined()
    }
    let t = w.labels.revenue
    return section(t.flagged, data.flaggedIntervals)
      + section(data.estimatedBy.map(t.estimatedBy) ?? t.estimated, data.estimatedIntervals)
  }

  static let shownCells = 12

  static func value(_ item: Computed, _ w: Wording = .en) -> String {
    let t = w.labels.revenue
    let unit = item.unit == "1" ? "" : " \(item.kind == .points ? t.point : item.unit)"
    if let v = item.value.scalar {
      let percent = item.kind == .kpi && item.unit == "1" ? " (\(v.percentText))" : ""
      return v.grouped + unit + percent
    }
    // Members, months and vintages are listed; only amounts and quantities add up to a total
    // (a sum of per-member ratios would mean nothing).
    let cells = item.value.sorted
    // No cell at all (no certificate sold of any vintage): the total alone.
    if cells.isEmpty { return "0" + unit }
    var shown = cells.prefix(shownCells).map { "\(w.facet($0.facet)) \($0.value.grouped)" }
    if cells.count > shownCells { shown.append(t.more("\(cells.count)")) }
    // Display only: a total too large to add up is left out, and the cells still show.
    let sum = item.unit == "1" ? nil : try? item.total
    let total = sum.map { t.inAll("\($0.grouped)\(unit)") } ?? ""
    return total + shown.joined(separator: ", ")
  }
}

extension Int {
  /// `8,640,000`
  var grouped: String { Exact(self).grouped }
}
