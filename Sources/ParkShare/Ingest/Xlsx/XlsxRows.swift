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
  private let date1904: Bool

  init(sheet: String, xml: XMLTokenizer, shared: [String], date1904: Bool) throws(XlsxError) {
    self.sheet = sheet
    self.date1904 = date1904
    var parser = SheetParser(xml: xml, shared: shared)
    do throws(XlsxError) {
      try parser.start()
    } catch {
      throw parser.xml.damage(behind: error)
    }
    self.parser = parser
  }

  /// The next row that holds a value, nil after the last.
  public func next() throws(XlsxError) -> XlsxRow? {
    try read { p throws(XlsxError) in try p.nextRow().map { XlsxRow(number: $0, cells: p.cells()) }
    }
  }

  /// The next row that holds a value as one line of text, its cells by column joined by
  /// `separator` (empty fields between them, a separator inside a text made a space), with its
  /// number; nil after the last. Numbers are plain decimals (`1.5E-3` is `0.0015`); a number in
  /// `dateColumn` is a date serial written `YYYY-MM-DD HH:MM:SS`, or `YYYY-MM-DD` when
  /// `dateOnly` and it has no time of day. No string is made per cell: the line is the
  /// readings reader's row of a sheet, millions of times a quarter.
  /// The line has at least `fields` fields (empty ones at its end, as CSV keeps them).
  public func nextLine(
    into line: inout [UInt8], separator: UInt8, dateColumn: Int? = nil, dateOnly: Bool = false,
    fields: Int = 0
  ) throws(XlsxError) -> Int? {
    let options = SheetLineOptions(
      separator: separator, dateColumn: dateColumn, dateOnly: dateOnly, date1904: date1904,
      fields: fields)
    return try read { p throws(XlsxError) in try p.nextLine(into: &line, options) }
  }

  /// Whether rows are read by `SheetRowScan` where it can (always, but in the tests that
  /// compare it with the tokens' reading).
  var scansRows: Bool {
    get { parser?.scansRows ?? false }
    set { parser?.scansRows = newValue }
  }

  /// How many rows `SheetRowScan` has read so far.
  var rowsScanned: Int { parser?.rowsScanned ?? 0 }

  private func read<T>(_ body: (inout SheetParser) throws(XlsxError) -> T?) throws(XlsxError) -> T?
  {
    if let failed { throw failed }
    guard var p = parser else { return nil }
    parser = nil
    do throws(XlsxError) {
      let value = try body(&p)
      parser = p
      return value
    } catch {
      let e = p.xml.damage(behind: error)
      failed = e
      throw e
    }
  }
}

/// The state of reading `<sheetData>`: the tokenizer, the row being read, the shared strings.
/// A row's cells are kept as bytes (their values decoded, one after another in `arena`), so a
/// row costs no string per cell; `cells()` makes the values when a caller wants them.
struct SheetParser {
  var xml: XMLTokenizer
  let shared: [String]
  var lastRow = 0
  var done = false
  var scansRows = true
  /// Rows read by `SheetRowScan` (the rest were read by tokens).
  var rowsScanned = 0

  enum CellType {
    case number
    case shared
    case string
    case inline
    case bool
    case error
    case date
  }

  /// A cell of the row: its value is `arena[bytes]` (a shared string's index for `.shared`, a
  /// string's text already unescaped and checked as UTF-8).
  private struct RawCell {
    var column: Int
    var type: CellType
    var bytes: Range<Int>
  }
  private var row: [RawCell] = []
  private var arena: [UInt8] = []
  /// The column of the cell being read, which names the place of an error inside it.
  private var cellColumn: Int?

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

