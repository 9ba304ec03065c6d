/// The words of `prove`: promises (`assert` lines) tested over a scenario's input ranges.
public struct ProveLabels: Sendable {
  public var title:
    @Sendable (
      _ contract: String, _ promises: Int, _ cases: String, _ period: String, _ seed: String
    )
      -> String
  public var ranges: String
  /// `low .. high`, the kind (value or factor) and the starting bundle's value.
  public var range:
    @Sendable (_ low: String, _ high: String, _ factor: Bool, _ start: String) -> String
  /// The promise in words: subject (and pool), then what it keeps.
  public var subject: @Sendable (_ party: String, _ pool: String?) -> String
  public var bound: @Sendable (_ subject: String, _ op: String, _ bound: String) -> String
  public var share: @Sendable (_ share: String, _ pool: String) -> String
  public var monotone: @Sendable (_ subject: String, _ falls: Bool, _ input: String) -> String
  public var line: String
  public var held: @Sendable (_ cases: String) -> String
  public var broken:
    @Sendable (_ at: String, _ cases: String, _ held: String, _ steps: String) -> String
  public var found: String
  public var amount:
    @Sendable (_ subject: String, _ amount: String, _ op: String, _ bound: String) -> String
  public var moved:
    @Sendable (
      _ subject: String, _ input: String, _ low: String, _ a: String, _ high: String, _ b: String,
      _ falls: Bool
    )
      -> String
  public var bundle: @Sendable (_ folder: String) -> String
  public var reproduced: @Sendable (_ command: String) -> String
  public var notReproduced: String
  public var writeIt: String
  /// Promises held and broken, and the cases that could not settle (of the run), if any.
  public var summary: @Sendable (_ held: Int, _ broken: Int, _ unsettled: (Int, Int)?) -> String
  /// Cases the contract cannot settle: how many, the first and why.
  public var unsettled: @Sendable (_ count: String, _ cases: String, _ first: String) -> String
  public var because: String

  public static let en = ProveLabels(
    title: {
      "prove \($0): \($1) \($1 == 1 ? "promise" : "promises") over \($2) cases of \($3) (seed \($4))"
    },
    ranges: "ranges searched",
    range: { "\($0) .. \($1)\($2 ? " x" : "")   (the bundle: \($2 ? "x " : "")\($3))" },
    subject: { p, pool in pool.map { "\(p) in \($0)" } ?? p },
    bound: { "\($0) \($1) \($2)" },
    share: { "\($0) of \($1)" },
    monotone: { "\($0) never \($1 ? "falls" : "rises") when \($2) rises" },
    line: "line",
    held: { "held in all \($0) cases" },
    broken: {
      "BROKEN in case \($0) of \($1) (\($2) held before it); shrunk in \($3) settlements to:"
    },
    found: "found at",
    amount: { "\($0) receives \($1), not \($2) \($3)" },
    moved: { s, input, low, a, high, b, falls in
      "\(s) receives \(a) at \(input) = \(low) and \(b) at \(high): it \(falls ? "falls" : "rises")"
    },
    bundle: { "bundle: \($0)" },
    reproduced: { "settle reproduces it: \($0)" },
    notReproduced:
      "settling the written bundle does not break the promise: the bundle is not the case found (readings are rounded to six decimals when scaled); it is kept for inspection",
    writeIt: "write it as a data bundle that settle reproduces with --out DIR",
    summary: {
      "\($0) held, \($1) broken" + ($2.map { ", \($0.0) of \($0.1) cases could not settle" } ?? "")
    },
    unsettled: {
      "CANNOT SETTLE \($0) of \($1) cases (no promise is judged in them); the first, case \($2):"
    },
    because: "because")

  public static let zh = ProveLabels(
    title: { "验证 \($0)：\($1) 项承诺，\($3) 的 \($2) 个情形（种子 \($4)）" },
    ranges: "搜索范围",
    range: { "\($0) .. \($1)\($2 ? "（倍数）" : "")   （原数据：\($2 ? "倍数 " : "")\($3)）" },
    subject: { p, pool in pool.map { "\(p) 在 \($0) 池" } ?? p },
    bound: { "\($0)所得 \($1) \($2)" },
    share: { "\($1) 池的 \($0)" },
    monotone: { "\($2) 上升时 \($0)所得从不\($1 ? "下降" : "上升")" },
    line: "行",
    held: { "全部 \($0) 个情形均成立" },
    broken: { "不成立：第 \($0) 个情形（共 \($1) 个，此前 \($2) 个成立）；经 \($3) 次结算缩减为：" },
    found: "发现时",
    amount: { "\($0)所得 \($1)，不满足 \($2) \($3)" },
    moved: { s, input, low, a, high, b, falls in
      "\(input) = \(low) 时 \(s)所得 \(a)，\(high) 时 \(b)：\(falls ? "下降" : "上升")"
    },
    bundle: { "数据包：\($0)" },
    reproduced: { "结算可复现：\($0)" },
    notReproduced: "按写出的数据包结算时承诺成立：数据包与所找到的情形不同（按倍数调整的读数保留六位小数）；数据包保留以供检查",
    writeIt: "用 --out DIR 写出可由 settle 复现的数据包",
    summary: {
      "\($0) 项成立，\($1) 项不成立" + ($2.map { "，\($0.1) 个情形中 \($0.0) 个无法结算" } ?? "")
    },
    unsettled: { "无法结算：\($1) 个情形中有 \($0) 个（这些情形不判定任何承诺）；第一个是第 \($2) 个情形：" },
    because: "原因")
}
