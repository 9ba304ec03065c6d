/// An amount in Chinese capitals (大写金额), as statements, invoices and vouchers write it under the
/// PBOC rules for filling in settlement documents (《正确填写票据和结算凭证的基本规定》):
/// 壹贰叁肆伍陆柒捌玖 with 拾佰仟 and 万亿; one 零 for a run of zeros inside the number (the rules
/// allow it or not where 万 is 0: ¥107,000.53 is 壹拾万零柒仟元伍角叁分 here); 整 after
/// 元 when there are no 角 or 分, none after 角 or 分; 零 before 分 when 角 is 0; 壹拾 for 10 to 19
/// (as on a cheque). Negative amounts (红字) start with 负.
public enum ChineseAmount {
  static let digits = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
  static let places = ["仟", "佰", "拾", ""]
  static let groups = ["", "万", "亿", "万亿"]

  /// `amount` in yuan (2 decimals: 角 and 分), or nil when it has more decimals than 分 or more
  /// digits than 万亿 can name (16 before the point).
  public static func text(_ amount: Exact) -> String? {
    guard let rounded = try? amount.rounded(scale: 2, .halfEven), rounded == amount else {
      return nil
    }
    let plain = rounded.isNegative ? String(rounded.description.dropFirst()) : rounded.description
    let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
    let whole = parts[0].compactMap(\.wholeNumberValue)
    var cents = parts.count > 1 ? parts[1].compactMap(\.wholeNumberValue) : []
    while cents.count < 2 { cents.append(0) }
    guard whole.count <= 16, !whole.isEmpty else { return nil }
    let (jiao, fen) = (cents[0], cents[1])
    var out = rounded.isNegative ? "负" : ""
    let yuan = integer(whole)
    if yuan != nil || (jiao == 0 && fen == 0) { out += (yuan ?? "零") + "元" }
    if jiao == 0 && fen == 0 { return out + "整" }
    if jiao > 0 {
      out += digits[jiao] + "角"
    } else if yuan != nil {
      out += "零"
    }
    if fen > 0 { out += digits[fen] + "分" }
    return out
  }

  /// The whole yuan in capitals, or nil for 0.
  static func integer(_ whole: [Int]) -> String? {
    var padded = whole
    while padded.count % 4 != 0 { padded.insert(0, at: 0) }
    let count = padded.count / 4
    var out = ""
    var zero = false
    for g in 0..<count {
      let group = padded[g * 4..<g * 4 + 4]
      guard group.contains(where: { $0 != 0 }) else {
        if !out.isEmpty { zero = true }
        continue
      }
      for (p, d) in group.enumerated() {
        guard d != 0 else {
          if !out.isEmpty { zero = true }
          continue
        }
        if zero { out += "零" }
        zero = false
        out += digits[d] + places[p]
      }
      out += groups[count - 1 - g]
    }
    return out.isEmpty ? nil : out
  }
}
