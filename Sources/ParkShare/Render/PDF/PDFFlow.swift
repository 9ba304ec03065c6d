/// Lays text and tables out down A4 pages, top to bottom, breaking to a new page when one is
/// full: a table broken across pages repeats its header row. Lengths in tenths of a point.
struct PDFFlow {
  static let margin = 400
  static let top = PDFDocument.height * 10 - margin
  static let bottom = margin + 200  // room for the page number
  static let usable = PDFDocument.width * 10 - 2 * margin

  var pages: [PDFPage] = [PDFPage()]
  /// The baseline of the next line.
  var y = top

  /// A table column: its heading, width and alignment.
  struct Column {
    var title: String
    var width: Int
    var right = false
  }

  /// A table row: its cells, and how they are drawn.
  struct Row {
    var cells: [String]
    var style = PDFPage.Style()
    /// A rule above the row (totals).
    var ruled = false
    /// Cells drawn red (a negative difference); by index.
    var red: Set<Int> = []
    /// Small grey print under a cell (a line's clause), by index.
    var notes: [Int: String] = [:]
    /// The first cell runs across the whole table (an amount in words).
    var spanning = false
  }

  var page: PDFPage {
    get { pages[pages.count - 1] }
    set { pages[pages.count - 1] = newValue }
  }

  mutating func newPage() {
    pages.append(PDFPage())
    y = Self.top
  }

  /// Starts a new page unless `height` still fits on this one.
  mutating func need(_ height: Int) {
    if y - height < Self.bottom { newPage() }
  }

  static func lineHeight(_ size: Int) -> Int { size * 14 }

  /// A paragraph, wrapped to the page's width.
  mutating func paragraph(_ text: String, _ style: PDFPage.Style = PDFPage.Style(), after: Int = 20)
  {
    for line in Self.wrap(text, width: Self.usable, size: style.size) {
      need(Self.lineHeight(style.size))
      y -= Self.lineHeight(style.size)
      page.text(line, x: Self.margin, y: y + 3 * style.size, style)
    }
    y -= after
  }

  /// Vertical space.
  mutating func space(_ height: Int) { y -= height }

  /// A table: a shaded header row, then the rows; a row never splits across pages, and each
  /// new page repeats the header.
  mutating func table(_ columns: [Column], _ rows: [Row], size: Int = 8) {
    let line = Self.lineHeight(size)
    let pad = 25
    func header() {
      need(line + 2 * pad + line)
      y -= line + 2 * pad
      page.shade(
        x: Self.margin, y: y, width: columns.map(\.width).reduce(0, +), height: line + 2 * pad)
      draw(columns.map(\.title), y: y + pad, style: PDFPage.Style(size: size, bold: true))
    }
    func draw(_ cells: [String], y base: Int, style: PDFPage.Style, red: Set<Int> = []) {
      var x = Self.margin
      for (i, column) in columns.enumerated() {
        let lines = Self.wrap(
          i < cells.count ? cells[i] : "", width: column.width - 2 * pad, size: size)
        var s = style
        s.red = red.contains(i)
        for (k, text) in lines.enumerated() {
          let tx = column.right ? x + column.width - pad - PDFPage.width(text, size: size) : x + pad
          page.text(text, x: tx, y: base + (lines.count - 1 - k) * line + 3 * size, s)
        }
        x += column.width
      }
    }
    header()
    let right = Self.margin + columns.map(\.width).reduce(0, +)
    let total = columns.map(\.width).reduce(0, +)
    for row in rows {
      if row.spanning {
        let lines = Self.wrap(row.cells.first ?? "", width: total - 2 * pad, size: size)
        let height = lines.count * line + 2 * pad
        if y - height < Self.bottom {
          newPage()
          header()
        }
        y -= height
        var base = y + height - pad
        for text in lines {
          base -= line
          page.text(text, x: Self.margin + pad, y: base + 3 * size, PDFPage.Style(size: size))
        }
        page.rule(x1: Self.margin, x2: right, y: y, weight: 2)
        continue
      }
      var heights: [Int] = []
      for (i, column) in columns.enumerated() {
        let cell = i < row.cells.count ? row.cells[i] : ""
        var n = Self.wrap(cell, width: column.width - 2 * pad, size: size).count
        if let note = row.notes[i] {
          n += Self.wrap(note, width: column.width - 2 * pad, size: size - 1).count
        }
        heights.append(n)
      }
      let height = (heights.max() ?? 1) * line + 2 * pad
      if y - height < Self.bottom {
        newPage()
        header()
      }
      y -= height
      if row.ruled { page.rule(x1: Self.margin, x2: right, y: y + height, weight: 6) }
      // Cells are drawn from the row's top: a cell's lines, then its note.
      var x = Self.margin
      for (i, column) in columns.enumerated() {
        let lines = Self.wrap(
          i < row.cells.count ? row.cells[i] : "", width: column.width - 2 * pad, size: size)
        var s = row.style
        s.size = size
        s.red = row.red.contains(i)
        var base = y + height - pad
        for text in lines {
          base -= line
          let tx = column.right ? x + column.width - pad - PDFPage.width(text, size: size) : x + pad
          page.text(text, x: tx, y: base + 3 * size, s)
        }
        if let note = row.notes[i] {
          for text in Self.wrap(note, width: column.width - 2 * pad, size: size - 1) {
            base -= line
            page.text(text, x: x + pad, y: base + 3 * size, PDFPage.Style(size: size - 1, grey: 40))
          }
        }
        x += column.width
      }
      page.rule(x1: Self.margin, x2: right, y: y, weight: 2)
    }
    y -= 60
  }

  /// Each page's number at its foot: `label(n, count)`.
  mutating func number(_ label: (Int, Int) -> String) {
    for i in pages.indices {
      let text = label(i + 1, pages.count)
      let x = (PDFDocument.width * 10 - PDFPage.width(text, size: 8)) / 2
      pages[i].text(text, x: x, y: Self.margin, PDFPage.Style(size: 8, grey: 40))
    }
  }

  /// `text` in lines no wider than `width` at `size`: broken at spaces where it can be, between
  /// any two characters of CJK text, and inside a word only when the word alone is too wide.
  static func wrap(_ text: String, width: Int, size: Int) -> [String] {
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var tokens: [String] = []
      var word = ""
      for c in paragraph {
        if c == " " || !c.isASCII {
          if !word.isEmpty { tokens.append(word) }
          word = ""
          tokens.append(String(c))
        } else {
          word.append(c)
          // A path may break after each `/`: a clause's `file:line` keeps its line number.
          if c == "/" {
            tokens.append(word)
            word = ""
          }
        }
      }
      if !word.isEmpty { tokens.append(word) }
      var current = ""
      for token in tokens {
        if PDFPage.width(current + token, size: size) <= width {
          current += token
          continue
        }
        if !current.isEmpty { lines.append(current) }
        current = token == " " ? "" : token
        // A word wider than the line on its own is cut where it must be.
        while PDFPage.width(current, size: size) > width, current.count > 1 {
          var head = ""
          for c in current {
            if PDFPage.width(head + String(c), size: size) > width { break }
            head.append(c)
          }
          if head.isEmpty { head = String(current.first!) }
          lines.append(head)
          current = String(current.dropFirst(head.count))
        }
      }
      lines.append(current)
    }
    return lines
  }
}
