import Foundation

extension ReadingsReader {
  /// Opens a readings file laid out as `profile` says: skips the lines above the header, reads
  /// the header in the profile's encoding and finds the profile's columns in it.
  static func openProfiled(
    _ path: String, _ profile: ImportProfile, _ diagnostics: inout [Diagnostic]
  ) -> OpenFile? {
    guard var f = openFile(path, &diagnostics, header: false) else { return nil }
    func refuse(_ id: DiagnosticID, _ message: String, line: Int, hint: String, quote: String?) {
      var d = Diagnostic.error(
        id, message,
        at: SourceRange(
          file: path, start: .init(line: line, column: 1),
          end: .init(line: line, column: max(quote?.count ?? 1, 1) + 1)), hint: hint)
      d.quote = quote
      diagnostics.append(d)
      close(f.fd)
    }
    // The header is line skip + 1: find the line feeds before and after it.
    let want = min(f.size, lineLimit * (profile.skip + 1))
    var head = [UInt8](repeating: 0, count: want)
    let got = head.withUnsafeMutableBytes { pread(f.fd, $0.baseAddress, $0.count, 0) }
    head = Array(head.prefix(max(got, 0)))
    f.headRead = max(got, 0)
    var start = 0
    for _ in 0..<profile.skip {
      guard let nl = head[start...].firstIndex(of: 10) else {
        refuse(
          .emptyFile, "the file ends before its header (the profile skips \(profile.skip) lines)",
          line: 1, hint: "check skip = N in import.profile", quote: nil)
        return nil
      }
      start = nl + 1
    }
    let newline = head[start...].firstIndex(of: 10)
    guard newline != nil || f.size == head.count, start < head.count else {
      refuse(
        .emptyFile,
        start >= head.count ? "the file has no header line" : "the header line is too long",
        line: profile.skip + 1, hint: "the header names the columns", quote: nil)
      return nil
    }
    var raw = Array(head[start..<(newline ?? head.count)])
    if raw.last == 13 { raw.removeLast() }
    if raw.contains(13) {
      let d = crOnly(
        at: SourceRange(
          file: path, start: .init(line: profile.skip + 1, column: 1),
          end: .init(line: profile.skip + 1, column: 2)))
      refuse(d.id, d.message, line: profile.skip + 1, hint: d.hint ?? "", quote: nil)
      return nil
    }
    if profile.encoding == .gb18030 {
      var utf8: [UInt8] = []
      let bad = raw.withUnsafeBufferPointer { TextEncoding.utf8(fromGB18030: $0, into: &utf8) }
      guard bad == nil else {
        refuse(
          .badEncoding, "the header is not GB18030 text", line: profile.skip + 1,
          hint: "the profile says encoding = gb18030; check the file's encoding", quote: nil)
        return nil
      }
      raw = utf8
    } else if TextEncoding.firstInvalidUTF8(Data(raw)) < raw.count {
      refuse(
        .badEncoding, "the header is not UTF-8 text", line: profile.skip + 1,
        hint:
          "a file saved by Excel on a Chinese PC is GB18030: say encoding = gb18030 in import.profile",
        quote: nil)
      return nil
    }
    if raw.starts(with: [0xEF, 0xBB, 0xBF]) { raw.removeFirst(3) }
    let text = String(decoding: raw, as: UTF8.self)
    let header = text.split(
      separator: Character(UnicodeScalar(profile.delimiter)), omittingEmptySubsequences: false
    ).map {
      $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(
        in: CharacterSet(charactersIn: "\""))
    }
    switch ProfileColumns.resolve(profile, header: header) {
    case .failure(let problem):
      refuse(.badHeader, problem.message, line: profile.skip + 1, hint: problem.hint, quote: text)
      return nil
    case .success(let columns):
      f.profile = profile
      f.columns = columns
      f.dataStart = newline.map { $0 + 1 } ?? f.size
      f.head = Array(head.prefix(f.dataStart))
      f.firstLine = profile.skip + 2
      return f
    }
  }
}

