import Foundation

/// A streaming pull tokenizer for the XML of workbook parts: start tags (with their attributes,
/// in any order, single or double quoted), end tags, self-closing tags and text, with namespace
/// prefixes stripped (`x:row` is `row`). Comments and processing instructions are skipped;
/// CDATA is text taken as is; a DOCTYPE is refused. It is not a validating parser: it reads
/// what Excel and other writers put in these parts, and throws on what it cannot read.
///
/// The current token's name, attributes and text are ranges into `buffer`, valid until the next
/// call of `next()`, so the sheet's hot path allocates nothing per tag. A struct, mutated in
/// place by its owner: a class's stored properties are checked for exclusive access at run
/// time on every use, which cost a quarter of the time of reading a sheet.
struct XMLTokenizer {
  enum Kind {
    case start
    case end
    case text
    case eof
  }

  private(set) var kind = Kind.eof
  /// A start tag that closes itself (`<c r="A1"/>`): no end token follows.
  private(set) var selfClosing = false
  /// The local name of the start or end tag.
  private(set) var name: Range<Int> = 0..<0
  /// Local names and raw values (entities not yet decoded) of the start tag's attributes: the
  /// first `attributeCount` (the array keeps its storage from tag to tag).
  private(set) var attributes: [(name: Range<Int>, value: Range<Int>)] = []
  private(set) var attributeCount = 0
  /// The raw text; `raw` when it came from CDATA (no entities to decode).
  private(set) var text: Range<Int> = 0..<0
  private(set) var raw = false
  private(set) var buffer: [UInt8] = []

  var pos = 0
  private var sourceDone = false
  /// Whether a piece has been read (a byte-order mark is skipped before the first only).
  private var started = false
  private let source: () throws(XlsxError) -> [UInt8]?
  let maxToken: Int
  /// Where errors are: the part (and sheet) this tokenizer reads.
  let location: XlsxError

  init(
    location: XlsxError, maxToken: Int, source: @escaping () throws(XlsxError) -> [UInt8]?
  ) {
    self.location = location
    self.maxToken = maxToken
    self.source = source
  }

  /// Tokenizes bytes held whole (the workbook, its relationships).
  init(bytes: [UInt8], location: XlsxError, maxToken: Int) {
    var given = false
    self.init(location: location, maxToken: maxToken) { () throws(XlsxError) -> [UInt8]? in
      if given { return nil }
      given = true
      return bytes
    }
  }

  func fail(_ problem: XlsxError.Problem) -> XlsxError {
    var e = location
    e.problem = problem
    return e
  }

  /// Appends the next piece of input, first dropping what lies before `keep` (the start of
  /// the token being read). False at the end of the input.
  mutating func more(keeping keep: Int) throws(XlsxError) -> Bool {
    if sourceDone { return false }
    if keep > 0 {
      buffer.removeSubrange(0..<keep)
      pos -= keep
    }
    guard let piece = try source() else {
      sourceDone = true
      return false
    }
    // A byte-order mark only at the part's start: later (a cell's text at a piece's start) it
    // is text, kept as the one-pass row read keeps it.
    defer { started = true }
    if !started && piece.starts(with: [0xEF, 0xBB, 0xBF]) {
      buffer.append(contentsOf: piece.dropFirst(3))  // a UTF-8 byte-order mark
    } else {
      buffer.append(contentsOf: piece)
    }
    return true
  }

  /// Reads the rest of the input without tokenizing it, so the archive checks the part's
  /// size and CRC-32 (which it can only do at its end).
  mutating func drain() throws(XlsxError) {
    while !sourceDone {
      if try source() == nil { sourceDone = true }
    }
    buffer.removeAll()
    pos = 0
  }

  /// The error to report for `error`, thrown while reading a streamed part: a byte damaged in
  /// the archive can inflate to XML that breaks anywhere (an invented row, an unquoted
  /// attribute), so the rest of the part is read through, and when its CRC-32 or size fails,
  /// that failure is the truth and is reported instead.
  mutating func damage(behind error: XlsxError) -> XlsxError {
    if case .archive = error.problem { return error }
    do throws(XlsxError) {
      try drain()
    } catch {
      if case .archive = error.problem { return error }
    }
    return error
  }

