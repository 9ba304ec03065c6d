import Foundation

extension ReadingsReader {
  /// Readings in a workbook (`readings*.xlsx`, or any `.xlsx` in `readings/`): the profile's
  /// sheet (the first without one), read row by row as the profile's layout says, on one thread.
  /// Each row is laid out as a line of its cells (by column) and read by the same scanner as a
  /// CSV line, so every check is the same; a problem is named by its sheet row and cell column.
  /// Without a profile, a workbook holds the plain long layout (`meter,timestamp,kwh`).
  static func readWorkbook(
    _ path: String, file: Int, profile given: ImportProfile?, layout: ReadingsLayout,
    ids: [String], replacements: [Int: [MeterReplacement]], _ diagnostics: inout [Diagnostic]
  ) -> ReadingsTally {
    var tally = ReadingsTally(layout)
    var profile = given ?? ImportProfile()
    let top = SourceRange(
      file: path, start: .init(line: 1, column: 1), end: .init(line: 1, column: 2))
    func refuse(_ e: XlsxError) {
      diagnostics.append(
        .error(
          .badWorkbook, "\(e)", at: top,
          hint: "save the sheet again from Excel or WPS (with its values), or export it as CSV"))
      tally.problems += 1
    }
    let rows: XlsxRows
    let book: XlsxWorkbook
    do throws(XlsxError) {
      book = try XlsxWorkbook(path: path)
      rows = try book.rows(sheet: profile.sheet)
    } catch {
      refuse(error)
      return tally
    }
    // Cells are joined with the unit separator, which no cell text may hold; numbers are the
    // cells' own digits, with a point.
    profile.delimiter = 0x1F
    profile.decimal = 46
    profile.encoding = .utf8
    var columns: ProfileColumns? = nil
    var scanner = ReadingsScanner(
      layout: layout, meterIds: ids, file: file, order: (0, 0, 0), reporting: true, tally: tally)
    // One row scanner for the whole sheet, made at its header: it keeps the register reads, the
    // last timestamp and the header's checks from row to row.
    var rowScanner: ProfiledScanner? = nil
    do throws(XlsxError) {
      while let row = try rows.next() {
        guard row.number > profile.skip else { continue }
        // The column that holds a date or time, where a number is a date serial.
        let timeColumns = columns.map { profile.layout == .dayRows ? [$0.date] : [$0.time] } ?? []
        let cells = Self.texts(
          row, timeColumns: timeColumns, dateOnly: profile.layout == .dayRows, book)
        guard columns != nil, var p = rowScanner else {
          switch ProfileColumns.resolve(profile, header: cells) {
          case .failure(let problem):
            var d = Diagnostic.error(
              .badHeader, problem.message,
              at: SourceRange(
                file: path, start: .init(line: row.number, column: 1),
                end: .init(line: row.number, column: 2)),
              hint: problem.hint)
            d.quote = cells.joined(separator: " | ")
            diagnostics.append(d)
            return scanner.tally
          case .success(let c):
            columns = c
            rowScanner = ProfiledScanner(
              profile: profile, columns: c, carry: .init(meters: layout.meterCount),
              replacements: replacements)
          }
          continue
        }
        var line = Array(cells.joined(separator: "\u{1F}").utf8)
        if line.isEmpty { continue }
        rowScanner = nil  // held by `p` alone while it reads, so its state is not copied
        let before = scanner.problems.count
        line.withUnsafeMutableBufferPointer { b in
          p.row(
            UnsafePointer(b.baseAddress!), UnsafePointer(b.baseAddress! + b.count),
            line: row.number, &scanner)
        }
        rowScanner = p
        // Name each new problem by its cell: the line's fields are the row's columns.
        for i in before..<scanner.problems.count {
          let offset = scanner.problems[i].columns.lowerBound - 1
          let column = line.prefix(offset).filter { $0 == 0x1F }.count
          scanner.problems[i].columns = column + 1..<column + 2
          scanner.problems[i].message += " (cell \(XlsxCell.letters(column))\(row.number))"
          scanner.problems[i].text = ""
        }
      }
    } catch {
      refuse(error)
    }
    for p in scanner.problems {
      diagnostics.append(
        .error(
          p.id, p.message,
          at: SourceRange(
            file: path, start: .init(line: p.line, column: p.columns.lowerBound),
            end: .init(line: p.line, column: p.columns.upperBound)), hint: p.hint))
    }
    return scanner.tally
  }

  /// A row's cells as text by column (empty between them): numbers as plain decimals, a date
  /// serial in a time column as `YYYY-MM-DD HH:MM:SS`, in a day row's date column as
  /// `YYYY-MM-DD`.
  static func texts(
    _ row: XlsxRow, timeColumns: [Int], dateOnly: Bool, _ book: XlsxWorkbook
  ) -> [String] {
    var out: [String] = []
    for cell in row.cells {
      while out.count < cell.column { out.append("") }
      switch cell.value {
      case .text(let t): out.append(t.replacingOccurrences(of: "\u{1F}", with: " "))
      case .number(let n):
        if timeColumns.contains(cell.column),
          let d = try? XlsxDateTime(serial: n, date1904: book.date1904)
        {
          // A day row's date is a day: a serial with a time of day is left as written.
          out.append(
            dateOnly ? (d.secondOfDay == 0 ? String(d.description.prefix(10)) : n) : d.description)
        } else {
          out.append(plain(n))
        }
      case .bool(let b): out.append(b ? "TRUE" : "FALSE")
      case .error(let e): out.append(e)
      case .date(let d): out.append(d)
      }
    }
    return out
  }

  /// A number as Excel writes it in `<v>` (`1.5E-3`, `2E+3`) as a plain decimal (`0.0015`,
  /// `2000`), exactly; anything else unchanged.
  static func plain(_ n: String) -> String {
    guard let e = n.firstIndex(where: { $0 == "E" || $0 == "e" }),
      let exp = Int(n[n.index(after: e)...].replacingOccurrences(of: "+", with: ""))
    else { return n }
    var mantissa = String(n[..<e])
    let negative = mantissa.hasPrefix("-")
    if negative { mantissa.removeFirst() }
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
    var point = parts[0].count + exp
    if point <= 0 {
      digits = String(repeating: "0", count: 1 - point) + digits
      point = 1
    }
    if point >= digits.count { digits += String(repeating: "0", count: point - digits.count) }
    var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
    while text.hasSuffix("0") && text.contains(".") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    while text.hasPrefix("0") && text.count > 1 && !text.hasPrefix("0.") { text.removeFirst() }
    return (negative ? "-" : "") + text
  }
}
