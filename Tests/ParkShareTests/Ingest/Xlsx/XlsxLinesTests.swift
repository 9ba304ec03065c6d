import Foundation
import Testing

@testable import ParkShare

/// A sheet's rows as lines of text (what the readings reader scans) hold exactly the values
/// `next()` gives, and the pieces of a part prefetched on another thread come in order, with
/// their error where it happened, never more than a few ahead.
@Suite struct XlsxLinesTests {
  @Test func linesHoldTheCellsByColumn() throws {
    let book = try XlsxWorkbook(path: XlsxFixtures.path("book.xlsx"))
    let rows = try book.rows(sheet: nil)
    var lines: [String] = []
    var numbers: [Int] = []
    var line: [UInt8] = []
    while let n = try rows.nextLine(into: &line, separator: 0x1F, dateColumn: 1) {
      numbers.append(n)
      lines.append(
        String(decoding: line, as: UTF8.self).replacingOccurrences(of: "\u{1F}", with: "|"))
    }
    #expect(numbers == [1, 2, 3, 5, 6])
    #expect(
      lines == [
        "meter|timestamp|kwh|note",
        // A date serial in the date column is a date; 1E-3 is a plain decimal.
        "M-01 |2024-01-01 00:15:00|0.1|A&B <c> \"q\" 's' 中文",
        "M-01 |2024-01-01 00:30:00|0.001|TRUE",
        "M-01 x||0.101|#DIV/0!",
        "|2024-01-01T00:15:00||电表",
      ])
  }

  /// The batches of lines, made on a thread of their own while the ones before are read, hold
  /// the same lines in the same order as `nextLine` one by one, and the sheet's error after
  /// the lines before it.
  @Test func batchesHoldTheLinesInOrderAndTheErrorAfterThem() throws {
    let rows = (1...300).map { r in
      "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"s\"><v>\(r % 2)</v></c><c r=\"C\(r)\"><v>\(r).5</v></c></row>"
    }
    for broken in [false, true] {
      let data =
        rows.joined() + (broken ? "<row r=\"301\"><c r=\"A301\"><v>x</v></c></row>" : "")
      let bytes = XlsxSheetErrorsTests.bytes(data)
      let expected = try Self.oneByOne(bytes)
      #expect(expected.lines.count == 300)
      #expect(expected.lines.last == "300:a\u{1F}\u{1F}300.5\u{1F}")
      #expect((expected.error != nil) == broken)
      let got = try Self.batched(bytes)
      #expect(got.lines == expected.lines)
      #expect(got.error == expected.error)
      #expect(got.batches > 10)
    }
  }

  /// The sheet's lines (`number:line`) read by `nextLine`, and the error that ended them.
  static func oneByOne(_ bytes: [UInt8]) throws -> (lines: [String], error: XlsxError?) {
    let rows = try XlsxWorkbook(bytes: bytes).rows(sheet: nil)
    var lines: [String] = []
    var line: [UInt8] = []
    do throws(XlsxError) {
      while let n = try rows.nextLine(into: &line, separator: 0x1F, fields: 4) {
        lines.append("\(n):" + String(decoding: line, as: UTF8.self))
      }
    } catch {
      return (lines, error)
    }
    return (lines, nil)
  }

  /// The same read in `SheetLines` batches (of about 200 bytes), and how many batches.
  static func batched(_ bytes: [UInt8]) throws -> (lines: [String], error: XlsxError?, batches: Int)
  {
    let sheet = SheetLines(
      try XlsxWorkbook(bytes: bytes).rows(sheet: nil), separator: 0x1F, dateColumn: nil,
      dateOnly: false, fields: 4, batchBytes: 200)
    var lines: [String] = []
    var batches = 0
    do throws(XlsxError) {
      while let batch = try sheet.next() {
        batches += 1
        var start = 0
        for (n, end) in batch.lines {
          lines.append("\(n):" + String(decoding: batch.bytes[start..<end], as: UTF8.self))
          start = end
        }
      }
    } catch {
      return (lines, error, batches)
    }
    return (lines, nil, batches)
  }

  @Test func aDayRowsDateIsADayAndTheSeparatorNeverComesFromText() throws {
    var book = Workbook()
    book.add("s", header: ["a|b", "day"], rows: [[.text("x|y"), .number(Exact("45292")!)]])
    let rows = try XlsxWorkbook(bytes: book.bytes()).rows(sheet: nil)
    var line: [UInt8] = []
    #expect(try rows.nextLine(into: &line, separator: UInt8(ascii: "|"), dateColumn: 1) == 1)
    #expect(String(decoding: line, as: UTF8.self) == "a b|day")
    #expect(
      try rows.nextLine(into: &line, separator: UInt8(ascii: "|"), dateColumn: 1, dateOnly: true)
        == 2)
    #expect(String(decoding: line, as: UTF8.self) == "x y|2024-01-01")
    #expect(try rows.nextLine(into: &line, separator: UInt8(ascii: "|")) == nil)
  }

  /// Counts what the producer made, from either thread.
  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
  }

  @Test func prefetchedPiecesComeInOrderBoundedAndEndWithTheirError() throws {
    let made = Counter()
    var next = 0
    let pieces = Prefetcher(depth: 3) { () throws(XlsxError) -> [UInt8]? in
      next += 1
      made.add()
      if next == 50 { throw XlsxError(.malformedXML("piece 50")) }
      return [UInt8(next)]
    }
    var taken: [UInt8] = []
    for _ in 0..<49 {
      // Let the producer run ahead as far as it can: it stops `depth` (and one in hand) ahead.
      Thread.sleep(forTimeInterval: 0.001)
      #expect(made.count <= taken.count + 3 + 1)
      taken += try #require(try pieces.next())
    }
    #expect(taken == (1...49).map { UInt8($0) })
    #expect(throws: XlsxError(.malformedXML("piece 50"))) { try pieces.next() }
    // The error stays: nothing after it is taken as read.
    #expect(throws: XlsxError(.malformedXML("piece 50"))) { try pieces.next() }
    #expect(made.count == 50)
  }

  /// A reader is woken when half the queue is ready or the last element is: a producer slower
  /// than its reader, or one that ends (or fails) with fewer waiting, still hands over every
  /// element, in order.
  @Test func aSlowProducersElementsAllArrive() throws {
    for count in [0, 1, 3, 20] {
      var next = 0
      let pieces = Prefetcher(depth: 8) { () throws(XlsxError) -> [UInt8]? in
        Thread.sleep(forTimeInterval: 0.002)
        next += 1
        return next <= count ? [UInt8(next)] : nil
      }
      var taken: [UInt8] = []
      while let piece = try pieces.next() { taken += piece }
      #expect(taken == (0..<count).map { UInt8($0 + 1) })
      #expect(try pieces.next() == nil)
    }
    var next = 0
    let failing = Prefetcher(depth: 8) { () throws(XlsxError) -> [UInt8]? in
      next += 1
      if next == 3 { throw XlsxError(.malformedXML("piece 3")) }
      return [UInt8(next)]
    }
    #expect(try failing.next() == [1])
    #expect(try failing.next() == [2])
    #expect(throws: XlsxError(.malformedXML("piece 3"))) { try failing.next() }
  }

  @Test func droppingThePrefetcherStopsItsThread() throws {
    let made = Counter()
    do {
      let pieces = Prefetcher(depth: 2) { () throws(XlsxError) -> [UInt8]? in
        made.add()
        return [1]
      }
      _ = try pieces.next()
    }
    Thread.sleep(forTimeInterval: 0.05)
    let after = made.count
    Thread.sleep(forTimeInterval: 0.05)
    #expect(made.count == after)
    #expect(after <= 1 + 2 + 1)
  }
}
