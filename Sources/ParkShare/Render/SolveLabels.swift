/// The words of `solve` (goal-seek).
public struct SolveLabels: Sendable {
  public var title:
    @Sendable (_ contract: String, _ parameter: String, _ target: String, _ count: Int) -> String
  public var solved: @Sendable (_ parameter: String, _ value: String, _ figure: String) -> String
  public var bracket: @Sendable (_ low: String, _ high: String) -> String
  public var outOfRange:
    @Sendable (_ low: String, _ high: String, _ figureLow: String, _ figureHigh: String) -> String
  public var notMonotonic: @Sendable (_ parameter: String, _ trials: String) -> String
  public var undefined: @Sendable (_ value: String) -> String
  public var trials: String
  public var noFigure: String

  public static let en = SolveLabels(
    title: { "solve \($0): \($1) for \($2), \($3) projections" },
    solved: { "\($0) = \($1) gives \($2)" },
    bracket: { "between \($0) and \($1) on the grid" },
    outOfRange: {
      "no value between \($0) and \($1) reaches the target: the figure runs from \($2) to \($3) there; widen --between"
    },
    notMonotonic: {
      "the figure is not monotonic in \($0) within the bounds (\($1)): more than one value may reach the target; narrow --between"
    },
    undefined: {
      "the figure cannot be computed at \($0) (an IRR of flows that never change sign, a payback never reached); narrow --between"
    },
    trials: "trials", noFigure: "undefined")

  public static let zh = SolveLabels(
    title: { "求解 \($0)：调整 \($1) 使 \($2)，共 \($3) 次测算" },
    solved: { "\($0) = \($1) 时 \($2)" },
    bracket: { "位于网格上 \($0) 与 \($1) 之间" },
    outOfRange: { "\($0) 至 \($1) 之间没有达到目标的取值：该区间内指标从 \($2) 变化到 \($3)；请放宽 --between" },
    notMonotonic: { "在边界内指标随 \($0) 不单调（\($1)）：可能有多个取值达到目标；请缩小 --between" },
    undefined: { "在 \($0) 处无法计算该指标（现金流不变号时无 IRR，或始终未回本）；请缩小 --between" },
    trials: "测算记录", noFigure: "无法计算")
}
