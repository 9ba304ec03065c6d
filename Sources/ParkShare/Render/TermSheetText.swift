/// `parkshare termsheet`: the contract as a numbered term sheet, in text, HTML or PDF, with its
/// words in Chinese or English; the clauses are the contract's own text.
public enum TermSheetText {
  struct Words {
    var title: String
    var sections: [TermSheet.Section: String]
    var status: [TermSheet.Status: String]
    var was: String
    var removed: String
    var line: String
    var against: String
    var file: String
  }

  static func words(_ lang: Language) -> Words {
    lang == .zh
      ? Words(
        title: "条款清单",
        sections: [
          .terms: "合同基本条款", .parties: "参与方", .parameters: "谈判参数", .data: "计量与数据",
          .tariffs: "电价", .revenues: "收益与指标", .vat: "增值税", .subsidies: "补贴",
          .points: "绿色积分", .pools: "收益池与分配顺序", .promises: "各方承诺（可验证）",
        ], status: [.same: "未变", .changed: "修改", .added: "新增", .removed: "删除"],
        was: "原条款", removed: "已删除的条款", line: "行", against: "对照版本", file: "合同文件")
      : Words(
        title: "Term sheet",
        sections: [
          .terms: "Terms", .parties: "Parties", .parameters: "Negotiated parameters",
          .data: "Metering and data", .tariffs: "Tariffs", .revenues: "Revenues and indicators",
          .vat: "VAT", .subsidies: "Subsidies", .points: "Green points",
          .pools: "Pools and their waterfalls", .promises: "Promises (tested by prove)",
        ], status: [.same: "same", .changed: "changed", .added: "added", .removed: "removed"],
        was: "was", removed: "removed clauses", line: "line", against: "against", file: "file")
  }

  public static func text(_ t: TermSheet, language: Language = .en) -> String {
    let w = words(language)
    var out = "\(w.title): \(t.title)\n\(w.file): \(t.file)\n"
    if let a = t.against { out += "\(w.against): \(a)\n" }
    func write(_ c: TermSheet.Clause, _ indent: String) {
      let mark = c.status.map { $0 == .same ? "" : " [\(w.status[$0]!)]" } ?? ""
      out += "\(indent)\(c.number)  \(c.text)\(mark)    [\(w.line) \(c.line)]\n"
      if let p = c.previous { out += "\(indent)    \(w.was): \(p)\n" }
      if let n = c.note { out += "\(indent)    # \(n)\n" }
      for child in c.children { write(child, indent + "  ") }
    }
    for part in t.parts {
      out +=
        "\n\(part.clauses.first.map { $0.number.split(separator: ".")[0] } ?? "-"). \(w.sections[part.section]!)\n"
      for c in part.clauses { write(c, "  ") }
      if !part.removed.isEmpty {
        out += "  \(w.removed):\n"
        for c in part.removed { out += "    - \(c.text)    [\(w.line) \(c.line)]\n" }
      }
    }
    return out
  }