  /// Reads the next row that holds a value; its number, nil after the last.
  mutating func nextRow() throws(XlsxError) -> Int? {
    while !done {
      switch try xml.next() {
      case .start:
        if xml.nameIs("row") {
          do throws(XlsxError) {
            if let number = try readRow() { return number }
          } catch {
            // XML that breaks inside a row is named at the row, where no cell is known.
            // (Or in the cell being read: an entity or bad UTF-8 in its value.)
            var e = error
            if e.place == nil, lastRow > 0 { e.place = .init(row: lastRow, column: cellColumn) }
            throw e
          }
        } else {
          try xml.skipElement()
        }
      case .end:
        // A stray end tag (`</row>` twice) would end the data early: every row after it lost.
        // Placed after the row it follows (the sheet when no row came before it).
        guard xml.nameIs("sheetData") else {
          var e = strayEnd("sheetData")
          if lastRow > 0 { e.place = .init(row: lastRow) }
          throw e
        }
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

  /// The values of the row just read.
  func cells() -> [XlsxCell] {
    row.map { c in
      let text = String(decoding: arena[c.bytes], as: UTF8.self)
      let value: XlsxValue =
        switch c.type {
        case .number: .number(text)
        case .shared: .text(shared[Self.integer(arena[c.bytes])!])
        case .string, .inline: .text(text)
        case .bool: .bool(text == "1")
        case .error: .error(text)
        case .date: .date(text)
        }
      return XlsxCell(column: c.column, value: value)
    }
  }

  /// The row just read as one line (see `XlsxRows.nextLine`).
  func line(into line: inout [UInt8], _ o: SheetLineOptions) {
    line.removeAll(keepingCapacity: true)
    var column = 0
    arena.withUnsafeBufferPointer { arena in
      for c in row {
        for _ in column..<c.column { line.append(o.separator) }
        column = c.column
        let bytes = UnsafeBufferPointer(rebasing: arena[c.bytes])
        switch c.type {
        case .number:
          line += Self.numberText(bytes, column: c.column, o) ?? Array(bytes)
        case .shared:
          Self.appendText(shared[Self.integer(bytes)!].utf8, o.separator, &line)
        case .bool:
          line += (bytes.first == UInt8(ascii: "1") ? "TRUE" : "FALSE").utf8
        case .string, .inline, .error, .date:
          Self.appendText(bytes, o.separator, &line)
        }
      }
    }
    for _ in (column + 1)..<max(o.fields, column + 1) { line.append(o.separator) }
  }

  /// A number as a line holds it, nil when that is the cell's text: a date serial in the date
  /// column as a date and time (a day row's date as a day, a serial with a time of day then
  /// left as written), `1.5E-3` as `0.0015`.
  static func numberText(
    _ bytes: UnsafeBufferPointer<UInt8>, column: Int, _ o: SheetLineOptions
  ) -> [UInt8]? {
    if column == o.dateColumn,
      let d = try? XlsxDateTime(
        serial: String(decoding: bytes, as: UTF8.self), date1904: o.date1904)
    {
      return
        (o.dateOnly
        ? (d.secondOfDay == 0 ? String(d.description.prefix(10)) : nil)
        : d.description).map { Array($0.utf8) }
    }
    if bytes.contains(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }) {
      return Array(XlsxValue.plainDecimal(String(decoding: bytes, as: UTF8.self)).utf8)
    }
    return nil
  }

  private static func appendText<S: Sequence<UInt8>>(
    _ text: S, _ separator: UInt8, _ line: inout [UInt8]
  ) {
    for b in text { line.append(b == separator ? UInt8(ascii: " ") : b) }
  }

  /// An end tag other than the one of the element being read.
  private func strayEnd(_ open: String) -> XlsxError {
    let name = String(decoding: xml.buffer[xml.name], as: UTF8.self)
    return xml.fail(
      .malformedXML("</\(name)> inside <\(open)>: an element left open or closed twice"))
  }

  private func error(_ problem: XlsxError.Problem, row: Int, column: Int? = nil) -> XlsxError {
    error(problem, at: .init(row: row, column: column))
  }

  private func error(_ problem: XlsxError.Problem, at place: XlsxError.Place) -> XlsxError {
    var e = xml.fail(problem)
    e.place = place
    return e
  }

  /// Reads the row just started; its number, or nil if it holds no value.
  private mutating func readRow() throws(XlsxError) -> Int? {
    var number = lastRow + 1
    if let r = xml.attribute("r") {
      guard let n = Self.integer(xml.buffer[r]), n >= 1, n <= 1_048_576 else {
        throw error(.badRowNumber(String(decoding: xml.buffer[r], as: UTF8.self)), row: number)
      }
      number = n
    }
    if number <= lastRow { throw error(.rowOutOfOrder(number, after: lastRow), row: number) }
    lastRow = number
    row.removeAll(keepingCapacity: true)
    arena.removeAll(keepingCapacity: true)
    if xml.selfClosing { return nil }
    var lastColumn = -1
    while true {
      cellColumn = nil
      switch try xml.cellStart() {
      case .tagAndValue(let value):
        lastColumn = try cell(number, after: lastColumn, value: value)
        continue
      case .tag:
        lastColumn = try cell(number, after: lastColumn, value: nil)
        continue
      case .none:
        break
      }
      switch try xml.next() {
      case .start:
        if xml.nameIs("c") {
          lastColumn = try cell(number, after: lastColumn, value: nil)
        } else {
          try xml.skipElement()
        }
      case .end:
        guard xml.nameIs("row") else { throw error(strayEnd("row").problem, row: number) }
        return row.isEmpty ? nil : number
      case .text:
        continue
      case .eof:
        throw error(.malformedXML("the sheet ends inside a row"), row: number)
      }
    }
  }

  /// Reads the cell just started (whole, if `value`: its `<v>` text in the tokenizer's buffer);
  /// returns its column.
  private mutating func cell(
    _ rowNumber: Int, after lastColumn: Int, value: Range<Int>?
  ) throws(XlsxError) -> Int {
    var column = lastColumn + 1
    // A bad reference is placed at its row: which column it meant is not known.
    if let r = xml.attribute("r") {
      let ref = xml.buffer[r]
      guard let (c, n) = Self.reference(ref) else {
        throw error(.badCellReference(String(decoding: ref, as: UTF8.self)), row: rowNumber)
      }
      // Placed where it is, in this row: the row it names is in the message.
      if n != rowNumber { throw error(.cellOutsideRow(n), row: rowNumber, column: c) }
      column = c
    }
    if column > 16_383 {
      throw error(.badCellReference("column \(column + 1)"), row: rowNumber)
    }
    let place = XlsxError.Place(row: rowNumber, column: column)
    if column <= lastColumn { throw error(.columnOutOfOrder, at: place) }
    // Cleared by `readRow` after the cell: an error thrown in it finds it set.
    cellColumn = column
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
        throw error(.unknownCellType(String(decoding: xml.buffer[t], as: UTF8.self)), at: place)
      }
    }
    if xml.selfClosing { return column }
    let start = arena.count
    if let value {
      xml.buffer.withUnsafeBufferPointer {
        arena.append(contentsOf: UnsafeBufferPointer(rebasing: $0[value]))
      }
      try check(type, start, place)
      row.append(RawCell(column: column, type: type, bytes: start..<arena.count))
      return column
    }
    var hasValue = false
    var hasFormula = false
    var inline: String?
    while true {
      switch try xml.next() {
      case .start:
        if xml.nameIs("v") {
          // Two values would run together into one number: refused, never joined.
          if hasValue { throw error(.malformedXML("a cell with two values"), at: place) }
          hasValue = true
          try readValue()
        } else if xml.nameIs("is") {
          inline = try xml.stringItem()
        } else {
          if xml.nameIs("f") { hasFormula = true }
          try xml.skipElement()
        }
      case .end:
        // A cell left open (`<c><v>1</v>` then the next cell) is refused, never read on.
        guard xml.nameIs("c") else { throw error(strayEnd("c").problem, at: place) }
        if type == .inline, let inline {
          arena.removeSubrange(start...)
          arena += inline.utf8
          row.append(RawCell(column: column, type: .inline, bytes: start..<arena.count))
        } else if hasValue {
          try check(type, start, place)
          row.append(RawCell(column: column, type: type, bytes: start..<arena.count))
        } else if hasFormula {
          throw error(.formulaWithoutValue, at: place)
        }
        return column
      case .text:
        continue
      case .eof:
        throw error(.malformedXML("the sheet ends inside a cell"), at: place)
      }
    }
  }

