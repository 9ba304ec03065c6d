import Foundation

/// Names, attributes and text of the current token, compared and decoded without building
/// strings on the hot path.
extension XMLTokenizer {
  /// Whether the bytes in `range` are `literal`.
  func bytes(_ range: Range<Int>, are literal: StaticString) -> Bool {
    guard range.count == literal.utf8CodeUnitCount else { return false }
    return buffer.withUnsafeBufferPointer { b in
      // Names are a few bytes (`c`, `r`, `t`, `v`): compared in place, not through a call.
      let l = literal.utf8Start
      for i in 0..<range.count where b[range.lowerBound + i] != l[i] { return false }
      return true
    }
  }

  func nameIs(_ literal: StaticString) -> Bool { bytes(name, are: literal) }

  func isStart(_ literal: StaticString) -> Bool { kind == .start && nameIs(literal) }

  func isEnd(_ literal: StaticString) -> Bool { kind == .end && nameIs(literal) }

  /// The raw value of the attribute whose local name is `literal`.
  func attribute(_ literal: StaticString) -> Range<Int>? {
    for k in 0..<attributeCount where bytes(attributes[k].name, are: literal) {
      return attributes[k].value
    }
    return nil
  }

  /// The attribute's value as text (entities decoded), nil if the tag has none.
  func attributeText(_ literal: StaticString) throws(XlsxError) -> String? {
    guard let r = attribute(literal) else { return nil }
    return try string(r)
  }

  /// Appends the text in `range` with entities and character references decoded and line ends
  /// normalized (CR LF and CR to LF, as XML requires); CDATA text is taken as is.
  func decode(_ range: Range<Int>, raw: Bool = false, into out: inout [UInt8]) throws(XlsxError) {
    if raw {
      out.append(contentsOf: buffer[range])
      return
    }
    var i = range.lowerBound
    let end = range.upperBound
    while i < end {
      let c = buffer[i]
      if c == UInt8(ascii: "&") {
        guard let semi = buffer[i..<min(end, i + 12)].firstIndex(of: UInt8(ascii: ";")) else {
          throw fail(.malformedXML("'&' not starting an entity"))
        }
        try entity((i + 1)..<semi, into: &out)
        i = semi + 1
      } else if c == 0x0D {
        out.append(0x0A)
        i += i + 1 < end && buffer[i + 1] == 0x0A ? 2 : 1
      } else {
        out.append(c)
        i += 1
      }
    }
  }

  private func entity(_ r: Range<Int>, into out: inout [UInt8]) throws(XlsxError) {
    if bytes(r, are: "amp") {
      out.append(UInt8(ascii: "&"))
    } else if bytes(r, are: "lt") {
      out.append(UInt8(ascii: "<"))
    } else if bytes(r, are: "gt") {
      out.append(UInt8(ascii: ">"))
    } else if bytes(r, are: "quot") {
      out.append(UInt8(ascii: "\""))
    } else if bytes(r, are: "apos") {
      out.append(UInt8(ascii: "'"))
    } else if r.count >= 2 && buffer[r.lowerBound] == UInt8(ascii: "#") {
      let hex = buffer[r.lowerBound + 1] == UInt8(ascii: "x")
      let digits = buffer[(r.lowerBound + (hex ? 2 : 1))..<r.upperBound]
      var value: UInt32 = 0
      for d in digits {
        guard let v = Self.digit(d, hex: hex), value < 0x11_0000 else {
          throw fail(.unknownEntity(String(decoding: buffer[r], as: UTF8.self)))
        }
        value = value * (hex ? 16 : 10) + v
      }
      guard !digits.isEmpty, value != 0, let scalar = Unicode.Scalar(value) else {
        throw fail(.unknownEntity(String(decoding: buffer[r], as: UTF8.self)))
      }
      out.append(contentsOf: Array(String(Character(scalar)).utf8))
    } else {
      throw fail(.unknownEntity(String(decoding: buffer[r], as: UTF8.self)))
    }
  }

  static func digit(_ d: UInt8, hex: Bool) -> UInt32? {
    switch d {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(d - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(d - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(d - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  /// The text in `range`, decoded; refused if it is not UTF-8.
  func string(_ range: Range<Int>, raw: Bool = false) throws(XlsxError) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(range.count)
    try decode(range, raw: raw, into: &bytes)
    return try utf8(bytes)
  }

  func utf8(_ bytes: [UInt8]) throws(XlsxError) -> String {
    guard let s = String(validating: bytes, as: UTF8.self) else { throw fail(.notUTF8) }
    return s
  }

  /// Skips the element just started, with everything inside it.
  mutating func skipElement() throws(XlsxError) {
    if selfClosing { return }
    var depth = 1
    while depth > 0 {
      switch try next() {
      case .start: if !selfClosing { depth += 1 }
      case .end: depth -= 1
      case .text: break
      case .eof: throw fail(.malformedXML("the part ends inside an element"))
      }
    }
  }

  /// The text of a string item (`<si>` or `<is>`, whose start was just read): the `<t>`
  /// elements in it, directly or in rich-text runs (`<r>`), joined; phonetic runs (`<rPh>`)
  /// are a reading aid, not text, and are skipped. `_xHHHH_` escapes are decoded.
  mutating func stringItem() throws(XlsxError) -> String {
    if selfClosing { return "" }
    var bytes: [UInt8] = []
    var inT = false
    var depth = 1
    while true {
      switch try next() {
      case .start:
        if nameIs("rPh") {
          try skipElement()
        } else if nameIs("t") {
          inT = !selfClosing
        } else if !selfClosing {
          depth += 1
        }
      case .end:
        if nameIs("t") {
          inT = false
        } else {
          depth -= 1
          if depth == 0 { return try utf8(Self.unescapeX(bytes)) }
        }
      case .text:
        if inT { try decode(text, raw: raw, into: &bytes) }
      case .eof:
        throw fail(.malformedXML("the part ends inside a string"))
      }
    }
  }

  /// Decodes OOXML's `_xHHHH_` escapes (ST_Xstring: a UTF-16 code unit, such as `_x000D_` for
  /// a carriage return; `_x005F_` escapes a literal underscore). A surrogate pair is two
  /// escapes; an escape that is not a character stays as written.
  static func unescapeX(_ bytes: [UInt8]) -> [UInt8] {
    guard bytes.contains(UInt8(ascii: "_")) else { return bytes }
    func unit(at i: Int) -> UInt32? {
      guard i + 7 <= bytes.count, bytes[i] == UInt8(ascii: "_"), bytes[i + 1] == UInt8(ascii: "x"),
        bytes[i + 6] == UInt8(ascii: "_")
      else { return nil }
      var v: UInt32 = 0
      for k in 2..<6 {
        guard let d = digit(bytes[i + k], hex: true) else { return nil }
        v = v * 16 + d
      }
      return v
    }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      if let u = unit(at: i) {
        if (0xD800..<0xDC00).contains(u), let low = unit(at: i + 7),
          (0xDC00..<0xE000).contains(low),
          let s = Unicode.Scalar(0x10000 + (u - 0xD800) << 10 + (low - 0xDC00))
        {
          out.append(contentsOf: Array(String(Character(s)).utf8))
          i += 14
          continue
        }
        if let s = Unicode.Scalar(u) {
          out.append(contentsOf: Array(String(Character(s)).utf8))
          i += 7
          continue
        }
      }
      out.append(bytes[i])
      i += 1
    }
    return out
  }
}
