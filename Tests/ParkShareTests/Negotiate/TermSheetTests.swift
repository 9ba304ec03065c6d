import Foundation
import Testing

@testable import ParkShare

/// `termsheet`: every clause of the contract once, numbered; against another version, what
/// changed, what was added, what was removed.
@Suite struct TermSheetTests {
  static let path = Paths.contracts.appendingPathComponent("suyin-microgrid.contract").path

  @Test func everyClauseAppearsOnce() throws {
    let source = SourceFile(
      path: Self.path, text: try String(contentsOfFile: Self.path, encoding: .utf8))
    let sheet = TermSheet(source, title: "t")
    var clauses: [TermSheet.Clause] = []
    func walk(_ c: TermSheet.Clause) {
      clauses.append(c)
      c.children.forEach(walk)
    }
    sheet.parts.flatMap(\.clauses).forEach(walk)
    // Every line with code is one clause, at its line, with its text.
    let (lines, _) = Lexer.lex(source)
    let code = lines.filter { !$0.tokens.isEmpty }.map(\.number)
    #expect(clauses.map(\.line).sorted() == code)
    #expect(Set(clauses.map(\.number)).count == clauses.count)
    let pay = try #require(clauses.first { $0.text == "pay esco om_fee x pv_gen" })
    #expect(pay.note == "O&M fee, before the split")
    #expect(pay.number.hasPrefix("9.1."))
  }

  @Test func againstAnotherVersionMarksWhatChanged() throws {
    let text = try String(contentsOfFile: Self.path, encoding: .utf8)
    let b = text.replacingOccurrences(of: "reserve 3% to", with: "reserve 4% to")
      .replacingOccurrences(
        of:
          "  pay bank 250,000 CNY  # green-loan debt service; what the pool cannot cover carries as arrears\n",
        with: ""
      )
      .replacingOccurrences(
        of: "party bank \"宁夏银行绿色金融部\" finance\n",
        with: "party bank \"宁夏银行绿色金融部\" finance\nparty fund \"园区产业基金\" finance\n")
    #expect(b != text)
    let sheet = TermSheet(
      SourceFile(path: "b.contract", text: b), title: "b",
      against: SourceFile(path: Self.path, text: text))
    let text1 = TermSheetText.text(sheet)
    #expect(text1.contains("reserve 4% to storage_replacement [changed]"))
    #expect(text1.contains("was: reserve 3% to storage_replacement"))
    #expect(text1.contains("party fund \"园区产业基金\" finance [added]"))
    #expect(text1.contains("- pay bank 250,000 CNY"))
    // Chinese headings, and the same clauses.
    let zh = TermSheetText.text(sheet, language: .zh)
    #expect(zh.contains("收益池与分配顺序") && zh.contains("[修改]") && zh.contains("已删除的条款"))
    let pdf = TermSheetText.pdf(sheet, language: .zh)
    #expect(pdf.starts(with: Array("%PDF-".utf8)))
  }

  /// Promises are matched by what they promise, their bound's number aside: a new promise of
  /// the ESCO before its others is an addition, a bound moved is a change of its own line.
  @Test func promisesAreMatchedByWhatTheyPromise() throws {
    let text = try String(contentsOfFile: Self.path, encoding: .utf8)
    let b = text.replacingOccurrences(
      of: "assert esco in energy <= 75% of energy",
      with: "assert esco >= 0 CNY\nassert esco in energy <= 70% of energy")
    #expect(b != text)
    let sheet = TermSheet(
      SourceFile(path: "b.contract", text: b), title: "b",
      against: SourceFile(path: Self.path, text: text))
    let out = TermSheetText.text(sheet)
    #expect(out.contains("assert esco >= 0 CNY [added]"), "\(out)")
    #expect(out.contains("assert esco in energy <= 70% of energy [changed]"), "\(out)")
    #expect(out.contains("was: assert esco in energy <= 75% of energy"), "\(out)")
    // The other promises are the same lines, unmarked.
    #expect(!out.contains("- assert"), "\(out)")
  }
}
