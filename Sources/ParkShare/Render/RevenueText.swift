/// `parkshare revenue` as text: each value with its formula, clause, result and the details
/// behind it. Values are exact and unrounded; money is rounded only when it is paid.
public enum RevenueText {
  public static func render(_ r: PeriodRevenue) -> String {
    var out = "\(r.contract) \(r.period): computed values (exact, unrounded; \(r.currency))\n"
    let files = r.data.readingFiles.count
    out +=
      "data: \(r.data.directory) (\(r.data.meters) meters, \(files) readings file\(files == 1 ? "" : "s"), \(r.data.rows.grouped) rows)\n"
    for item in r.items {
      out += "\n\(item.kind.rawValue) \(item.id) = \(item.formula)    [\(item.clause)]\n"
      out += "  = \(value(item))\n"
      for d in item.details {
        let source = d.source.map { "    [\($0)]" } ?? ""
        out += "    \(d.what): \(d.value)\(source)\n"
      }
    }
    let carried = r.closing.gecRemainders.sorted { $0.key < $1.key }
    let fired = r.closing.triggered.sorted { $0.key < $1.key }
    if !carried.isEmpty || !fired.isEmpty {
      out += "\ncarried to the next period:\n"
      for (k, v) in carried { out += "  gec(\(k)): \(v.grouped) kWh toward the next certificate\n" }
      for (k, v) in fired { out += "  trigger \(k): fired in \(v)\n" }
    }
    if !r.data.missingIntervals.isEmpty {
      out += "\nmissing intervals counted as 0 kWh (gaps zero):\n"
      for (m, n) in r.data.missingIntervals.sorted(by: { $0.key < $1.key }) {
        out += "  \(m): \(n)\n"
      }
    }
    return out
  }

  static let shownCells = 12

  static func value(_ item: Computed) -> String {
    let unit = item.unit == "1" ? "" : " \(item.unit)"
    if let v = item.value.scalar {
      let percent = item.kind == .kpi && item.unit == "1" ? " (\(v.percentText))" : ""
      return v.grouped + unit + percent
    }
    // Members, months and vintages are listed; only amounts and quantities add up to a total
    // (a sum of per-member ratios would mean nothing).
    let cells = item.value.sorted
    var shown = cells.prefix(shownCells).map { "\($0.facet.label) \($0.value.grouped)" }
    if cells.count > shownCells { shown.append("... (\(cells.count) in all; see --json)") }
    // Display only: a total too large to add up is left out, and the cells still show.
    let sum = item.unit == "1" ? nil : try? item.total
    let total = sum.map { "\($0.grouped)\(unit) in all: " } ?? ""
    return total + shown.joined(separator: ", ")
  }
}

extension Int {
  /// `8,640,000`
  var grouped: String { Exact(self).grouped }
}
