/// A PDF file written by hand (ISO 32000-1): A4 pages of text and rules in one font, the
/// standard Adobe-GB1 CID font STSong-Light through the UniGB-UCS2-H CMap, which PDF readers
/// supply without embedding. Text is selectable and searchable (a ToUnicode CMap maps every code
/// back to its character). Nothing is compressed, dated or random: the same pages give the same
/// bytes.
struct PDFDocument {
  /// A4 in points.
  static let width = 595
  static let height = 842

  var title: String
  var pages: [PDFPage] = []

  /// The file's bytes: header, objects, cross-reference table and trailer.
  func bytes() -> [UInt8] {
    // The comment's bytes above 127 mark the file as binary for transfer programs.
    var out: [UInt8] = Array("%PDF-1.7\n".utf8) + [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
    var offsets: [Int] = []
    func object(_ body: [UInt8]) {
      offsets.append(out.count)
      out += Array("\(offsets.count) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
    }
    func object(_ text: String) { object(Array(text.utf8)) }
    func stream(_ data: [UInt8], _ dictionary: String = "") {
      object(
        Array("<< /Length \(data.count)\(dictionary) >>\nstream\n".utf8) + data
          + Array("\nendstream".utf8))
    }
    // 1 catalog, 2 page tree, 3 font, 4 CID font, 5 descriptor, 6 ToUnicode, 7 info; then each
    // page and its content.
    let firstPage = 8
    let kids = pages.indices.map { "\(firstPage + 2 * $0) 0 R" }.joined(separator: " ")
    object("<< /Type /Catalog /Pages 2 0 R >>")
    object(
      "<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) /MediaBox [0 0 \(Self.width) \(Self.height)] >>"
    )
    object(
      "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>"
    )
    // The ASCII glyphs (CIDs 1-95) at `PDFPage.asciiWidths`, the rest a whole em: the layout
    // measures text the same way (`PDFPage.width`).
    let widths = PDFPage.asciiWidths.map(String.init).joined(separator: " ")
    object(
      "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 /W [1 [\(widths)]] >>"
    )
    object(
      "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
    )
    stream(Array(Self.toUnicode.utf8))
    object("<< /Title \(PDFPage.hex(title)) /Producer (parkshare) >>")
    for page in pages {
      let n = offsets.count + 1  // the page's object; its content is the next
      object(
        "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R >> >> /Contents \(n + 1) 0 R >>"
      )
      stream(Array(page.content.utf8))
    }
    let xref = out.count
    var table = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f\r\n"
    for o in offsets {
      let digits = String(o)
      table += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n\r\n"
    }
    table +=
      "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R /Info 7 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return out + Array(table.utf8)
  }

  /// Codes are UCS-2 (UniGB-UCS2-H): each two-byte code is its own character. One range per
  /// high byte, as a ToUnicode range may only vary in its last byte; the surrogates are left out.
  static let toUnicode: String = {
    var ranges: [String] = []
    for high in 0..<256 where !(0xD8...0xDF).contains(high) {
      let h = hexByte(high)
      ranges.append("<\(h)00> <\(h)FF> <\(h)00>")
    }
    var out = """
      /CIDInit /ProcSet findresource begin
      12 dict begin
      begincmap
      /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
      /CMapName /Adobe-Identity-UCS def
      /CMapType 2 def
      1 begincodespacerange
      <0000> <FFFF>
      endcodespacerange

      """
    // At most 100 entries to a block (the CMap format's limit).
    for start in stride(from: 0, to: ranges.count, by: 100) {
      let block = ranges[start..<min(start + 100, ranges.count)]
      out += "\(block.count) beginbfrange\n" + block.joined(separator: "\n") + "\nendbfrange\n"
    }
    return out + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
  }()

  static let hexDigits = Array("0123456789ABCDEF".utf8)

  static func hexByte(_ b: Int) -> String {
    String(decoding: [hexDigits[b >> 4], hexDigits[b & 15]], as: UTF8.self)
  }
}
