import Dispatch
import Foundation

/// Reads a period's interval readings (`meter,timestamp,kwh`, one file or several) into
/// `MeterSums`, in parallel and in memory that does not grow with the number of rows.
///
/// Files are cut into fixed chunks read by a few threads, each into its own tally; tallies are
/// merged exactly (integer micro-kWh), so the result does not depend on how rows are split into
/// files or ordered. Problems are only counted on this fast pass; when there are any, a second,
/// sequential pass names each problem row with its file and line, so the report is the same on
/// every machine.
enum ReadingsReader {
  struct Output {
    var sums: MeterSums?
    var diagnostics: [Diagnostic]
    var rows: Int
    var bytes: Int
    /// With `keepValues`: every interval's reading, and which intervals were read.
    var tally: ReadingsTally? = nil
    var layout: ReadingsLayout? = nil
    /// With `digests`: each CSV file's BLAKE2b-256 by path, from the fast pass's own reads.
    var digests: [String: String] = [:]
    /// Bytes read from the CSV files on the fast pass, headers included.
    var bytesRead = 0
    /// The CSV files the reader opened (a file refused at its header is not): the others are
    /// hashed apart.
    var opened: Set<String> = []
  }

  struct Chunk: Sendable {
    var file: Int
    var start: Int
    var end: Int
  }

  struct OpenFile: Sendable {
    var path: String
    var fd: Int32
    var size: Int
    var dataStart: Int
    var order: (meter: Int, time: Int, kwh: Int)
    /// The bundle's import profile, with this file's columns, when there is one.
    var profile: ImportProfile? = nil
    var columns: ProfileColumns? = nil
    /// The line number of the first line after the header.
    var firstLine = 2
    /// The bytes before `dataStart` (the header and any lines skipped above it), as read when
    /// the file was opened: the start of the file's digest.
    var head: [UInt8] = []
    /// Bytes read to find the header.
    var headRead = 0
  }

  /// The longest line read: a longer one is refused (no readings row comes close).
  static let lineLimit = 64 << 10
  /// Problems of one kind shown per file; the rest are counted.
  static let shownPerKind = 20

