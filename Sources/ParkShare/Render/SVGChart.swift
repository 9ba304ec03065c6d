/// Charts as inline SVG, drawn by parkshare itself (no scripts, nothing fetched). Positions are
/// computed from exact values and rounded to whole pixels: no floating point.
public enum SVGChart {
  /// Pixels for `v` on a scale where `max` is `span` pixels.
  /// Display only, never an amount: a position that cannot be scaled (a value beyond 10^37) is
  /// drawn at 0 pixels; the figure printed beside it comes from the library.
  static func px(_ v: Exact, _ max: Exact, _ span: Int) -> Int {
    guard !max.isZero, let r = try? (v * Exact(span) / max).rounded(scale: 0, .halfEven) else {
      return 0
    }
    return Int(r.description) ?? 0
  }

  static func escape(_ s: String) -> String { StatementHTML.escape(s) }

  /// Horizontal bars around a zero line: negative to the left (red), positive to the right
  /// (green); `low`/`high` give a second, lighter bar for ranges (a tornado).
  public static func bars(
    _ title: String, _ rows: [(label: String, value: Exact, text: String)], low: [Exact]? = nil,
    high: [Exact]? = nil, width: Int = 720
  ) -> String {
    let rowHeight = 22
    let labelWidth = 220
    // Room on the right for the value text.
    let plot = width - labelWidth - 190
    let half = plot / 2
    var extent = Exact.zero
    for r in rows { extent = Exact.max(extent, r.value.magnitude) }
    for v in (low ?? []) + (high ?? []) { extent = Exact.max(extent, v.magnitude) }
    let height = 40 + rows.count * rowHeight
    let zeroX = labelWidth + half
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"11\">\n"
    svg += "<text x=\"4\" y=\"16\" font-size=\"13\" font-weight=\"bold\">\(escape(title))</text>\n"
    for (i, r) in rows.enumerated() {
      let y = 30 + i * rowHeight
      svg +=
        "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">\(escape(r.label))</text>\n"
      if let low, let high, i < low.count, i < high.count {
        for (v, color) in [(low[i], "#f4a9a8"), (high[i], "#9fd8a8")] {
          let w = px(v.magnitude, extent, half)
          let x = v.isNegative ? zeroX - w : zeroX
          svg +=
            "<rect x=\"\(x)\" y=\"\(y + 3)\" width=\"\(max(w, 1))\" height=\"14\" fill=\"\(color)\"/>\n"
        }
      } else {
        let w = px(r.value.magnitude, extent, half)
        let x = r.value.isNegative ? zeroX - w : zeroX
        let color = r.value.isNegative ? "#c0392b" : "#27ae60"
        svg +=
          "<rect x=\"\(x)\" y=\"\(y + 3)\" width=\"\(max(w, 1))\" height=\"14\" fill=\"\(color)\"/>\n"
      }
      svg +=
        "<text x=\"\(width - 4)\" y=\"\(y + 14)\" text-anchor=\"end\" fill=\"#333\">\(escape(r.text))</text>\n"
    }
    svg +=
      "<line x1=\"\(zeroX)\" y1=\"24\" x2=\"\(zeroX)\" y2=\"\(height - 6)\" stroke=\"#555\"/>\n"
    return svg + "</svg>\n"
  }

