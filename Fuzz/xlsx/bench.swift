// Reads every row of a workbook's first sheet and reports the figures of docs/benchmarks.md:
// the sheet part's size, inflate throughput (the entry inflated alone, CRC included), and the
// whole read (inflate + XML + cells) in rows, cells and MB of XML per second, and the rows as
// the readings reader takes them: lines (`nextLine`, read in one pass by `SheetRowScan`).
//   Fuzz/xlsx/bench.sh BOOK.xlsx [rows]   (rows: only read the rows, for peak memory)
import Foundation

@main
struct XlsxBench {
  static func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }

  static func main() throws {
    let path = CommandLine.arguments[1]
    if CommandLine.arguments.count > 2 && CommandLine.arguments[2] == "rows" {
      // The rows alone, for the peak memory of a read.
      let rows = try XlsxWorkbook(path: path).rows(sheet: nil)
      var cells = 0
      while let row = try rows.next() { cells += row.cells.count }
      print("cells: \(cells)")
      return
    }
    let book = try XlsxWorkbook(path: path)
    let archive = try ZipArchive(path: path)
    let sheet = archive.entries.first { $0.name.hasPrefix("xl/worksheets/") }!
    let mb = Double(sheet.size) / 1e6
    print("sheet part: \(sheet.size) bytes (\(sheet.compressedSize) compressed)")
    var total = 0
    let inflate = try seconds {
      let reader = try archive.open(sheet)
      while let piece = try reader.next() { total += piece.count }
    }
    print(String(format: "inflate + CRC: %.2f s, %.0f MB/s of output", inflate, mb / inflate))
    // The DEFLATE data alone, from memory: the decoder without file reads and CRC.
    let header = try archive.source.read(at: sheet.localHeaderOffset, count: 30)
    let dataStart = sheet.localHeaderOffset + 30 + header.le16(26) + header.le16(28)
    let compressed = try archive.source.read(at: dataStart, count: sheet.compressedSize)
    var alone = 0
    let pure = try seconds {
      let inflater = Inflater(compressed)
      while let piece = try inflater.next() { alone += piece.count }
    }
    precondition(alone == total)
    print(String(format: "inflate alone: %.2f s, %.0f MB/s of output", pure, mb / pure))
    var rows = 0
    var cells = 0
    let read = try seconds {
      let sheetRows = try book.rows(sheet: nil)
      while let row = try sheetRows.next() {
        rows += 1
        cells += row.cells.count
      }
    }
    print(
      String(
        format: "rows: %.2f s, %d rows, %d cells, %.0f k cells/s, %.0f MB/s of XML", read, rows,
        cells, Double(cells) / read / 1e3, mb / read))
    var lines = 0
    var scanned = 0
    let lined = try seconds {
      let sheetRows = try book.rows(sheet: nil)
      var line: [UInt8] = []
      while try sheetRows.nextLine(into: &line, separator: 0x1F, dateColumn: 0, dateOnly: true)
        != nil
      {
        lines += 1
        scanned = sheetRows.rowsScanned
      }
    }
    print(
      String(
        format: "lines: %.2f s, %d lines (%d read in one pass), %.0f MB/s of XML", lined, lines,
        scanned, mb / lined))
  }
}
