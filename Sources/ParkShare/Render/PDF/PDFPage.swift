/// One page's drawing: text in the document's one font, rules and shaded boxes. Lengths are in
/// tenths of a point (integers, so the bytes never depend on floating-point printing), measured
/// from the page's bottom left as PDF measures them.
struct PDFPage {
  var content = ""

  /// How text is drawn.
  struct Style {
    /// The font size in points.
    var size = 9
    var bold = false
    var red = false
    /// A grey in hundredths (0: black, 100: white), for small print.
    var grey = 0
  }

  /// The advance of `text` at `size` points, in tenths of a point: the ASCII glyphs by
  /// `asciiWidths`, any other a whole em (the widths `PDFDocument` gives the font).
  static func width(_ text: String, size: Int) -> Int {
    var units = 0
    for s in text.unicodeScalars where s.value >= 0x20 {
      units += s.value < 0x7F ? asciiWidths[Int(s.value) - 0x20] : 1000
    }
    return units * size / 100
  }

  /// Advances of the proportional Latin glyphs (CIDs 1 to 95: space to tilde), in thousandths of
  /// an em: narrow punctuation narrow and figures all alike, so that amounts align and read
  /// without gaps. Readers draw the glyphs of their Song font at these advances.
  static let asciiWidths: [Int] = (0x20..<0x7F).map { v in
    let c = Character(Unicode.Scalar(v)!)
    switch c {
    case " ", ",", ".", ":", ";", "'", "!", "|", "`": return 250
    case "i", "j", "l": return 250
    case "-", "(", ")", "[", "]", "{", "}", "/", "\\", "\"", "f", "r", "t", "I": return 333
    case "0"..."9", "$", "#", "*", "+", "=", "<", ">", "?", "^", "_", "~", "J": return 500
    case "m", "M", "W", "@", "%": return 833
    case "w": return 722
    case "a"..."z": return 500
    default: return 667  // the other capitals, &
    }
  }

  /// `text` at `x`, `y` (its baseline).
  mutating func text(_ text: String, x: Int, y: Int, _ style: Style = Style()) {
    guard !text.isEmpty else { return }
    let colour =
      style.red
      ? "0.75 0 0 rg 0.75 0 0 RG " : style.grey > 0 ? "\(Self.fraction(style.grey)) g " : ""
    // Bold as the font has no bold face: the glyphs stroked as well as filled.
    let bold = style.bold ? "2 Tr 0.3 w " : ""
    content +=
      "BT \(colour)\(bold)/F1 \(style.size) Tf \(Self.number(x)) \(Self.number(y)) Td \(Self.hex(text, bom: false)) Tj ET\n"
    if !colour.isEmpty || style.bold { content += "0 g 0 G 0 Tr\n" }
  }

  /// A rule from (`x1`, `y`) to (`x2`, `y`), `weight` tenths of a point thick.
  mutating func rule(x1: Int, x2: Int, y: Int, weight: Int = 3) {
    content +=
      "\(Self.number(weight)) w \(Self.number(x1)) \(Self.number(y)) m \(Self.number(x2)) \(Self.number(y)) l S\n"
  }

  /// A light grey box (a table's header).
  mutating func shade(x: Int, y: Int, width: Int, height: Int) {
    content +=
      "0.94 g \(Self.number(x)) \(Self.number(y)) \(Self.number(width)) \(Self.number(height)) re f 0 g\n"
  }

  /// Tenths of a point as PDF writes a number: `425.5`, `12`.
  static func number(_ tenths: Int) -> String {
    let sign = tenths < 0 ? "-" : ""
    let a = abs(tenths)
    return sign + String(a / 10) + (a % 10 == 0 ? "" : "." + String(a % 10))
  }

  /// Hundredths as a PDF number: 0.94.
  static func fraction(_ hundredths: Int) -> String {
    let h = max(0, min(100, hundredths))
    return h == 100 ? "1" : "0." + (h < 10 ? "0" : "") + String(h)
  }

  /// A string as two-byte codes in hex (UniGB-UCS2-H's codes are UCS-2): `<4E2D6587>`. With
  /// `bom`, a text string of the document's dictionaries (UTF-16BE marked FE FF). Controls are
  /// left out; a character outside the Basic Multilingual Plane, which UCS-2 cannot hold, is
  /// written as U+FFFD.
  static func hex(_ text: String, bom: Bool = true) -> String {
    // Bytes, not strings: a statement of a thousand parties writes a few million digits.
    var out = Array((bom ? "<FEFF" : "<").utf8)
    out.reserveCapacity(out.count + 4 * text.utf8.count + 1)
    for s in text.unicodeScalars where s.value >= 0x20 {
      let v = s.value > 0xFFFF ? 0xFFFD : Int(s.value)
      for shift in stride(from: 12, through: 0, by: -4) {
        out.append(PDFDocument.hexDigits[(v >> shift) & 15])
      }
    }
    out.append(UInt8(ascii: ">"))
    return String(decoding: out, as: UTF8.self)
  }
}
