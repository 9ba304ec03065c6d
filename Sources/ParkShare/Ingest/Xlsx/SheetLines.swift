/// A sheet's rows as lines (`XlsxRows.nextLine`), made on a thread of their own in batches
/// while the caller reads the batch before: with the sheet inflating on a third thread, the
/// inflating, the XML and the reading of values each take a share of both cores. Batches
/// come in row order; a sheet's error comes after the lines before it, as `nextLine` gives
/// them. At most 32 batches of about `batchBytes` wait (8 MiB): enough work in hand for the
/// reader to go on while the threads before it are set aside (see `XlsxWorkbook.rows`).
final class SheetLines {
  struct Batch {
    /// The lines one after another.
    var bytes: [UInt8] = []
    /// Each line's sheet row and the end of its bytes in `bytes`.
    var lines: [(number: Int, end: Int)] = []
  }

  private let batches: Prefetcher<Batch>

  init(
    _ rows: XlsxRows, separator: UInt8, dateColumn: Int?, dateOnly: Bool, fields: Int,
    batchBytes: Int = 256 << 10
  ) {
    var failed: XlsxError? = nil
    var line: [UInt8] = []
    batches = Prefetcher(depth: 32) { () throws(XlsxError) -> Batch? in
      if let failed { throw failed }
      var batch = Batch()
      batch.bytes.reserveCapacity(batchBytes + 4096)
      do throws(XlsxError) {
        while batch.bytes.count < batchBytes,
          let number = try rows.nextLine(
            into: &line, separator: separator, dateColumn: dateColumn, dateOnly: dateOnly,
            fields: fields)
        {
          batch.bytes += line
          batch.lines.append((number, batch.bytes.count))
        }
      } catch {
        // The lines read before the error first.
        if batch.lines.isEmpty { throw error }
        failed = error
      }
      return batch.lines.isEmpty ? nil : batch
    }
  }

  /// The next batch, nil after the last.
  func next() throws(XlsxError) -> Batch? { try batches.next() }
}
