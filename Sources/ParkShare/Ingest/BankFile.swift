/// A bank file for `parkshare pay --bank FILE.csv`: one payment a row, columns found by header
/// name in any order (docs/finance.md): `party`, `amount`, `date`, `reference`, and optionally
/// `kind` and `note`. UTF-8 with or without a BOM, or GB18030 (GBK) when named, as a bank's
/// export saved by Excel on a Chinese Windows PC is; CRLF or LF line ends.
public enum BankFile {
  public static let required = ["party", "amount", "date", "reference"]
  public static let optional = ["kind", "note"]

  /// The rows as payment lines, each reported at its row; a file that cannot be read as such
  /// gives its problems and no lines.
  public static func read(_ path: String, encoding: TextEncoding = .utf8) -> (
    lines: [PaymentLine], diagnostics: [Diagnostic], sources: [SourceFile]
  ) {
    var diagnostics: [Diagnostic] = []
    var sources: [SourceFile] = []
    guard
      let sheet = CSVSheet.load(
        path, required: required, optional: optional, diagnostics: &diagnostics,
        sources: &sources, encoding: encoding)
    else {
      // Chinese banks' exports are often GBK: say how to read one as it is.
      for i in diagnostics.indices where diagnostics[i].id == .notUTF8 {
        diagnostics[i].hint =
          "a bank export saved by Excel or WPS on a Chinese PC is GB18030 (GBK): give --encoding gb18030, or save it as CSV UTF-8"
      }
      return ([], diagnostics, sources)
    }
    if sheet.rows.isEmpty && sheet.refusedRows.isEmpty {
      diagnostics.append(
        .error(
          .badPayment, "the bank file holds no payment", at: sheet.at(1),
          hint: "one payment a row under the header"))
    }
    let lines = sheet.rows.map { row in
      let at = sheet.at(row.line)
      // The fields as written: PaymentLine trims them, as it trims the command line's.
      func raw(_ name: String) -> String {
        guard let i = sheet.columns[name], i < row.fields.count else { return "" }
        return row.fields[i]
      }
      return PaymentLine(
        party: raw("party"), amount: raw("amount"), date: raw("date"),
        reference: raw("reference"), kind: raw("kind"), note: raw("note"), at: { _ in at })
    }
    return (lines, diagnostics, sources)
  }
}