  /// Collects the text of the `<v>` just started into the arena.
  private mutating func readValue() throws(XlsxError) {
    if xml.selfClosing { return }
    while true {
      switch try xml.next() {
      case .text: try xml.decode(xml.text, raw: xml.raw, into: &arena)
      case .end:
        guard xml.nameIs("v") else { throw strayEnd("v") }
        return
      case .start: try xml.skipElement()
      case .eof: throw xml.fail(.malformedXML("the sheet ends inside a value"))
      }
    }
  }

  /// Checks the value in `arena[start...]` for its type; a string's text is unescaped.
  private mutating func check(
    _ type: CellType, _ start: Int, _ place: XlsxError.Place
  ) throws(XlsxError) {
    let value = arena[start...]
    // The value a refusal shows; bytes that are not UTF-8 are refused as such, never shown
    // with replacement marks as if they were a wrong number.
    func text() throws(XlsxError) -> String { try xml.utf8(Array(value)) }
    switch type {
    case .number:
      guard Self.isNumber(value) else { throw error(.badNumber(try text()), at: place) }
    case .shared:
      guard let i = Self.integer(value), i < shared.count else {
        throw error(.badSharedStringIndex(try text()), at: place)
      }
    case .string, .inline:
      let unescaped = XMLTokenizer.unescapeX(Array(value))
      _ = try xml.utf8(unescaped)
      arena.replaceSubrange(start..., with: unescaped)
    case .bool:
      guard value.count == 1, value.first == UInt8(ascii: "0") || value.first == UInt8(ascii: "1")
      else { throw error(.badBoolean(try text()), at: place) }
    case .error, .date:
      _ = try text()
    }
  }

  /// A decimal integer of at most 9 digits, nil otherwise.
  static func integer<C: Collection<UInt8>>(_ bytes: C) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
    var n = 0
    for b in bytes {
      guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
      n = n * 10 + Int(b - UInt8(ascii: "0"))
    }
    return n
  }

  /// `B7` as (column 1, row 7); `$` signs are not part of cell references in sheet data.
  static func reference<C: RandomAccessCollection<UInt8>>(
    _ bytes: C
  ) -> (column: Int, row: Int)? where C.Index == Int {
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
  static func isNumber(_ b: ArraySlice<UInt8>) -> Bool {
    var i = b.startIndex
    func digits() -> Int {
      let start = i
      while i < b.endIndex, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
      return i - start
    }
    if i < b.endIndex && (b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+")) { i += 1 }
    var n = digits()
    if i < b.endIndex && b[i] == UInt8(ascii: ".") {
      i += 1
      n += digits()
    }
    guard n > 0 else { return false }
    if i < b.endIndex && (b[i] == UInt8(ascii: "E") || b[i] == UInt8(ascii: "e")) {
      i += 1
      if i < b.endIndex && (b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+")) { i += 1 }
      guard digits() > 0 else { return false }
    }
    return i == b.endIndex
  }
}
