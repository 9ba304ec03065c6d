import Foundation

extension ReadingsReader {
  /// Readings in a workbook (`readings*.xlsx`, or any `.xlsx` in `readings/`): the profile's
  /// sheet (the first without one), read row by row as the profile's layout says, in row order:
  /// the sheet inflates on one thread, its rows become lines on a second (`SheetLines`) and the
  /// lines are read on the caller's. Each row is laid out as a line of its cells (by column) and
  /// read by the same scanner as a CSV line, so every check is the same; a problem is named by
  /// its sheet row and cell column. Without a profile, a workbook holds the plain long layout
  /// (`meter,timestamp,kwh`). `keepValues` keeps every interval's value (`data check`); `watch`
  /// asks for the value of those intervals (`meter << 32 | slot`) and the sheet row each was
  /// first read in, as `sequentialPass` does for CSV files.
  static func readWorkbook(
    _ path: String, file: Int, profile given: ImportProfile?, layout: ReadingsLayout,
    ids: [String], replacements: [Int: [MeterReplacement]], watch: Set<Int> = [],
    keepValues: Bool = false, after earlier: ReadingsTally? = nil,
    _ diagnostics: inout [Diagnostic]
  ) -> WorkbookRead {
    // Read on from what the files before it read (`earlier`), an interval read there and here
    // is a duplicate named at this sheet's row.
    var tally = earlier ?? ReadingsTally(layout, keepValues: keepValues)
    var profile = given ?? ImportProfile()
    let top = SourceRange(
      file: path, start: .init(line: 1, column: 1), end: .init(line: 1, column: 2))
    func refuse(_ e: XlsxError) {
      // `~$name.xlsx` is the lock file Excel and WPS keep beside a workbook while it is open.
      let lock = (path as NSString).lastPathComponent.hasPrefix("~$")
      // A problem in sheet data is placed at its row and cell, as a value's problem is.
      let at = e.place.map { p in
        let column = (p.column ?? 0) + 1
        return SourceRange(
          file: path, start: .init(line: p.row, column: column),
          end: .init(line: p.row, column: column + 1))
      }
      diagnostics.append(
        .error(
          .badWorkbook, "\(e)", at: at ?? top,
          hint: lock
            ? "this is the lock file Excel or WPS writes while a workbook is open: close the workbook (the file goes) or delete it"
            : "save the sheet again from Excel or WPS (with its values), or export it as CSV"))
      tally.problems += 1
    }
    let rows: XlsxRows
    let book: XlsxWorkbook
    do throws(XlsxError) {
      book = try XlsxWorkbook(path: path)
      rows = try book.rows(sheet: profile.sheet)
    } catch {
      refuse(error)
      return WorkbookRead(tally: tally)
    }
    // Cells are joined with the unit separator, which no cell text may hold; numbers are the
    // cells' own digits, with a point.
    profile.delimiter = 0x1F
    profile.decimal = 46
    profile.encoding = .utf8
    profile.quotes = false
    var columns: ProfileColumns? = nil
    var scanner = ReadingsScanner(
      layout: layout, meterIds: ids, file: file, order: (0, 0, 0), reporting: true, tally: tally)
    scanner.watch = watch
    do throws(XlsxError) {
      // The header, read here: it says which column holds a date serial and how wide a row is.
      var line: [UInt8] = []
      while columns == nil, let number = try rows.nextLine(into: &line, separator: 0x1F) {
        guard number > profile.skip else { continue }
        let cells = String(decoding: line, as: UTF8.self).split(
          separator: "\u{1F}", omittingEmptySubsequences: false
        ).map { $0.trimmingCharacters(in: .whitespaces) }
        switch ProfileColumns.resolve(profile, header: cells) {
        case .failure(let problem):
          var d = Diagnostic.error(
            .badHeader, problem.message,
            at: SourceRange(
              file: path, start: .init(line: number, column: 1),
              end: .init(line: number, column: 2)),
            hint: problem.hint)
          d.quote = cells.joined(separator: " | ")
          diagnostics.append(d)
          return WorkbookRead(tally: scanner.tally)
        case .success(let c):
          columns = c
          // The rows after it, made lines on a thread of their own. A sheet leaves empty
          // cells out: a row is padded to the header's width, as a CSV line keeps its empty
          // fields.
          let lines = SheetLines(
            rows, separator: 0x1F, dateColumn: profile.layout == .dayRows ? c.date : c.time,
            dateOnly: profile.layout == .dayRows, fields: cells.count)
          // One row scanner for the whole sheet: it keeps the register reads, the last
          // timestamp and the header's checks from row to row.
          var p = ProfiledScanner(
            profile: profile, columns: c, carry: .init(meters: layout.meterCount),
            replacements: replacements)
          while let batch = try lines.next() {
            Self.read(batch, &p, &scanner)
          }
        }
      }
    } catch {
      refuse(error)
    }
    if columns == nil && tally.problems == 0 {
      // A sheet with no header (an empty tab) holds no readings: never passed over quietly.
      diagnostics.append(
        .error(
          .emptyFile, "sheet '\(rows.sheet)' holds no rows (no header)", at: top,
          hint: "name the sheet that holds the readings with sheet = NAME in import.profile"))
      scanner.tally.problems += 1
    }
    for p in scanner.problems {
      diagnostics.append(
        .error(
          p.id, p.message,
          at: SourceRange(
            file: path, start: .init(line: p.line, column: p.columns.lowerBound),
            end: .init(line: p.line, column: p.columns.upperBound)), hint: p.hint))
    }
    return WorkbookRead(
      tally: scanner.tally, firstSeen: scanner.firstSeen.mapValues(\.line),
      values: scanner.watchedValues)
  }
}

extension ReadingsReader {
  /// The lines of a batch of sheet rows read into `scanner`'s tally, each new problem named
  /// by its cell.
  fileprivate static func read(
    _ batch: SheetLines.Batch, _ p: inout ProfiledScanner, _ scanner: inout ReadingsScanner
  ) {
    batch.bytes.withUnsafeBufferPointer { b in
      var start = 0
      for (number, end) in batch.lines {
        defer { start = end }
        let line = UnsafeBufferPointer(rebasing: b[start..<end])
        // A row of empty or blank cells is a blank line, skipped as in a CSV file.
        if line.allSatisfy({ $0 == 0x1F || $0 == 0x20 }) { continue }
        scanner.tally.totalRows += 1
        let before = scanner.problems.count
        // An empty line's buffer may have no address: the blank check above passed it over.
        p.row(line.baseAddress!, line.baseAddress! + line.count, line: number, &scanner)
        // Name each new problem by its cell: the line's fields are the row's columns.
        // (Problems count columns in characters, as they are shown.)
        let text = before < scanner.problems.count ? String(decoding: line, as: UTF8.self) : ""
        for i in before..<scanner.problems.count {
          let offset = scanner.problems[i].columns.lowerBound - 1
          let column = text.prefix(offset).filter { $0 == "\u{1F}" }.count
          scanner.problems[i].columns = column + 1..<column + 2
          scanner.problems[i].message += " (cell \(XlsxCell.letters(column))\(number))"
          scanner.problems[i].text = ""
        }
      }
    }
  }
}

/// What reading a workbook gave: its sums and, for the intervals watched, their values and
/// the sheet rows they were first read in.
struct WorkbookRead {
  var tally: ReadingsTally
  var firstSeen: [Int: Int] = [:]
  var values: [Int: Int64] = [:]
}
