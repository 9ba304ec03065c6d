import Foundation

/// A small CSV file of a data bundle (meter registry, facts), read whole and checked against the
/// columns its format names: columns are found by header name, in any order.
struct CSVSheet {
  let path: String
  let source: SourceFile
  let columns: [String: Int]
  /// Rows with as many fields as the header, and the others (reported).
  let rows: [CSVTable.Row]
  let refusedRows: [CSVTable.Row]

  /// Loads `path`; reports (into `diagnostics`) a missing file, broken quoting, a header that
  /// lacks a `required` column or names one that is neither required nor `optional`, and rows
  /// with the wrong number of fields. Nil when the file cannot be used at all.
  static func load(
    _ path: String, required: [String], optional: [String], diagnostics: inout [Diagnostic],
    sources: inout [SourceFile], encoding: TextEncoding = .utf8
  ) -> CSVSheet? {
    let top = SourceRange.whole(path)
    let text: String
    let read = Limits.read(
      path, maxBytes: Limits.tableBytes, unreadableID: .missingFile,
      unreadableHint: "a data bundle holds \(DataBundle.requiredFiles); see docs/data-format.md",
      at: top, encoding: encoding)
    switch read {
    case .success(let t): text = t
    case .failure(let d):
      diagnostics.append(d)
      return nil
    }
    let source = SourceFile(path: path, text: text)
    sources.append(source)
    func at(_ line: Int) -> SourceRange { CSVSheet.wholeLine(line, of: source) }
    let table: CSVTable
    switch CSVTable.parse(text) {
    case .failure(let e):
      diagnostics.append(.error(.badCSV, "not valid CSV: \(e.message)", at: at(e.line)))
      return nil
    case .success(let t): table = t
    }
    let header = table.header.map { $0.trimmingCharacters(in: .whitespaces) }
    var columns: [String: Int] = [:]
    var ok = true
    let form = (required + optional.map { "[\($0)]" }).joined(separator: ",")
    for (i, name) in header.enumerated() {
      if !(required + optional).contains(name) || columns[name] != nil {
        diagnostics.append(
          .error(
            .badHeader,
            columns[name] != nil ? "column '\(name)' is named twice" : "unknown column '\(name)'",
            at: at(1), hint: "the columns are \(form), in any order"))
        ok = false
      }
      columns[name] = columns[name] ?? i
    }
    for name in required where columns[name] == nil {
      diagnostics.append(
        .error(
          .badHeader, "the header has no '\(name)' column", at: at(1),
          hint: "the columns are \(form), in any order"))
      ok = false
    }
    guard ok else { return nil }
    var rows: [CSVTable.Row] = []
    var refused: [CSVTable.Row] = []
    for row in table.rows {
      if row.fields.count == header.count {
        rows.append(row)
      } else {
        refused.append(row)
        diagnostics.append(
          .error(
            .badRow, "row has \(row.fields.count) fields, the header has \(header.count)",
            at: at(row.line), hint: "quote fields that contain commas"))
      }
    }
    return CSVSheet(
      path: path, source: source, columns: columns, rows: rows, refusedRows: refused)
  }

  /// The field of `row` in column `name`, trimmed; empty when the file (or the row) has no
  /// such column.
  func field(_ row: CSVTable.Row, _ name: String) -> String {
    guard let i = columns[name], i < row.fields.count else { return "" }
    return row.fields[i].trimmingCharacters(in: .whitespaces)
  }

  /// The whole of line `line`, for a diagnostic about a row.
  func at(_ line: Int) -> SourceRange { CSVSheet.wholeLine(line, of: source) }

  static func wholeLine(_ line: Int, of source: SourceFile) -> SourceRange {
    SourceRange(
      file: source.path, start: .init(line: line, column: 1),
      end: .init(line: line, column: (source.line(line)?.count ?? 0) + 1))
  }
}