  /// The index of `byte` at or after `from`, nil if it is not in the buffer.
  private func find(_ byte: UInt8, from: Int) -> Int? {
    if from >= buffer.count { return nil }
    return buffer.withUnsafeBufferPointer { b -> Int? in
      guard let p = memchr(b.baseAddress! + from, Int32(byte), b.count - from) else { return nil }
      return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }
  }

  /// The index just after `marker` at or after `from`, nil if it is not in the buffer.
  private func find(_ marker: [UInt8], from: Int) -> Int? {
    var at = from
    while let i = find(marker[0], from: at) {
      if i + marker.count > buffer.count { return nil }
      if buffer[i..<(i + marker.count)].elementsEqual(marker) { return i + marker.count }
      at = i + 1
    }
    return nil
  }

  /// What ends the token at `pos`.
  private enum Scan {
    /// A byte, searched from `pos + from`.
    case byte(UInt8, from: Int)
    /// A marker, searched from `pos + from`; the token ends after it.
    case marker([UInt8], from: Int)
    /// The `>` of the tag, outside quoted values.
    case tagEnd
  }

  private func locate(_ scan: Scan) -> Int? {
    switch scan {
    case .byte(let b, let from): find(b, from: pos + from)
    case .marker(let m, let from): find(m, from: pos + from)
    case .tagEnd: tagEnd()
    }
  }

  /// The index after the token at `pos`, reading more input while the buffer does not hold it
  /// all; nil if the input ends first.
  private mutating func whole(_ scan: Scan) throws(XlsxError) -> Int? {
    while true {
      if let e = locate(scan) {
        if e - pos > maxToken { throw fail(.tokenTooLong(limit: maxToken)) }
        return e
      }
      if buffer.count - pos > maxToken { throw fail(.tokenTooLong(limit: maxToken)) }
      if !(try more(keeping: pos)) { return nil }
    }
  }

  private static let commentOpen = Array("<!--".utf8)
  private static let commentClose = Array("-->".utf8)
  private static let cdataOpen = Array("<![CDATA[".utf8)
  private static let cdataClose = Array("]]>".utf8)
  private static let piClose = Array("?>".utf8)

  @discardableResult
  mutating func next() throws(XlsxError) -> Kind {
    while true {
      if pos >= buffer.count {
        if !(try more(keeping: pos)) {
          kind = .eof
          return kind
        }
        continue
      }
      if buffer[pos] != UInt8(ascii: "<") {
        // Text up to the next tag (or the end of the input).
        let end = try whole(.byte(UInt8(ascii: "<"), from: 0))
        let stop = end ?? buffer.count
        text = pos..<stop
        raw = false
        pos = stop
        kind = .text
        return kind
      }
      // Enough bytes to tell the kind of markup.
      while buffer.count - pos < 9 {
        if !(try more(keeping: pos)) { break }
      }
      if buffer.count - pos < 2 { throw fail(.malformedXML("'<' at the end")) }
      let second = buffer[pos + 1]
      if second == UInt8(ascii: "!") {
        if buffer[pos...].starts(with: Self.commentOpen) {
          try skip(to: Self.commentClose, what: "unterminated comment")
          continue
        }
        if buffer[pos...].starts(with: Self.cdataOpen) {
          guard let end = try whole(.marker(Self.cdataClose, from: 9)) else {
            throw fail(.malformedXML("unterminated CDATA"))
          }
          text = (pos + 9)..<(end - 3)
          raw = true
          pos = end
          kind = .text
          return kind
        }
        throw fail(.doctype)
      }
      if second == UInt8(ascii: "?") {
        try skip(to: Self.piClose, what: "unterminated processing instruction")
        continue
      }
      guard let end = try whole(.tagEnd) else {
        throw fail(.malformedXML("unterminated tag"))
      }
      try tag(pos, end)
      pos = end
      return kind
    }
  }

