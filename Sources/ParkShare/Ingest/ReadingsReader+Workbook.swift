import Foundation

extension ReadingsReader {
  /// Readings in a workbook (`readings*.xlsx`, or any `.xlsx` in `readings/`): the profile's
  /// sheet (the first without one), read row by row as the profile's layout says, on one thread.
  /// Each row is laid out as a line of its cells (by column) and read by the same scanner as a
  /// CSV line, so every check is the same; a problem is named by its sheet row and cell column.
  /// Without a profile, a workbook holds the plain long layout (`meter,timestamp,kwh`).
  /// `keepValues` keeps every interval's value (`data check`); `watch` asks for the value of those intervals (`meter << 32 | slot`) and the sheet row
  /// each was first read in, as `sequentialPass` does for CSV files.
  static func readWorkbook(
    _ path: String, file: Int, profile given: ImportProfile?, layout: ReadingsLayout,
    ids: [String], replacements: [Int: [MeterReplacement]], watch: Set<Int> = [],
    keepValues: Bool = false, _ diagnostics: inout [Diagnostic]
  ) -> WorkbookRead {
    var tally = ReadingsTally(layout, keepValues: keepValues)
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
      return WorkbookRead(tally: tally)
    }
    // Cells are joined with the unit separator, which no cell text may hold; numbers are the
    // cells' own digits, with a point.
    profile.delimiter = 0x1F
    profile.decimal = 46
    profile.encoding = .utf8
    var columns: ProfileColumns? = nil
    var scanner = ReadingsScanner(
      layout: layout, meterIds: ids, file: file, order: (0, 0, 0), reporting: true, tally: tally)
    scanner.watch = watch
    // One row scanner for the whole sheet, made at its header: it keeps the register reads, the
    // last timestamp and the header's checks from row to row.
    var rowScanner: ProfiledScanner? = nil
    var line: [UInt8] = []
    do throws(XlsxError) {
      while true {
        // The column that holds a date or time, where a number is a date serial.
        let dateColumn = columns.map { profile.layout == .dayRows ? $0.date : $0.time }
        guard
          let number = try rows.nextLine(
            into: &line, separator: 0x1F, dateColumn: dateColumn,
            dateOnly: profile.layout == .dayRows)
        else { break }
        guard number > profile.skip else { continue }
        guard columns != nil, var p = rowScanner else {
          let cells = String(decoding: line, as: UTF8.self).split(
            separator: "\u{1F}", omittingEmptySubsequences: false
          ).map(String.init)
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
            rowScanner = ProfiledScanner(
              profile: profile, columns: c, carry: .init(meters: layout.meterCount),
              replacements: replacements)
          }
          continue
        }
        if line.isEmpty { continue }
        rowScanner = nil  // held by `p` alone while it reads, so its state is not copied
        let before = scanner.problems.count
        line.withUnsafeBufferPointer { b in
          p.row(b.baseAddress!, b.baseAddress! + b.count, line: number, &scanner)
        }
        rowScanner = p
        // Name each new problem by its cell: the line's fields are the row's columns.
        for i in before..<scanner.problems.count {
          let offset = scanner.problems[i].columns.lowerBound - 1
          let column = line.prefix(offset).filter { $0 == 0x1F }.count
          scanner.problems[i].columns = column + 1..<column + 2
          scanner.problems[i].message += " (cell \(XlsxCell.letters(column))\(number))"
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
    return WorkbookRead(
      tally: scanner.tally, firstSeen: scanner.firstSeen.mapValues(\.line),
      values: scanner.watchedValues)
  }
}

/// What reading a workbook gave: its sums and, for the intervals watched, their values and
/// the sheet rows they were first read in.
struct WorkbookRead {
  var tally: ReadingsTally
  var firstSeen: [Int: Int] = [:]
  var values: [Int: Int64] = [:]
}
