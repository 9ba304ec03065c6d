/// The words around the numbers of `parkshare revenue` as text (`Labels.revenue`); the details
/// under each value (meter sums, certificate months) have their own, `DetailLabels`.
public struct RevenueLabels: Sendable {
  public var title: @Sendable (_ contract: String, _ period: String, _ currency: String) -> String
  public var data:
    @Sendable (_ directory: String, _ meters: String, _ files: Int, _ rows: String) -> String
  public var kind: @Sendable (_ kind: Computed.Kind) -> String
  public var carried: String
  public var gecCarried: @Sendable (_ formula: String, _ kWh: String) -> String
  /// An inventory's certificates held unsold at the close, and its lots (`heldLot`).
  public var certificatesHeld:
    @Sendable (_ formula: String, _ total: String, _ lots: [String]) -> String
  /// A lot held: its certificates, production month and the last month it can be sold in.
  public var heldLot: @Sendable (_ count: String, _ month: String, _ until: String) -> String
  public var triggered: @Sendable (_ trigger: String, _ period: String) -> String
  public var missing: String
  /// The heading of the intervals the contract's `estimate` rule filled, per meter.
  public var estimated: String =
    "intervals estimated by the 'estimate' rule (the contract's, or the bundle's import.profile's):"
  /// The same, naming the rule's line (the contract's `estimate` or the profile's).
  public var estimatedBy: @Sendable (_ clause: String) -> String = {
    "intervals estimated by the 'estimate' rule at \($0):"
  }
  /// The heading of the readings the meter system flagged estimated or substituted.
  public var flagged: String = "readings the meter system flagged estimated or substituted:"
  /// Cells left out of a long list, and a list's total.
  public var more: @Sendable (_ count: String) -> String
  public var inAll: @Sendable (_ total: String) -> String
  /// The unit of green points (the engine's `point`).
  public var point: String
}

extension RevenueLabels {
  public static let en = RevenueLabels(
    title: { "\($0) \($1): computed values (exact, unrounded; \($2))" },
    data: {
      "data: \($0) (\($1) meters, \($2.grouped) readings file\($2 == 1 ? "" : "s"), \($3) rows)"
    },
    kind: { $0.rawValue },
    carried: "carried to the next period:",
    gecCarried: { "gec(\($0)): \($1) kWh toward the next certificate" },
    certificatesHeld: {
      "certificates of \($0) held unsold: \($1) (\($2.joined(separator: ", ")))"
    },
    heldLot: { "\($0) of \($1), valid through \($2)" },
    triggered: { "trigger \($0): fired in \($1)" },
    missing: "missing intervals counted as 0 kWh (gaps zero):",
    more: { "... (\($0) in all; see --json)" },
    inAll: { "\($0) in all: " },
    point: "point")

  public static let zh = RevenueLabels(
    title: { "\($0) \($1)：计算结果（精确值，未四舍五入；\($2)）" },
    data: { "数据：\($0)（\($1) 个计量表，\($2.grouped) 个读数文件，\($3) 行）" },
    kind: {
      switch $0 {
      case .let: "定义"
      case .kpi: "指标"
      case .revenue: "收入"
      case .subsidy: "补贴"
      case .points: "积分"
      }
    },
    carried: "结转下期：",
    gecCarried: { "gec(\($0))：\($1) kWh 计入下一张绿证" },
    certificatesHeld: { "\($0) 的绿证库存（未售）：\($1) 张（\($2.joined(separator: "，"))）" },
    heldLot: { "\($1) 生产 \($0) 张，有效期至 \($2)" },
    triggered: { "触发条件 \($0)：于 \($1) 触发" },
    missing: "缺失时段按 0 kWh 计（gaps zero）：",
    estimated: "按 estimate 规则（合同的，或数据包 import.profile 的）估算的时段：",
    estimatedBy: { "按 \($0) 的 estimate 规则估算的时段：" },
    flagged: "计量系统标记为估算或替代的读数：",
    more: { "……（共 \($0) 项；详见 --json）" },
    inAll: { "合计 \($0)：" },
    point: "积分")
}
