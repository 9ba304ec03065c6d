import Testing

@testable import ParkShare

/// Amounts in Chinese capitals, against the examples of the PBOC rules for settlement documents
/// and the cases around zeros.
@Suite struct ChineseAmountTests {
  @Test(arguments: [
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),  // the rules' example (the 零 after 元 is optional)
    ("107000.53", "壹拾万零柒仟元伍角叁分"),  // the rules' example, its form with 零 at 万
    ("16.00", "壹拾陆元整"),  // 壹拾, as on a cheque
    ("325.04", "叁佰贰拾伍元零肆分"),  // 零 before 分 when 角 is 0
    ("100005", "壹拾万零伍元整"),
    ("1000000001", "壹拾亿零壹元整"),
    ("20000", "贰万元整"),
    ("0.53", "伍角叁分"),
    ("0.05", "伍分"),
    ("0", "零元整"),
    ("-1500.5", "负壹仟伍佰元伍角"),
    ("24440230", "贰仟肆佰肆拾肆万零贰佰叁拾元整"),
    ("9999999999999999.99", "玖仟玖佰玖拾玖万亿玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
  ])
  func capitals(_ amount: String, _ words: String) throws {
    #expect(ChineseAmount.text(try Exact(parsing: amount)) == words)
  }

  @Test func fractionsOfAFenAndHugeAmountsHaveNoCapitals() throws {
    #expect(ChineseAmount.text(try Exact(parsing: "1.005")) == nil)
    #expect(ChineseAmount.text(try Exact(parsing: "10000000000000000")) == nil)
  }
}