  public static func html(_ t: TermSheet, language: Language = .en) -> String {
    let w = words(language)
    func e(_ s: String) -> String { StatementHTML.escape(s) }
    var out = """
      <!DOCTYPE html>
      <html lang="\(language == .zh ? "zh-CN" : "en")">
      <head>
      <meta charset="utf-8">
      <title>\(e(w.title)) \(e(t.title))</title>
      <style>
      @page { size: A4; margin: 16mm 14mm; }
      body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 10pt; color: #111; }
      h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 6mm; }
      .meta { color: #444; } .n { white-space: nowrap; vertical-align: top; padding-right: 3mm; }
      table { border-collapse: collapse; width: 100%; table-layout: fixed; } td { padding: 1mm 1.5mm; border-bottom: 0.3mm solid #ddd; vertical-align: top; overflow-wrap: anywhere; }
      td.n { width: 5em; } td.line { width: 4em; text-align: right; }
      code { font-family: monospace; } .note { color: #555; font-size: 9pt; } .line { color: #777; font-size: 8pt; white-space: nowrap; }
      .changed { background: #fff4d6; } .added { background: #e3f6e3; } .removed { background: #fde2e2; text-decoration: line-through; }
      .was { color: #a00; text-decoration: line-through; }
      </style>
      </head>
      <body>
      <h1>\(e(w.title)) · \(e(t.title))</h1>
      <div class="meta">\(e(w.file)): \(e(t.file))\(t.against.map { "<br>\(e(w.against)): \(e($0))" } ?? "")</div>

      """
    func row(_ c: TermSheet.Clause, depth: Int) {
      let cls = c.status.map { $0 == .same ? "" : " class=\"\($0.rawValue)\"" } ?? ""
      let mark = c.status.map { $0 == .same ? "" : " <b>[\(e(w.status[$0]!))]</b>" } ?? ""
      out +=
        "<tr\(cls)><td class=\"n\" style=\"padding-left: \(depth * 5)mm\">\(e(c.number))</td><td><code>\(e(c.text))</code>\(mark)"
      if let p = c.previous {
        out += "<br><span class=\"was\">\(e(w.was)): <code>\(e(p))</code></span>"
      }
      if let n = c.note { out += "<br><span class=\"note\">\(e(n))</span>" }
      out += "</td><td class=\"line\">\(e(w.line)) \(c.line)</td></tr>\n"
      for child in c.children { row(child, depth: depth + 1) }
    }
    for (i, part) in t.parts.enumerated() {
      out += "<h2>\(i + 1). \(e(w.sections[part.section]!))</h2>\n<table>\n"
      for c in part.clauses { row(c, depth: 0) }
      for c in part.removed {
        out +=
          "<tr class=\"removed\"><td class=\"n\">-</td><td><code>\(e(c.text))</code> <b>[\(e(w.status[.removed]!))]</b></td><td class=\"line\">\(e(w.line)) \(c.line)</td></tr>\n"
      }
      out += "</table>\n"
    }
    return out + "</body>\n</html>\n"
  }

  /// The term sheet as a PDF written by parkshare (PDFFlow): A4, numbered clauses, page numbers.
  public static func pdf(_ t: TermSheet, language: Language = .en) -> [UInt8] {
    let w = words(language)
    var flow = PDFFlow()
    flow.paragraph("\(w.title) — \(t.title)", PDFPage.Style(size: 14, bold: true), after: 40)
    flow.paragraph("\(w.file): \(t.file)", PDFPage.Style(size: 8, grey: 30), after: 0)
    if let a = t.against {
      flow.paragraph("\(w.against): \(a)", PDFPage.Style(size: 8, grey: 30), after: 0)
    }
    flow.space(60)
    for (i, part) in t.parts.enumerated() {
      flow.paragraph(
        "\(i + 1). \(w.sections[part.section]!)", PDFPage.Style(size: 11, bold: true), after: 30)
      var rows: [PDFFlow.Row] = []
      func add(_ c: TermSheet.Clause, _ depth: Int) {
        let mark = c.status.map { $0 == .same ? "" : "  [\(w.status[$0]!)]" } ?? ""
        var notes: [Int: String] = [:]
        let extra = [c.previous.map { "\(w.was): \($0)" }, c.note].compactMap { $0 }
        if !extra.isEmpty { notes[1] = extra.joined(separator: "  ") }
        rows.append(
          PDFFlow.Row(
            cells: [
              String(repeating: "  ", count: depth) + c.number, c.text + mark,
              "\(w.line) \(c.line)",
            ],
            red: c.status == .changed || c.status == .added ? [1] : [], notes: notes))
        for child in c.children { add(child, depth + 1) }
      }
      for c in part.clauses { add(c, 0) }
      for c in part.removed {
        rows.append(
          PDFFlow.Row(
            cells: ["-", c.text + "  [\(w.status[.removed]!)]", "\(w.line) \(c.line)"], red: [1]))
      }
      flow.table(
        [
          .init(title: language == .zh ? "编号" : "No.", width: 700),
          .init(title: language == .zh ? "条款" : "Clause", width: 3850),
          .init(title: w.line, width: 600, right: true),
        ], rows)
    }
    flow.number { n, count in language == .zh ? "第 \(n) 页 / 共 \(count) 页" : "page \(n) of \(count)"
    }
    return PDFDocument(title: "\(w.title) \(t.title)", pages: flow.pages).bytes()
  }
}
