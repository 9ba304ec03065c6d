import Foundation

/// `parkshare settle --format csv`: one row per statement line, amount and currency in their
/// own columns, plain numbers (a point, no thousands separators), RFC 4180 quoting, CRLF line
/// ends, text that a spreadsheet would run as a formula neutralised; optionally a UTF-8
/// byte-order mark so Excel reads the Chinese names. `table` writes every CSV export.
public enum StatementCSV {
  public static let header = [
    "contract", "period", "type", "number", "amends", "party", "name", "pool", "kind", "clause",
    "basis", "rate", "exact", "amount", "currency",
  ]

  /// Under VAT (a contract with `vat` lines) three columns follow: the tax class, the amount
  /// excluding VAT and the VAT; a line whose pool mixes classes is one row per class (its
  /// `amount` that class's total, its `exact` on the first row only), so the `amount` column
  /// still sums to every net.
  public static let vatHeader = ["vat_rate", "amount_excl_vat", "vat"]

  /// Headers, types and kinds are codes a program reads, the same in every language; the basis
  /// and rate of each line are words, in `w`'s language.
  public static func render(_ s: Settlement, bom: Bool = false, wording w: Wording = .en) -> String
  {
    let taxed = s.pools.contains { $0.sources.contains { $0.vat != nil } }
    let columns = taxed ? header + vatHeader : header
    var rows = [columns]
    // A preview has no numbers; an amendment restates the statements and issues differences.
    let type =
      switch s.issue?.kind {
      case nil: "preview"
      case .initial: "initial"
      case .amendment: "restated"
      }
    for st in s.statements {
      let head = [
        s.contract.id, s.period.description, type, st.number.map(Statement.numberText) ?? "", "",
      ]
      for l in st.lines {
        let row =
          head + [
            st.party, st.name, l.pool, l.kind.rawValue, l.clause.clause, w.basis(of: l),
            w.rate(l.rate),
          ]
        guard taxed else {
          rows.append(row + [l.exact.description, plain(l.amount, s.decimals), s.currency])
          continue
        }
        guard let vat = l.vat, !vat.parts.isEmpty else {
          rows.append(
            row + [l.exact.description, plain(l.amount, s.decimals), s.currency, "", "", ""])
          continue
        }
        for (i, part) in vat.parts.enumerated() {
          rows.append(
            row + [
              i == 0 ? l.exact.description : "", plain(part.total, s.decimals),
              s.currency, part.rate, plain(part.excluded, s.decimals), plain(part.tax, s.decimals),
            ])
        }
      }
      for p in st.payable {
        rows.append(
          head + [
            st.party, st.name, "", "subsidy-payable", p.clause.clause, p.subsidy, "",
            p.amount.negated.description, plain(p.amount.negated, s.decimals), s.currency,
          ]
            + (!taxed
              ? []
              : p.vat.map {
                [
                  $0.rate, plain($0.excluded.negated, s.decimals),
                  plain($0.tax.negated, s.decimals),
                ]
              } ?? ["", "", ""]))
      }
    }
    for d in s.issue?.differences ?? [] {
      for l in d.lines {
        rows.append(
          [
            s.contract.id, s.period.description, "difference", Statement.numberText(d.number),
            d.amends.map(Statement.numberText) ?? "", d.party, d.name, l.pool, l.kind.rawValue,
            l.clause.clause,
            w.labels.differenceBasis(
              plain(l.previous, s.decimals), plain(l.amount, s.decimals), d.reason),
            "", l.difference.description, plain(l.difference, s.decimals), s.currency,
          ] + (taxed ? ["", "", ""] : []))
      }
    }
    // Every row has the header's columns.
    assert(rows.allSatisfy { $0.count == columns.count })
    return (bom ? "\u{FEFF}" : "") + table(rows, numbers: numberColumns(columns))
  }

  /// The columns that hold numbers the engine wrote: statement numbers, exact and paid amounts,
  /// and under VAT the amounts excluding it and the tax.
  static func numberColumns(_ columns: [String]) -> Set<Int> {
    Set(
      ["number", "amends", "exact", "amount", "amount_excl_vat", "vat"].compactMap {
        columns.firstIndex(of: $0)
      })
  }

  /// Every minor-unit digit, no separators: `1234567.50`.
  static func plain(_ v: Exact, _ decimals: Int) -> String {
    Money.text(v, decimals: decimals).replacingOccurrences(of: ",", with: "")
  }

  /// Rows as CSV, CRLF line ends. Cells of the columns in `numbers` are written as they are
  /// when they are plain numbers (`-12.34` stays a number a spreadsheet can add); every other
  /// cell goes through `field`.
  public static func table(_ rows: [[String]], numbers: Set<Int>) -> String {
    rows.map { row in
      row.enumerated().map { i, cell in
        numbers.contains(i) && isPlainNumber(cell) ? cell : field(cell)
      }.joined(separator: ",")
    }.joined(separator: "\r\n") + "\r\n"
  }

  /// A text cell. Names come from registries and reasons from the command line: a cell a
  /// spreadsheet would run as a formula (`=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`) is
  /// neutralised as OWASP advises for CSV injection: a single quote before it, and the cell
  /// quoted. RFC 4180 quoting otherwise.
  public static func field(_ text: String) -> String {
    if let first = text.unicodeScalars.first, formulaStarts.contains(first) {
      return "\"'" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// What a spreadsheet takes as the start of a formula: OWASP's `=`, `+`, `-`, `@`, tab and
  /// carriage return, and their full-width forms (`＝`, `＋`, `－`, `＠`), which a Chinese
  /// input method types and some spreadsheets read the same way.
  static let formulaStarts: Set<Unicode.Scalar> = [
    "=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
  ]

  /// `12`, `-1234567.50`: digits, one optional leading minus, one optional point; the empty
  /// cell too.
  static func isPlainNumber(_ text: String) -> Bool {
    if text.isEmpty { return true }
    let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count <= 2
      && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
  }
}