  static func read(
    files: [String], meters: [RegisteredMeter], period: Period, cuts: [CalendarDay] = [],
    gaps: GapPolicy, estimation: Estimation? = nil, profile: ImportProfile? = nil,
    replacements: [Int: [MeterReplacement]] = [:],
    registry: CSVSheet, refusedMeters: Set<String> = [], threads: Int,
    chunkSize: Int = DataBundle.defaultChunkSize, keepValues: Bool = false, digests: Bool = false,
    peaks: Set<MeterKind> = [], peaksByMember: Set<MeterKind> = []
  ) -> Output {
    var diagnostics: [Diagnostic] = []
    var open: [OpenFile] = []
    defer { for f in open { close(f.fd) } }
    let workbooks = files.filter { $0.hasSuffix(".xlsx") }
    for path in files where !path.hasSuffix(".xlsx") {
      let opened =
        profile.map { openProfiled(path, $0, &diagnostics) } ?? openFile(path, &diagnostics)
      if let f = opened { open.append(f) }
    }
    let layout = ReadingsLayout(
      meters: meters, period: period, cuts: cuts, peaks: peaks, peaksByMember: peaksByMember)
    // A demand is formed interval by interval: a kind `peak(...)` reads must be on one interval.
    for (m, first) in ReadingsLayout.peakProblems(meters, peaks: peaks) {
      diagnostics.append(
        .error(
          .badRegistry,
          "meter '\(meters[m].id)' is read every \(meters[m].interval) minutes, meter '\(meters[first].id)' of the same kind (\(meters[m].kind.rawValue)) every \(meters[first].interval): peak(...) adds them interval by interval",
          at: registry.at(meters[m].line),
          hint: "read every meter of a kind whose demand is billed on one interval (15 minutes)"))
    }
    let ids = meters.map(\.id)
    let chunks = Self.chunks(of: open, size: chunkSize)
    // Fast pass: sums only.
    let workers = max(1, min(threads, chunks.count, 16))
    // Register reads are differenced read by read: each chunk keeps its first and last read of
    // every meter, and the reads either side of each chunk boundary are joined after, in order.
    let isRegister = profile?.layout == .register
    let ends = UnsafeMutableBufferPointer<ProfiledScanner.Carry?>.allocate(
      capacity: isRegister ? chunks.count : 0)
    ends.initialize(repeating: nil)
    defer { ends.deallocate() }
    let chunkEnds = CarrySlots(ends)
    let results = UnsafeMutableBufferPointer<ReadingsTally?>.allocate(capacity: workers)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    let slots = SendableSlots(results)
    let files = open
    let allChunks = chunks
    // Workers take chunks in order; with `digests` each file is hashed from the same buffers.
    let queue = ChunkQueue(files: files, chunks: chunks, hashing: digests)
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      var buffer: [UInt8] = []
      var tally = ReadingsTally(layout, keepValues: keepValues)
      while let k = queue.take() {
        var carry = ProfiledScanner.Carry(meters: layout.meterCount)
        let c = allChunks[k]
        let f = files[c.file]
        var scanner = ReadingsScanner(
          layout: layout, meterIds: ids, file: c.file, order: f.order, reporting: false,
          tally: tally)
        let loaded = load(c, of: f, into: &buffer)
        if loaded.tooLong { scanner.tally.problems += 1 }
        buffer.withUnsafeBufferPointer { b in
          _ = scan(
            &scanner, &carry, f, UnsafeBufferPointer(rebasing: b[loaded.lines]), firstLine: 0,
            replacements: replacements)
          let own = (c.start - loaded.from)..<(c.end - loaded.from)
          queue.scanned(
            k,
            loaded.read >= own.upperBound
              ? UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: b[own])) : nil,
            read: loaded.read)
        }
        if isRegister { chunkEnds.put(k, carry) }
        tally = scanner.tally
      }
      slots.put(w, tally)
    }
    var total = ReadingsTally(layout, keepValues: keepValues)
    for w in 0..<workers { if let t = results[w] { total.merge(t, layout: layout) } }
    // Workbooks, each on its own: their problems are named as they are read.
    // Each reads on from the sums so far, so an interval read in an earlier file (CSV or
    // workbook) and again in a workbook is a duplicate named at the sheet's row.
    for path in workbooks {
      let (problems, duplicates) = (total.problems, total.duplicates)
      total =
        readWorkbook(
          path, file: open.count, profile: profile, layout: layout, ids: ids,
          replacements: replacements, keepValues: keepValues, after: total, &diagnostics
        ).tally
      // Counted already in the diagnostics: the CSV files' slow pass must not run for them.
      (total.problems, total.duplicates) = (problems, duplicates)
    }
    if isRegister, let profile, let f = open.first(where: { $0.columns != nil }) {
      total = joinRegisters(
        Array(ends), profile: profile, columns: f.columns!, layout: layout, ids: ids,
        replacements: replacements, total)
    }

    if total.problems > 0 || total.duplicates > 0 {
      diagnostics += describeProblems(
        chunks, files: open, layout: layout, ids: ids, refusedMeters: refusedMeters,
        replacements: replacements)
    }
    for k in total.seriesOverflow.sorted() {
      let kind = layout.seriesKinds[k]
      let first = meters.firstIndex { $0.kind == kind } ?? 0
      diagnostics.append(
        .error(
          .kwhOverflow,
          "the meters of kind \(kind.rawValue) add up past 9.2 trillion kWh in one interval of \(period) (peak(...) adds them interval by interval)",
          at: registry.at(meters[first].line), hint: "check the readings' units: they must be kWh"))
    }
    for m in total.overflowMeters.sorted() {
      diagnostics.append(
        .error(
          .kwhOverflow,
          "meter '\(meters[m].id)': its readings for one interval of the day add up past 9.2 trillion kWh in \(period)",
          at: registry.at(meters[m].line), hint: "check the readings' units: they must be kWh"))
    }
    // Short gaps filled as the contract's `estimate` says, before the gap rule sees what is left.
    var estimated = Array(repeating: 0, count: layout.meterCount)
    if let estimation, total.problems == 0, total.duplicates == 0 {
      let runs = GapEstimator.runs(layout, total, estimation)
      if !runs.isEmpty {
        let watch = GapEstimator.sources(runs, estimation, layout: layout, total)
        var values = sequentialPass(
          chunks, files: open, layout: layout, ids: ids, replacements: replacements,
          watch: watch
        ).values
        // The neighbours of a gap may be in a workbook: read again for them (only when there
        // is a gap to fill).
        for path in workbooks {
          var ignored: [Diagnostic] = []
          values.merge(
            readWorkbook(
              path, file: open.count, profile: profile, layout: layout, ids: ids,
              replacements: replacements, watch: watch, &ignored
            ).values
          ) { first, _ in first }
        }
        estimated = GapEstimator.fill(runs, estimation, values: values, layout: layout, &total)
      }
    }
    let missing = (0..<layout.meterCount).map { m in
      let offset = layout.markOffset[m]
      let words = (layout.markCount[m] + 63) / 64
      return layout.markCount[m]
        - total.marks[offset..<offset + words].reduce(0) { $0 + $1.nonzeroBitCount }
    }
    // Coverage is judged only on a clean read of a whole registry: a refused meter's readings
    // were not counted.
    if !diagnostics.hasErrors && refusedMeters.isEmpty {
      diagnostics += checkCoverage(
        meters: meters, layout: layout, tally: total, missing: missing, gaps: gaps,
        period: period, registry: registry)
    }
    let sums =
      diagnostics.hasErrors
      ? nil
      : MeterSums(
        meters: meters, layout: layout, tally: total, missing: missing, estimated: estimated)
    return Output(
      sums: sums, diagnostics: diagnostics, rows: total.totalRows, bytes: total.bytes,
      tally: keepValues ? total : nil, layout: keepValues ? layout : nil,
      digests: queue.digests(), bytesRead: queue.bytesRead + open.reduce(0) { $0 + $1.headRead },
      opened: Set(open.map(\.path)))
  }

  /// A file whose lines end in CR alone (old Mac tools) reads as one long line.
  static func crOnly(at range: SourceRange) -> Diagnostic {
    .error(
      .badHeader, "the file's lines end in a carriage return alone (CR, old Mac style)",
      at: range,
      hint: "save it with Windows (CRLF) or Unix (LF) line ends: Excel's 'CSV UTF-8' does")
  }

  /// Opens a readings file and reads its header: the three columns in any order.
  static func openFile(
    _ path: String, _ diagnostics: inout [Diagnostic], header: Bool = true
  ) -> OpenFile? {
    let top = SourceRange(
      file: path, start: .init(line: 1, column: 1), end: .init(line: 1, column: 2))
    let fd: Int32
    switch RegularFile.open(path) {
    case .success(let d): fd = d
    case .failure(.notRegular(let kind)):
      diagnostics.append(Limits.notRegular(path, kind: kind, at: top))
      return nil
    case .failure(.unreadable):
      diagnostics.append(.error(.missingFile, "cannot read '\(path)'", at: top))
      return nil
    }
    var info = stat()
    fstat(fd, &info)
    let size = Int(info.st_size)
    guard header else {
      return OpenFile(path: path, fd: fd, size: size, dataStart: 0, order: (0, 0, 0))
    }
    var head = [UInt8](repeating: 0, count: min(size, lineLimit))
    let got = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
    head = Array(head.prefix(max(got, 0)))
    let newline = head.firstIndex(of: 10)
    guard !head.isEmpty, newline != nil || size <= lineLimit else {
      if head.contains(13) {
        diagnostics.append(crOnly(at: top))
        close(fd)
        return nil
      }
      diagnostics.append(
        .error(
          .emptyFile, head.isEmpty ? "readings file is empty" : "the header line is too long",
          at: top, hint: "a readings file starts with the header meter,timestamp,kwh"))
      close(fd)
      return nil
    }
    let end = newline ?? head.count
    var line = Array(head[..<end])
    if line.last == 13 { line.removeLast() }

    if line.starts(with: [0xEF, 0xBB, 0xBF]) {
      line.removeFirst(3)
    }
    // Two headers that are not wrong in their names: a file whose lines end in CR alone (old
    // Mac tools), read as one long line; and text that is not UTF-8 (Excel on a Chinese PC
    // saves GB18030). Each gets its own message, not "the header must name ...".
    let lineRange = SourceRange(
      file: path, start: .init(line: 1, column: 1), end: .init(line: 1, column: 2))
    if line.contains(13) {
      diagnostics.append(crOnly(at: lineRange))
      close(fd)
      return nil
    }
    if TextEncoding.firstInvalidUTF8(Data(line)) < line.count {
      diagnostics.append(
        .error(
          .badEncoding, "the header is not UTF-8 text", at: lineRange,
          hint:
            "a file saved by Excel on a Chinese PC is GB18030: put encoding = gb18030 in an import.profile beside it (docs/data-format.md), or save it as 'CSV UTF-8'"
        ))
      close(fd)
      return nil
    }
    let names = String(decoding: line, as: UTF8.self).split(
      separator: ",", omittingEmptySubsequences: false
    ).map {
      $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(
        in: CharacterSet(charactersIn: "\""))
    }
    let wanted = ["meter", "timestamp", "kwh"]
    guard names.count == 3, Set(names) == Set(wanted) else {
      let range = SourceRange(
        file: path, start: .init(line: 1, column: 1),
        end: .init(line: 1, column: String(decoding: line, as: UTF8.self).count + 1))
      var d = Diagnostic.error(
        .badHeader, "the header must name the columns meter, timestamp and kwh", at: range,
        hint:
          "the first line should read: meter,timestamp,kwh; a platform export in another layout is read through an import.profile (docs/data-format.md)"
      )
      d.quote = String(decoding: line, as: UTF8.self)
      diagnostics.append(d)
      close(fd)
      return nil
    }
    let dataStart = newline.map { $0 + 1 } ?? size
    return OpenFile(
      path: path, fd: fd, size: size, dataStart: dataStart,
      order: (
        names.firstIndex(of: "meter")!, names.firstIndex(of: "timestamp")!,
        names.firstIndex(of: "kwh")!
      ), head: Array(head.prefix(dataStart)), headRead: max(got, 0))
  }

  /// The files cut into chunks of `size` bytes, in file order.
  static func chunks(of files: [OpenFile], size: Int) -> [Chunk] {
    var chunks: [Chunk] = []
    for (i, f) in files.enumerated() {
      var s = f.dataStart
      while s < f.size {
        chunks.append(Chunk(file: i, start: s, end: min(s + size, f.size)))
        s += size
      }
    }
    return chunks
  }

  /// Bytes read past a chunk's end to finish its last line; a longer line is read on to the
  /// line limit. Small, so the bytes two threads both read are a few lines a chunk.
  static let overlap = 4 << 10

  /// Reads chunk `c` into `buffer` (from the byte before it) and returns the range of the whole
  /// lines that start inside it; `tooLong` when a line runs past the line limit; `from` is the
  /// file offset of `buffer[0]` and `read` the bytes read.
  static func load(_ c: Chunk, of f: OpenFile, into buffer: inout [UInt8]) -> (
    lines: Range<Int>, tooLong: Bool, from: Int, read: Int
  ) {
    let from = c.start > f.dataStart ? c.start - 1 : c.start
    let limit = min(f.size, c.end + lineLimit)
    if buffer.count < limit - from { buffer = [UInt8](repeating: 0, count: limit - from) }
    var got = 0
    func fill(to: Int) {
      buffer.withUnsafeMutableBytes { raw in
        while got < to - from {
          let n = pread(f.fd, raw.baseAddress! + got, to - from - got, off_t(from + got))
          if n < 0 && errno == EINTR { continue }
          if n <= 0 { break }
          got += n
        }
      }
    }
    fill(to: min(f.size, c.end + overlap))
    // Read on to the line limit at most once, when the chunk's last line needs it; a file that
    // ends early (it shrank while read) ends the reading there too.
    var more = got == min(f.size, c.end + overlap) - from && got < limit - from
    while true {
      let lines = buffer.withUnsafeBufferPointer { b -> (Range<Int>, Bool)? in
        var begin = 0
        if c.start > f.dataStart {
          // The byte before the chunk: a line starts here only after a line feed.
          guard let nl = firstNewline(b, from: 0, to: got) else {
            return more ? nil : (0..<0, false)
          }
          begin = nl + 1
        }
        guard from + begin < c.end else { return (0..<0, false) }
        let lastStart = c.end - 1 - from
        if let nl = firstNewline(b, from: lastStart, to: got) { return (begin..<nl + 1, false) }
        if from + got >= f.size { return (begin..<got, false) }
        if more { return nil }
        // A line longer than the limit: read the whole lines before it, then stop.
        var end = got
        while end > begin && b[end - 1] != 10 { end -= 1 }
        return (begin..<end, true)
      }
      if let (range, tooLong) = lines { return (range, tooLong, from, got) }
      fill(to: limit)
      more = false
    }
  }

  static func firstNewline(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
    guard from < to, let base = b.baseAddress,
      let p = memchr(base + from, 10, to - from)
    else { return nil }
    return UnsafeRawPointer(p) - UnsafeRawPointer(base)
  }

  /// One sequential pass over every chunk in file order, naming each problem row; `watch` asks
  /// for where those intervals were first read.
  static func sequentialPass(
    _ chunks: [Chunk], files: [OpenFile], layout: ReadingsLayout, ids: [String],
    replacements: [Int: [MeterReplacement]], watch: Set<Int> = []
  ) -> (
    problems: [RowProblem], firstSeen: [Int: (file: Int, line: Int)], values: [Int: Int64]
  ) {
    var tally = ReadingsTally(layout)
    var problems: [RowProblem] = []
    var firstSeen: [Int: (file: Int, line: Int)] = [:]
    var values: [Int: Int64] = [:]
    var buffer: [UInt8] = []
    var carry = ProfiledScanner.Carry(meters: layout.meterCount)
    var line = 2
    var current = -1
    var stopped = Set<Int>()
    for c in chunks where !stopped.contains(c.file) {
      let f = files[c.file]
      if c.file != current {
        current = c.file
        line = f.firstLine
      }
      var scanner = ReadingsScanner(
        layout: layout, meterIds: ids, file: c.file, order: f.order, reporting: true, tally: tally)
      scanner.watch = watch
      scanner.firstSeen = firstSeen
      scanner.watchedValues = values
      let complete = load(c, of: f, into: &buffer)
      buffer.withUnsafeBufferPointer { b in
        line += scan(
          &scanner, &carry, f, UnsafeBufferPointer(rebasing: b[complete.lines]),
          firstLine: line, replacements: replacements)
      }
      if complete.tooLong {
        problems.append(
          RowProblem(
            file: c.file, line: line, columns: 1..<2, id: .lineTooLong,
            message:
              "line is longer than \(lineLimit / 1024) KiB; the rest of the file was not read",
            hint: "a readings row is meter,timestamp,kwh on one line", text: ""))
        stopped.insert(c.file)
      }
      tally = scanner.tally
      firstSeen = scanner.firstSeen
      values = scanner.watchedValues
      problems += scanner.problems
    }
    return (problems, firstSeen, values)
  }

  /// The slow pass, run only when the fast one found problems: each problem row with its file,
  /// line and column; a duplicate with a note where its interval was first read; at most
  /// `shownPerKind` of a kind per file, then a count of the rest.
  static func describeProblems(
    _ chunks: [Chunk], files: [OpenFile], layout: ReadingsLayout, ids: [String],
    refusedMeters: Set<String>, replacements: [Int: [MeterReplacement]]
  ) -> [Diagnostic] {
    let problems = sequentialPass(
      chunks, files: files, layout: layout, ids: ids, replacements: replacements
    ).problems
      .filter { $0.meter.map { !refusedMeters.contains($0) } ?? true }
    // Counted per file and kind of problem.
    struct Kind: Hashable {
      var file: Int
      var id: DiagnosticID
    }
    var shown: [Kind: Int] = [:]
    var kept: [RowProblem] = []
    for p in problems {
      let key = Kind(file: p.file, id: p.id)
      shown[key, default: 0] += 1
      if shown[key]! <= shownPerKind { kept.append(p) }
    }
    let duplicates = Set(kept.compactMap(\.interval))
    let firstSeen =
      duplicates.isEmpty
      ? [:]
      : sequentialPass(
        chunks, files: files, layout: layout, ids: ids, replacements: replacements,
        watch: duplicates
      )
      .firstSeen
    var out: [Diagnostic] = []
    for p in kept {
      let range = SourceRange(
        file: files[p.file].path, start: .init(line: p.line, column: p.columns.lowerBound),
        end: .init(line: p.line, column: p.columns.upperBound))
      var notes: [Diagnostic.Note] = []
      if let key = p.interval, let first = firstSeen[key] {
        notes.append(
          .init(
            message: "first read here",
            range: SourceRange(
              file: files[first.file].path, start: .init(line: first.line, column: 1),
              end: .init(line: first.line, column: 1))))
      }
      var d = Diagnostic.error(p.id, p.message, at: range, hint: p.hint, notes: notes)
      d.quote = p.text.isEmpty ? nil : p.text
      out.append(d)
    }
    // In the order of "file id" as text, the order these counts have always come in.
    let counts = shown.sorted {
      (String($0.key.file), $0.key.id.rawValue) < (String($1.key.file), $1.key.id.rawValue)
    }
    for (key, count) in counts where count > shownPerKind {
      out.append(
        .error(
          .moreProblems,
          "\(count - shownPerKind) more '\(key.id.rawValue)' problem\(count - shownPerKind == 1 ? "" : "s") in this file",
          at: SourceRange.whole(files[key.file].path),
          hint: "\(count) rows in all; the first \(shownPerKind) are shown"))
    }
    return out
  }

  /// Meters without readings, and missing intervals under the contract's gap policy.
  static func checkCoverage(
    meters: [RegisteredMeter], layout: ReadingsLayout, tally: ReadingsTally, missing: [Int],
    gaps: GapPolicy, period: Period, registry: CSVSheet
  ) -> [Diagnostic] {
    var out: [Diagnostic] = []
    var tolerated: [String] = []
    for (m, meter) in meters.enumerated() {
      let at = registry.at(meter.line)
      if tally.rows[m] == 0 {
        out.append(
          .error(
            .noReadings, "meter '\(meter.id)' has no readings in \(period)", at: at,
            hint:
              "add its readings (0 kWh rows if it recorded nothing), or remove it from meters.csv"
          ))
        continue
      }
      guard missing[m] > 0 else { continue }
      let first = firstMissing(m, layout: layout, marks: tally.marks, count: 3)
      let count = layout.markCount[m]
      let message =
        "meter '\(meter.id)' misses \(missing[m]) of \(count) \(meter.interval)-minute intervals in \(period), from \(first.map { Timestamp.text(parkMinutes: $0) }.joined(separator: ", "))\(missing[m] > first.count ? ", ..." : "")"
      switch gaps {
      case .error:
        out.append(
          .error(
            .gap, message, at: at,
            hint:
              "complete the readings, or declare 'gaps zero' in the contract to count them as 0 kWh"
          ))
      case .zero(let limit):
        let share: Exact
        do throws(ArithmeticError) {
          share = try Exact(missing[m]) / Exact(count)
        } catch {
          // count >= missing > 0, so this cannot happen; were it to, the gap is not tolerated.
          out.append(.error(.gap, message + " (\(error))", at: at))
          continue
        }
        // Display only: the exact share when it cannot be rounded up to four places.
        let shown = (try? share.rounded(scale: 4, .up)) ?? share
        if let limit, limit < share {
          out.append(
            .error(
              .gap, message + " (\(shown.percentText), above the contract's \(limit.percentText))",
              at: at,
              hint:
                "complete the readings: the contract counts at most \(limit.percentText) as 0 kWh"))
        } else {
          tolerated.append("\(meter.id) \(missing[m]) of \(count)")
        }
      }
    }
    // Tolerated gaps are one warning for the bundle, not one per meter: a park may have many.
    if !tolerated.isEmpty {
      let shown = tolerated.prefix(10).joined(separator: ", ")
      let more = tolerated.count > 10 ? ", and \(tolerated.count - 10) more" : ""
      out.append(
        .warning(
          .gap,
          "\(tolerated.count) meter\(tolerated.count == 1 ? " misses" : "s miss") intervals in \(period), counted as 0 kWh by the contract's 'gaps zero': \(shown)\(more)",
          at: registry.at(1)))
    }
    return out
  }

  static func firstMissing(_ m: Int, layout: ReadingsLayout, marks: [UInt64], count: Int) -> [Int] {
    var out: [Int] = []
    let offset = layout.markOffset[m]
    for i in 0..<layout.markCount[m] where marks[offset + i >> 6] & (1 << UInt64(i & 63)) == 0 {
      out.append(layout.start + i * layout.interval[m])
      if out.count == count { break }
    }
    return out
  }
}

/// Per-thread results of the fast pass: each worker writes only its own slot.
struct CarrySlots: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<ProfiledScanner.Carry?>
  init(_ buffer: UnsafeMutableBufferPointer<ProfiledScanner.Carry?>) { self.buffer = buffer }
  func put(_ i: Int, _ c: ProfiledScanner.Carry) { buffer[i] = c }
}

struct SendableSlots: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<ReadingsTally?>
  init(_ buffer: UnsafeMutableBufferPointer<ReadingsTally?>) { self.buffer = buffer }
  func put(_ i: Int, _ t: ReadingsTally) { buffer[i] = t }
}
