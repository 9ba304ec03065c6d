import Foundation

/// `parkshare settle --format csv`: one row per statement line, amount and currency in their
/// own columns, plain numbers (a point, no thousands separators), RFC 4180 quoting, CRLF line
/// ends; optionally a UTF-8 byte-order mark so Excel reads the Chinese names.
public enum StatementCSV {
  public static let header = [
    "contract", "period", "type", "number", "amends", "party", "name", "pool", "kind", "clause",
    "basis", "rate", "exact", "amount", "currency",
  ]

  public static func render(_ s: Settlement, bom: Bool = false) -> String {
    var rows = [header]
    // A preview has no numbers; an amendment restates the statements and issues differences.
    let type =
      switch s.issue?.kind {
      case nil: "preview"
      case .initial: "initial"
      case .amendment: "restated"
      }
    for st in s.statements {
      let head = [s.contract.id, s.period.description, type, st.number.map(String.init) ?? "", ""]
      for l in st.lines {
        rows.append(
          head + [
            st.party, st.name, l.pool, l.kind.rawValue, l.clause, l.basis, l.rate,
            l.exact.description, plain(l.amount, s.decimals), s.currency,
          ])
      }
      for p in st.payable {
        rows.append(
          head + [
            st.party, st.name, "", "subsidy-payable", p.clause, p.subsidy, "",
            p.amount.negated.description, plain(p.amount.negated, s.decimals), s.currency,
          ])
      }
    }
    for d in s.issue?.differences ?? [] {
      for l in d.lines {
        rows.append([
          s.contract.id, s.period.description, "difference", String(d.number),
          d.amends.map(String.init) ?? "", d.party, d.name, l.pool, l.kind.rawValue, l.clause,
          "previous \(plain(l.previous, s.decimals)), now \(plain(l.amount, s.decimals)); \(d.reason)",
          "", l.difference.description, plain(l.difference, s.decimals), s.currency,
        ])
      }
    }
    // Every row has the header's columns.
    assert(rows.allSatisfy { $0.count == header.count })
    return (bom ? "\u{FEFF}" : "")
      + rows.map { $0.map(field).joined(separator: ",") }
      .joined(separator: "\r\n") + "\r\n"
  }

  /// Every minor-unit digit, no separators: `1234567.50`.
  static func plain(_ v: Exact, _ decimals: Int) -> String {
    Money.text(v, decimals: decimals).replacingOccurrences(of: ",", with: "")
  }

  public static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
