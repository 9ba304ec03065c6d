// libFuzzer harness for the xlsx reader (issue 16). The first byte of the input picks what
// the rest is:
//   0  a raw DEFLATE stream, inflated in pieces (output capped at 16 MiB)
//   1  an .xlsx archive: every sheet read row by row, number cells tried as date serials
//   2  a worksheet part's XML, stored in an otherwise fixed workbook, read row by row, and
//      read as lines twice, with and without the one-pass row scan (`SheetRowScan`), in
//      pieces of 1 to 8 bytes (the second byte): a difference in any line, row or error traps
//   3  a shared-strings part's XML, stored in an otherwise fixed workbook, then its sheet
// Errors are expected; a crash, a sanitizer report, a hang or unbounded memory is a finding.
import Foundation

let workbookXML = """
  <workbook xmlns:r="r"><workbookPr date1904="0"/><sheets><sheet name="S" r:id="rId1"/>\
  </sheets></workbook>
  """
let relsXML = """
  <Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>\
  <Relationship Id="rId2" Type="x/sharedStrings" Target="sharedStrings.xml"/></Relationships>
  """
let sheetXML = """
  <worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>\
  <c r="C1"><v>45292.25</v></c></row></sheetData></worksheet>
  """

func readAll(_ book: XlsxWorkbook) {
  for name in book.sheetNames {
    guard let rows = try? book.rows(sheet: name) else { continue }
    while let row = try? rows.next() {
      for cell in row.cells {
        if case .number(let n) = cell.value {
          _ = try? XlsxDateTime(serial: n, date1904: book.date1904, rounding: .minute)
        }
      }
    }
  }
}

/// Every line of the sheet, with or without the row scan, and the error that ended the read.
func lines(_ bytes: [UInt8], scan: Bool, piece: Int) -> ([String], XlsxError?) {
  var limits = XlsxLimits()
  limits.pieceSize = piece
  var out: [String] = []
  do throws(XlsxError) {
    let rows = try XlsxWorkbook(bytes: bytes, limits: limits).rows(sheet: nil)
    rows.scansRows = scan
    var line: [UInt8] = []
    while let n = try rows.nextLine(into: &line, separator: 0x1F, dateColumn: 2, fields: 3) {
      out.append("\(n):" + String(decoding: line, as: UTF8.self))
    }
    return (out, nil)
  } catch {
    return (out, error)
  }
}

func workbook(sheet: String, shared: String) -> [UInt8] {
  var z = Zip()
  z.add("xl/workbook.xml", workbookXML)
  z.add("xl/_rels/workbook.xml.rels", relsXML)
  z.add("xl/sharedStrings.xml", shared)
  z.add("xl/worksheets/sheet1.xml", sheet)
  return z.bytes()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXlsx(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let rest = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  switch data[0] % 4 {
  case 0:
    var given = false
    let inflater = Inflater(chunkSize: 4096 + Int(data[0])) {
      // The input once, then its end (returning it forever made an endless stream: the
      // first 10-minute run's one finding, a timeout of the harness, not of the decoder).
      defer { given = true }
      return given ? [] : rest
    }
    var total = 0
    while total < 16 << 20, let piece = try? inflater.next() { total += piece.count }
  case 1:
    if let book = try? XlsxWorkbook(bytes: rest) { readAll(book) }
  case 2:
    let text = String(decoding: rest, as: UTF8.self)
    let shared = "<sst><si><t>a</t></si><si><r><t>b</t></r></si></sst>"
    let bytes = workbook(sheet: text, shared: shared)
    if let book = try? XlsxWorkbook(bytes: bytes) { readAll(book) }
    let piece = 1 + Int(rest.first ?? 0) % 8
    let (tokens, scanned) = (
      lines(bytes, scan: false, piece: piece), lines(bytes, scan: true, piece: piece)
    )
    if tokens.0 != scanned.0 || tokens.1 != scanned.1 {
      fatalError("the row scan read \(scanned) where the tokens read \(tokens)")
    }
  default:
    let text = String(decoding: rest, as: UTF8.self)
    if let book = try? XlsxWorkbook(bytes: workbook(sheet: sheetXML, shared: text)) {
      readAll(book)
    }
  }
  return 0
}
