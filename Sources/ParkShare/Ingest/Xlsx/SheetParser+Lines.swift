/// How a row is written as a line (see `XlsxRows.nextLine`).
struct SheetLineOptions {
  var separator: UInt8
  var dateColumn: Int?
  var dateOnly: Bool
  var date1904: Bool
  /// The line has at least this many fields.
  var fields: Int
}

extension SheetParser {
  /// The next row that holds a value as a line, its number; nil after the last. A row is read
  /// by `SheetRowScan` in one pass where it can, by tokens otherwise.
  mutating func nextLine(into line: inout [UInt8], _ o: SheetLineOptions) throws(XlsxError) -> Int?
  {
    while scansRows && !done {
      guard let scanned = try scanRow(into: &line, o) else { break }
      if let number = scanned { return number }
    }
    guard let number = try nextRow() else { return nil }
    self.line(into: &line, o)
    return number
  }

  /// The row at the tokenizer's position read by `SheetRowScan`: .some(number) for a row with
  /// a value, .some(nil) for a row without one; nil when it is left to the tokens (the
  /// position unchanged, though more input may have been read into the buffer).
  private mutating func scanRow(
    into line: inout [UInt8], _ o: SheetLineOptions
  ) throws(XlsxError) -> Int?? {
    var room = max(line.capacity, 4096)
    let maxToken = xml.maxToken
    let shared = shared
    let lastRow = lastRow
    return try withUnsafeTemporaryAllocation(
      of: (name: Range<Int>, value: Range<Int>).self, capacity: 16
    ) { attributes throws(XlsxError) -> Int?? in
      while true {
        var outcome = SheetRowScan.Outcome.slow
        var end = 0
        let start = xml.pos
        line = xml.buffer.withUnsafeBufferPointer { buffer in
          [UInt8](unsafeUninitializedCapacity: room) { out, count in
            var scan = SheetRowScan(
              buffer, maxToken: maxToken, shared: shared, options: o, out: out,
              attributes: attributes)
            outcome = scan.scan(at: start, lastRow: lastRow)
            if case .row = outcome { count = scan.written }
            end = scan.end
          }
        }
        switch outcome {
        case .row(let number):
          xml.pos = end
          self.lastRow = number
          rowsScanned += 1
          return .some(number)
        case .empty(let number):
          xml.pos = end
          self.lastRow = number
          rowsScanned += 1
          return .some(nil)
        case .grow:
          room *= 2
        case .more:
          // A row is scanned whole, in at most a token's length of buffer.
          guard xml.buffer.count - xml.pos <= maxToken, try xml.more(keeping: xml.pos) else {
            return nil
          }
        case .slow:
          return nil
        }
      }
    }
  }
}