  private mutating func skip(to marker: [UInt8], what: String) throws(XlsxError) {
    guard let end = try whole(.marker(marker, from: 2)) else { throw fail(.malformedXML(what)) }
    pos = end
  }

  /// The index after the `>` closing the tag at `pos`, skipping `>` inside quoted values.
  func tagEnd() -> Int? {
    buffer.withUnsafeBufferPointer { b -> Int? in
      var i = pos + 1
      var quote: UInt8 = 0
      while i < b.count {
        let c = b[i]
        if quote != 0 {
          if c == quote { quote = 0 }
        } else if c == UInt8(ascii: ">") {
          return i + 1
        } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
          quote = c
        }
        i += 1
      }
      return nil
    }
  }

  @inline(__always) private static func isSpace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D
  }

  /// Reads the tag in `start..<end` (from `<` to after `>`).
  mutating func tag(_ start: Int, _ end: Int) throws(XlsxError) {
    // Scanned through a pointer into locals (the attribute storage moved out and back), so
    // the loop neither checks bounds nor touches `self`.
    var attrs = attributes
    attributes = []
    var count = 0
    let scan = buffer.withUnsafeBufferPointer { b in
      Self.scanTag(b, start, end, &attrs, &count)
    }
    attributes = attrs
    attributeCount = count
    switch scan {
    case .failure(let what): throw fail(.malformedXML(what))
    case .success(let t):
      name = t.name
      selfClosing = t.selfClosing
      kind = t.closing ? .end : .start
    }
  }

  private struct TagScan {
    let name: Range<Int>
    let closing: Bool
    let selfClosing: Bool
  }

  private enum ScanResult {
    case success(TagScan)
    case failure(String)
  }

  private static func scanTag(
    _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
    _ attributes: inout [(name: Range<Int>, value: Range<Int>)], _ count: inout Int
  ) -> ScanResult {
    var i = start + 1
    let closing = b[i] == UInt8(ascii: "/")
    if closing { i += 1 }
    var last = end - 1  // the '>'
    let selfClosing = !closing && b[last - 1] == UInt8(ascii: "/")
    if selfClosing { last -= 1 }
    let nameStart = i
    var local = i
    while i < last && !isSpace(b[i]) {
      if b[i] == UInt8(ascii: ":") { local = i + 1 }
      i += 1
    }
    if i == nameStart || local == i { return .failure("a tag without a name") }
    let tag = TagScan(name: local..<i, closing: closing, selfClosing: selfClosing)
    if closing { return .success(tag) }
    while true {
      while i < last && isSpace(b[i]) { i += 1 }
      if i >= last { return .success(tag) }
      var attrLocal = i
      let attrStart = i
      while i < last && b[i] != UInt8(ascii: "=") && !isSpace(b[i]) {
        if b[i] == UInt8(ascii: ":") { attrLocal = i + 1 }
        i += 1
      }
      let attrName = attrLocal..<i
      while i < last && isSpace(b[i]) { i += 1 }
      guard i < last, b[i] == UInt8(ascii: "="), attrStart < attrName.upperBound else {
        return .failure("an attribute without a value")
      }
      i += 1
      while i < last && isSpace(b[i]) { i += 1 }
      guard i < last, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") else {
        return .failure("an attribute value without quotes")
      }
      let quote = b[i]
      let valueStart = i + 1
      i = valueStart
      while i < last && b[i] != quote { i += 1 }
      if i >= last { return .failure("an unterminated attribute value") }
      // An attribute given twice (`<c r="A1" r="B1">`) is not XML: which one counts is a guess.
      for k in 0..<count where attributes[k].name.count == attrName.count {
        if memcmp(
          b.baseAddress! + attributes[k].name.lowerBound, b.baseAddress! + attrName.lowerBound,
          attrName.count) == 0
        {
          return .failure("an attribute given twice")
        }
      }
      if count < attributes.count {
        attributes[count] = (attrName, valueStart..<i)
      } else {
        attributes.append((attrName, valueStart..<i))
      }
      count += 1
      i += 1
    }
  }
}