extension ReadingsReader {
  /// Where each of `intervals` (`meter << 32 | slot`) was first read: its file and line, by one
  /// sequential pass over the files (`data check` names the rows of the spikes it finds).
  static func rows(
    of intervals: Set<Int>, files: [String], meters: [RegisteredMeter], period: Period,
    profile: ImportProfile?, replacements: [Int: [MeterReplacement]]
  ) -> [Int: (file: String, line: Int)] {
    guard !intervals.isEmpty else { return [:] }
    var ignored: [Diagnostic] = []
    var open: [OpenFile] = []
    defer { for f in open { close(f.fd) } }
    let layout = ReadingsLayout(meters: meters, period: period)
    let ids = meters.map(\.id)
    // Workbooks name the sheet row; where an interval is in a CSV file and a workbook, the
    // CSV file's row is given (the workbooks are read after the CSV files, as in `read`).
    var inWorkbooks: [Int: (file: String, line: Int)] = [:]
    for path in files where path.hasSuffix(".xlsx") {
      let read = readWorkbook(
        path, file: 0, profile: profile, layout: layout, ids: ids, replacements: replacements,
        watch: intervals, &ignored)
      for (k, line) in read.firstSeen where inWorkbooks[k] == nil { inWorkbooks[k] = (path, line) }
    }
    for path in files where !path.hasSuffix(".xlsx") {
      let opened =
        profile.map { openProfiled(path, $0, &ignored) } ?? openFile(path, &ignored)
      if let f = opened { open.append(f) }
    }
    let chunks = Self.chunks(of: open, size: DataBundle.defaultChunkSize)
    let seen = sequentialPass(
      chunks, files: open, layout: layout, ids: ids, replacements: replacements, watch: intervals
    ).firstSeen
    return seen.mapValues { (open[$0.file].path, $0.line) }.merging(inWorkbooks) { csv, _ in csv }
  }
}

extension ReadingsReader {
  /// Scans whole lines of `f`: plain rows, or rows as the bundle's import profile lays them out
  /// (`registers` carries register reads from chunk to chunk).
  static func scan(
    _ s: inout ReadingsScanner, _ carry: inout ProfiledScanner.Carry, _ f: OpenFile,
    _ b: UnsafeBufferPointer<UInt8>, firstLine: Int, replacements: [Int: [MeterReplacement]]
  ) -> Int {
    guard let profile = f.profile, let columns = f.columns else {
      return s.scan(b, firstLine: firstLine)
    }
    var p = ProfiledScanner(
      profile: profile, columns: columns, carry: carry, replacements: replacements)
    let n = p.scan(b, firstLine: firstLine, into: &s)
    carry = p.carry
    return n
  }

  /// The register steps across chunk boundaries of the fast pass: each chunk's first read of a
  /// meter with the last read before it, in chunk order. Problems are only counted: the slow
  /// pass reads the files in order and names them.
  static func joinRegisters(
    _ ends: [ProfiledScanner.Carry?], profile: ImportProfile, columns: ProfileColumns,
    layout: ReadingsLayout, ids: [String], replacements: [Int: [MeterReplacement]],
    _ total: ReadingsTally
  ) -> ReadingsTally {
    var s = ReadingsScanner(
      layout: layout, meterIds: ids, file: 0, order: (0, 0, 0), reporting: false, tally: total)
    var p = ProfiledScanner(
      profile: profile, columns: columns, carry: .init(meters: layout.meterCount),
      replacements: replacements)
    var last = ProfiledScanner.Registers(repeating: nil, count: layout.meterCount)
    let none: [UInt8] = [0]
    none.withUnsafeBufferPointer { b in
      let a = b.baseAddress!
      let empty = UnsafeBufferPointer(start: a, count: 0)
      for case let c? in ends {
        for m in 0..<layout.meterCount {
          if let first = c.firsts[m], let before = last[m],
            first.at != before.at || first.value != before.value
          {
            p.step(m, from: before, to: first, empty, empty, a, a, line: 0, &s)
          }
          if let end = c.registers[m] { last[m] = end }
        }
      }
    }
    return s.tally
  }
}
