/// The rows of one sheet, read one at a time from the sheet's `<sheetData>` as it inflates:
/// memory stays one piece of the part and one row, whatever the sheet's size.
///
/// Rows and cells are placed by their references (`<row r="7">`, `<c r="B7">`) or, without
/// them, one after the one before. Rows must come in increasing order, cells left to right.
/// The part's CRC-32 is checked at its end, so a damaged part throws at the latest from the
/// `next()` that would have returned nil: a caller keeps nothing until then.
public final class XlsxRows {
  public let sheet: String
  /// Taken out while a row is read, so its state is a local value (see `XMLTokenizer`).
  private var parser: SheetParser?
  /// Once a read has failed, every later `next()` throws the same error: the parser's state
  /// after an error means nothing.
  private var failed: XlsxError?

  init(sheet: String, xml: XMLTokenizer, shared: [String]) throws(XlsxError) {
    self.sheet = sheet
    var parser = SheetParser(xml: xml, shared: shared)
    try parser.start()
    self.parser = parser
  }

  /// The next row that holds a value, nil after the last.
  public func next() throws(XlsxError) -> XlsxRow? {
    if let failed { throw failed }
    guard var p = parser else { return nil }
    parser = nil
    do throws(XlsxError) {
      let row = try p.next()
      parser = p
      return row
    } catch {
      failed = error
      throw error
    }
  }
}

/// The state of reading `<sheetData>`: the tokenizer, the row being built, the shared strings.
struct SheetParser {
  private var xml: XMLTokenizer
  private let shared: [String]
  private var lastRow = 0
  private var done = false
  private var cells: [XlsxCell] = []
  private var valueBytes: [UInt8] = []

  init(xml: XMLTokenizer, shared: [String]) {
    self.xml = xml
    self.shared = shared
  }

  /// Passes over everything before the data (dimension, views, columns).
  mutating func start() throws(XlsxError) {
    while true {
      switch try xml.next() {
      case .start where xml.nameIs("sheetData"):
        done = xml.selfClosing
        return
      case .eof: throw xml.fail(.malformedXML("no <sheetData>"))
      default: continue
      }
    }
  }

  mutating func next() throws(XlsxError) -> XlsxRow? {
    while !done {
      switch try xml.next() {
      case .start:
        if xml.nameIs("row") {
          if let row = try row() { return row }
        } else {
          try xml.skipElement()
        }
      case .end:
        // The end of <sheetData>; what follows (merged cells, margins) is not data, but it
        // is read through so the part's CRC-32 and size are checked before the last row is
        // taken as read.
        done = true
        try xml.drain()
      case .text:
        continue
      case .eof:
        throw xml.fail(.malformedXML("the sheet ends inside <sheetData>"))
      }
    }
    return nil
  }

  private func error(_ problem: XlsxError.Problem, _ cell: String) -> XlsxError {
    var e = xml.fail(problem)
    e.cell = cell
    return e
  }

  private mutating func row() throws(XlsxError) -> XlsxRow? {
    var number = lastRow + 1
    if let r = xml.attribute("r") {
      guard let n = Self.integer(xml.buffer[r]), n >= 1, n <= 1_048_576 else {
        throw error(.badCellReference(String(decoding: xml.buffer[r], as: UTF8.self)), "\(number)")
      }
      number = n
    }
    if number <= lastRow { throw error(.rowOutOfOrder(number, after: lastRow), "\(number)") }
    lastRow = number
    cells.removeAll(keepingCapacity: true)
    if xml.selfClosing { return nil }
    var lastColumn = -1
    while true {
      switch try xml.next() {
      case .start:
        if xml.nameIs("c") {
          lastColumn = try cell(number, after: lastColumn)
        } else {
          try xml.skipElement()
        }
      case .end:
        return cells.isEmpty ? nil : XlsxRow(number: number, cells: cells)
      case .text:
        continue
      case .eof:
        throw error(.malformedXML("the sheet ends inside a row"), "\(number)")
      }
    }
  }

  private enum CellType {
    case number
    case shared
    case string
    case inline
    case bool
    case error
    case date
  }

