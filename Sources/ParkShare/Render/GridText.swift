/// `sensitivity --grid A --grid B --figure F`: the grid as a table, and as a heat map (SVG).
public enum GridText {
  static func value(_ axis: Grid.Axis, _ v: Exact) -> String { "\(v.grouped)\(axis.suffix)" }

  public static func text(_ g: Grid, wording w: Wording = .en) -> String {
    let none = w.labels.solve.noFigure
    var out =
      "\(g.contract): \(g.figure.rawValue)(\(g.party)) by \(g.rows.name) (rows) and \(g.columns.name) (columns)\n"
      + StatementText.variant(g.parameters, w.labels) + "\n"
    var rows: [[String]] = [
      ["\(g.rows.name) \\ \(g.columns.name)"] + g.columns.values.map { value(g.columns, $0) }
    ]
    for (i, x) in g.rows.values.enumerated() {
      rows.append([value(g.rows, x)] + g.cells[i].map { SolveText.figure(g.figure, $0, none) })
    }
    return out + StatementText.table(rows, rightAligned: Set(0...g.columns.values.count))
  }

  /// A heat map: one cell per pair, shaded from the lowest figure (light) to the highest (dark
  /// blue), each with its figure; undefined cells grey. Whole pixels, no scripts.
  public static func svg(_ g: Grid) -> String {
    let cellW = 96
    let cellH = 32
    let left = 120
    let top = 64
    let width = left + cellW * g.columns.values.count + 16
    let height = top + cellH * g.rows.values.count + 16
    let defined = g.cells.flatMap { $0 }.compactMap { $0 }
    let low = defined.min() ?? .zero
    let high = defined.max() ?? .zero
    let span = (try? high - low) ?? .zero
    var out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
    out +=
      "<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"bold\">\(SVGChart.escape("\(g.contract): \(g.figure.rawValue)(\(g.party))"))</text>\n"
    out +=
      "<text x=\"8\" y=\"40\" fill=\"#444\">\(SVGChart.escape("rows: \(g.rows.name); columns: \(g.columns.name)"))</text>\n"
    for (j, y) in g.columns.values.enumerated() {
      out +=
        "<text x=\"\(left + j * cellW + cellW / 2)\" y=\"\(top - 6)\" text-anchor=\"middle\">\(SVGChart.escape(value(g.columns, y)))</text>\n"
    }
    for (i, x) in g.rows.values.enumerated() {
      let yy = top + i * cellH
      out +=
        "<text x=\"\(left - 8)\" y=\"\(yy + cellH / 2 + 4)\" text-anchor=\"end\">\(SVGChart.escape(value(g.rows, x)))</text>\n"
      for (j, v) in g.cells[i].enumerated() {
        let xx = left + j * cellW
        // Shade 0 (lowest) to 200 (highest), as a blue from light to dark.
        let shade = v.map { v in SVGChart.px((try? v - low) ?? .zero, span, 200) } ?? -1
        let fill =
          shade < 0 ? "#dddddd" : "rgb(\(235 - shade),\(242 - shade * 3 / 4),255)"
        let ink = shade > 120 ? "#ffffff" : "#111111"
        out +=
          "<rect x=\"\(xx)\" y=\"\(yy)\" width=\"\(cellW - 2)\" height=\"\(cellH - 2)\" fill=\"\(fill)\"/>\n"
        out +=
          "<text x=\"\(xx + cellW / 2 - 1)\" y=\"\(yy + cellH / 2 + 4)\" text-anchor=\"middle\" fill=\"\(ink)\">\(SVGChart.escape(SolveText.figure(g.figure, v, "-")))</text>\n"
      }
    }
    return out + "</svg>\n"
  }
}