  /// Vertical bars: one series of values per label (a histogram, cash flow per year).
  public static func columns(
    _ title: String, _ columns: [(label: String, value: Exact)], width: Int = 720,
    height: Int = 240
  ) -> String {
    let top = 28
    let bottom = height - 24
    var high = Exact.zero
    var low = Exact.zero
    for c in columns {
      high = Exact.max(high, c.value)
      low = Exact.min(low, c.value)
    }
    // Display only: the scale of the bars; a range too wide to subtract scales by `high`.
    let span = (try? high - low) ?? high
    let plotHeight = bottom - top
    let zeroY = top + px(high, span, plotHeight)
    let step = max(1, (width - 20) / max(columns.count, 1))
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"10\">\n"
    svg += "<text x=\"4\" y=\"16\" font-size=\"13\" font-weight=\"bold\">\(escape(title))</text>\n"
    for (i, c) in columns.enumerated() {
      let h = px(c.value.magnitude, span, plotHeight)
      let x = 10 + i * step
      let y = c.value.isNegative ? zeroY : zeroY - h
      let color = c.value.isNegative ? "#c0392b" : "#2e86c1"
      svg +=
        "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(max(step - 2, 1))\" height=\"\(max(h, 1))\" fill=\"\(color)\"><title>\(escape(c.label)): \(escape(c.value.grouped(places: 2)))</title></rect>\n"
      if columns.count <= 24 || i % (columns.count / 12 + 1) == 0 {
        svg +=
          "<text x=\"\(x + step / 2)\" y=\"\(height - 8)\" text-anchor=\"middle\">\(escape(c.label))</text>\n"
      }
    }
    svg += "<line x1=\"8\" y1=\"\(zeroY)\" x2=\"\(width - 8)\" y2=\"\(zeroY)\" stroke=\"#555\"/>\n"
    return svg + "</svg>\n"
  }

  /// A waterfall: the `start` total, each step's change floating from the running total before
  /// it to the one after (green up, red down), and the `end` total, in rows on one scale. The
  /// figures printed are the ones given (`end` is the library's total, not a sum made here).
  public static func waterfall(
    _ title: String, start: (label: String, value: Exact),
    steps: [(label: String, delta: Exact)], end: (label: String, value: Exact),
    text: (Exact) -> String,
    width: Int = 720
  ) -> String {
    let rowHeight = 22
    let labelWidth = 220
    let plot = width - labelWidth - 130
    // Display only: the running totals place the bars and are never printed; one too large to
    // add up leaves its bar where the previous one ended.
    var running = [start.value]
    for s in steps { running.append((try? running.last! + s.delta) ?? running.last!) }
    var low = Exact.zero
    var high = Exact.zero
    for v in running {
      low = Exact.min(low, v)
      high = Exact.max(high, v)
    }
    // Display only: pixel positions, as in `columns`.
    let span = (try? high - low) ?? high
    func x(_ v: Exact) -> Int { labelWidth + px((try? v - low) ?? v, span, plot) }
    let rows = steps.count + 2
    let height = 40 + rows * rowHeight
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"11\">\n"
    svg += "<text x=\"4\" y=\"16\" font-size=\"13\" font-weight=\"bold\">\(escape(title))</text>\n"
    func row(_ i: Int, _ label: String, from: Exact, to: Exact, color: String, value: String) {
      let y = 30 + i * rowHeight
      let (a, b) = (x(from), x(to))
      svg +=
        "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">\(escape(label))</text>\n"
      svg +=
        "<rect x=\"\(min(a, b))\" y=\"\(y + 3)\" width=\"\(max(abs(b - a), 1))\" height=\"14\" fill=\"\(color)\"/>\n"
      svg +=
        "<text x=\"\(width - 4)\" y=\"\(y + 14)\" text-anchor=\"end\" fill=\"#333\">\(escape(value))</text>\n"
    }
    row(0, start.label, from: .zero, to: start.value, color: "#7f8c8d", value: text(start.value))
    for (i, s) in steps.enumerated() {
      let up = !s.delta.isNegative
      row(
        i + 1, s.label, from: running[i], to: running[i + 1], color: up ? "#27ae60" : "#c0392b",
        value: (up ? "+" : "") + text(s.delta))
    }
    row(rows - 1, end.label, from: .zero, to: end.value, color: "#34495e", value: text(end.value))
    svg +=
      "<line x1=\"\(x(.zero))\" y1=\"24\" x2=\"\(x(.zero))\" y2=\"\(height - 6)\" stroke=\"#555\"/>\n"
    return svg + "</svg>\n"
  }
}