  /// Reads the cell just started; returns its column.
  private mutating func cell(_ row: Int, after lastColumn: Int) throws(XlsxError) -> Int {
    var column = lastColumn + 1
    if let r = xml.attribute("r") {
      let ref = xml.buffer[r]
      guard let (c, n) = Self.reference(ref) else {
        let text = String(decoding: ref, as: UTF8.self)
        throw error(.badCellReference(text), "\(XlsxCell.letters(column))\(row)")
      }
      if n != row { throw error(.cellOutsideRow(n), "\(XlsxCell.letters(c))\(n)") }
      column = c
    }
    if column > 16_383 {
      throw error(.badCellReference("column \(column + 1)"), "\(row)")
    }
    let place = { "\(XlsxCell.letters(column))\(row)" }
    if column <= lastColumn { throw error(.columnOutOfOrder, place()) }
    var type = CellType.number
    if let t = xml.attribute("t") {
      switch true {
      case xml.bytes(t, are: "n"): type = .number
      case xml.bytes(t, are: "s"): type = .shared
      case xml.bytes(t, are: "str"): type = .string
      case xml.bytes(t, are: "inlineStr"): type = .inline
      case xml.bytes(t, are: "b"): type = .bool
      case xml.bytes(t, are: "e"): type = .error
      case xml.bytes(t, are: "d"): type = .date
      default:
        throw error(.unknownCellType(String(decoding: xml.buffer[t], as: UTF8.self)), place())
      }
    }
    if xml.selfClosing { return column }
    var hasValue = false
    var hasFormula = false
    var inline: String?
    valueBytes.removeAll(keepingCapacity: true)
    while true {
      switch try xml.next() {
      case .start:
        if xml.nameIs("v") {
          hasValue = true
          try readValue()
        } else if xml.nameIs("is") {
          inline = try xml.stringItem()
        } else {
          if xml.nameIs("f") { hasFormula = true }
          try xml.skipElement()
        }
      case .end:
        if let value = try value(type, hasValue, inline, place) {
          cells.append(XlsxCell(column: column, value: value))
        } else if hasFormula {
          throw error(.formulaWithoutValue, place())
        }
        return column
      case .text:
        continue
      case .eof:
        throw error(.malformedXML("the sheet ends inside a cell"), place())
      }
    }
  }

  /// Collects the text of the `<v>` just started.
  private mutating func readValue() throws(XlsxError) {
    if xml.selfClosing { return }
    while true {
      switch try xml.next() {
      case .text: try xml.decode(xml.text, raw: xml.raw, into: &valueBytes)
      case .end: return
      case .start: try xml.skipElement()
      case .eof: throw xml.fail(.malformedXML("the sheet ends inside a value"))
      }
    }
  }

  private func value(
    _ type: CellType, _ hasValue: Bool, _ inline: String?, _ place: () -> String
  ) throws(XlsxError) -> XlsxValue? {
    if type == .inline, let inline { return .text(inline) }
    guard hasValue else { return nil }
    switch type {
    case .number:
      guard Self.isNumber(valueBytes) else {
        throw error(.badNumber(String(decoding: valueBytes, as: UTF8.self)), place())
      }
      return .number(String(decoding: valueBytes, as: UTF8.self))
    case .shared:
      guard let i = Self.integer(valueBytes[...]), i < shared.count else {
        throw error(.badSharedStringIndex(String(decoding: valueBytes, as: UTF8.self)), place())
      }
      return .text(shared[i])
    case .string, .inline:
      return .text(try xml.utf8(XMLTokenizer.unescapeX(valueBytes)))
    case .bool:
      if valueBytes == [UInt8(ascii: "0")] { return .bool(false) }
      if valueBytes == [UInt8(ascii: "1")] { return .bool(true) }
      throw error(.badBoolean(String(decoding: valueBytes, as: UTF8.self)), place())
    case .error:
      return .error(try xml.utf8(valueBytes))
    case .date:
      return .date(try xml.utf8(valueBytes))
    }
  }

  /// A decimal integer of at most 9 digits, nil otherwise.
  static func integer(_ bytes: ArraySlice<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
    var n = 0
    for b in bytes {
      guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
      n = n * 10 + Int(b - UInt8(ascii: "0"))
    }
    return n
  }

  /// `B7` as (column 1, row 7); `$` signs are not part of cell references in sheet data.
  static func reference(_ bytes: ArraySlice<UInt8>) -> (column: Int, row: Int)? {
    var column = 0
    var i = bytes.startIndex
    while i < bytes.endIndex, bytes[i] >= UInt8(ascii: "A"), bytes[i] <= UInt8(ascii: "Z") {
      column = column * 26 + Int(bytes[i] - UInt8(ascii: "A")) + 1
      if column > 16_384 { return nil }
      i += 1
    }
    guard column > 0, let row = integer(bytes[i...]), row >= 1, row <= 1_048_576 else {
      return nil
    }
    return (column - 1, row)
  }

  /// `-?digits[.digits][(E|e)[+-]digits]`, or `.5`: the forms a `<v>` number is written in.
  static func isNumber(_ b: [UInt8]) -> Bool {
    var i = 0
    func digits() -> Int {
      let start = i
      while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
      return i - start
    }
    if i < b.count && (b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+")) { i += 1 }
    var n = digits()
    if i < b.count && b[i] == UInt8(ascii: ".") {
      i += 1
      n += digits()
    }
    guard n > 0 else { return false }
    if i < b.count && (b[i] == UInt8(ascii: "E") || b[i] == UInt8(ascii: "e")) {
      i += 1
      if i < b.count && (b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+")) { i += 1 }
      guard digits() > 0 else { return false }
    }
    return i == b.count
  }
}
