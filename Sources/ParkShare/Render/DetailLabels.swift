/// The words of the details under each computed value (`parkshare revenue`, `explain`): the
/// engine records them as `Detail` values, `Wording+Details` writes the numbers, and these
/// templates put the words around them (`Labels.details`).
public struct DetailLabels: Sendable {
  /// An input's row: the input and its member, month or vintage.
  public var input: @Sendable (_ id: String, _ facet: String) -> String
  /// `vintage 2025` inside a member / month / vintage label.
  public var vintage: @Sendable (_ year: Int) -> String
  /// `event E1` inside a member / month / event label.
  public var event: @Sendable (_ id: String) -> String
  public var meter: @Sendable (_ formula: String, _ meter: String, _ owner: String?) -> String
  public var meterKWh: @Sendable (_ kWh: String, _ kind: String) -> String
  /// The meters the text leaves out, and the output that lists them all.
  public var moreMeters: @Sendable (_ formula: String, _ count: Int) -> String
  public var listedBy: @Sendable (_ output: String) -> String
  /// The cells of a value per member beyond the first six.
  public var moreCells: @Sendable (_ count: Int) -> String
  public var points: String
  public var touBand:
    @Sendable (_ kWh: String, _ price: String, _ currency: String, _ amount: String) -> String
  public var certificates:
    @Sendable (
      _ carried: String, _ kWh: String, _ eligible: String, _ issued: String, _ vintage: Int,
      _ rest: String
    ) -> String
  /// A month of a certificate inventory: held as it opened, issued, sold, written off, held
  /// after (`sold` and `expired` already worded by `lots`).
  public var certificateStock:
    @Sendable (
      _ opening: String, _ issued: String, _ sold: String, _ expired: String, _ closing: String
    ) -> String
  /// Certificates by production month: the total and each month's.
  public var lots: @Sendable (_ total: String, _ parts: [(count: String, month: String)]) -> String
  /// A month's peak demand: kW and the interval it was met in (start, minutes).
  public var peak: @Sendable (_ kW: String, _ from: String, _ minutes: Int) -> String
  /// A month of energy at interval prices: kWh, the intervals, those below zero, the amount.
  public var spot:
    @Sendable (
      _ kWh: String, _ intervals: String, _ negative: Int, _ amount: String, _ currency: String
    ) -> String
  /// The days of a month an amount a year is prorated over (days/365).
  public var prorated: @Sendable (_ days: Int) -> String
  /// An event's baseline kWh and its days, the actual kWh, the reduction with its unit.
  public var reduction:
    @Sendable (_ baseline: String, _ days: String, _ actual: String, _ kW: String) -> String
  /// A level payment: principal, rate a period, periods, the payment.
  public var annuity:
    @Sendable (_ principal: String, _ rate: String, _ periods: Int, _ payment: String) -> String
  /// An amount a condition forfeited in a month.
  public var forfeited: @Sendable (_ amount: String) -> String
  public var beforePhaseOut: @Sendable (_ subsidy: String) -> String
  public var paidOnce: @Sendable (_ subsidy: String) -> String
  public var paidOnlyIn: @Sendable (_ once: String, _ period: String) -> String
  public var phaseOut: @Sendable (_ from: String) -> String
  public var degression:
    @Sendable (_ rate: String, _ every: Period.Length, _ from: String) -> String
  public var degressionSteps: @Sendable (_ steps: Int, _ factor: String) -> String
  public var trigger: @Sendable (_ factor: String, _ condition: String) -> String
  public var fired: @Sendable (_ period: String) -> String
  public var notFired: String
  /// A reduction on a running total this period: the total before and after, the threshold.
  public var crossed: @Sendable (_ before: String, _ after: String, _ threshold: String) -> String
  public var subsidyFactor: @Sendable (_ subsidy: String) -> String
  /// A running total: before this period, this period, the total, its unit ("" for none).
  public var runningTotal:
    @Sendable (_ before: String, _ now: String, _ total: String, _ unit: String) -> String
  /// What a party was paid before this period.
  public var receivedBefore: @Sendable (_ amount: String, _ currency: String) -> String
  /// One rule's points and the rule as written in the contract.
  public var pointsTerm: @Sendable (_ points: String, _ rule: String) -> String
  public var pointsTotal: @Sendable (_ terms: String, _ total: String) -> String
  public var flooredAtZero: String
  public var cappedAt: @Sendable (_ cap: String) -> String
}

extension DetailLabels {
  public static let en = DetailLabels(
    input: { $1.isEmpty ? $0 : "\($0) \($1)" },
    vintage: { "vintage \($0)" },
    event: { "event \($0)" },
    meter: { "\($0): meter \($1)\($2.map { " (\($0))" } ?? "")" },
    meterKWh: { "\($0) kWh (\($1))" },
    moreMeters: { "\($0): \($1) more meters" },
    listedBy: { "\($0) lists them all" },
    moreCells: { ", ... (\($0) in all)" },
    points: "points",
    touBand: { "\($0) kWh x \($1) \($2)/kWh = \($3) \($2)" },
    certificates: {
      "carried \($0) + \($1) kWh = \($2) kWh -> \($3) certificates (vintage \($4)), \($5) kWh carried"
    },
    certificateStock: {
      "held \($0) + issued \($1) - sold \($2) - written off unsold \($3) = held \($4)"
    },
    lots: { total, parts in
      parts.isEmpty
        ? "0" : "\(total) (\(parts.map { "\($0.count) of \($0.month)" }.joined(separator: ", ")))"
    },
    peak: { "\($0) kW, in the \($2)-minute interval from \($1)" },
    spot: {
      "\($0) kWh at \($1) interval prices\($2 == 0 ? "" : ", \($2) below zero") = \($3) \($4)"
    },
    prorated: { "\($0) days of 365" },
    reduction: { "baseline \($0) kWh (mean of \($1)) - actual \($2) kWh = \($3)" },
    annuity: { "\($0) x \($1) / (1 - (1 + \($1))^-\($2)) = \($3) a period" },
    forfeited: { "\($0) forfeited" },
    beforePhaseOut: { "\($0) before phase-out" },
    paidOnce: { "\($0) paid once" },
    paidOnlyIn: { "only in \($0): 0 in \($1)" },
    phaseOut: { "phase-out from \($0)" },
    degression: { "degression \($0) per \($1 == .half ? "half-year" : $1.rawValue) from \($2)" },
    degressionSteps: { "\($0) step\($0 == 1 ? "" : "s"): x \($1)" },
    trigger: { "reduce to \($0) when \($1)" },
    fired: { "fired in \($0)" },
    notFired: "not fired",
    crossed: { "\($0) to \($1) this period, threshold \($2)" },
    subsidyFactor: { "\($0) factor" },
    runningTotal: { "\($0) before + \($1) this period = \($2)\($3.isEmpty ? "" : " " + $3)" },
    receivedBefore: { "\($0) \($1) paid before this period" },
    pointsTerm: { "\($0) (\($1))" },
    pointsTotal: { "\($0) = \($1) points" },
    flooredAtZero: ", floored at 0",
    cappedAt: { ", capped at \($0)" })

  public static let zh = DetailLabels(
    input: { $1.isEmpty ? $0 : "\($0) \($1)" },
    vintage: { "\($0) 年度" },
    event: { "响应事件 \($0)" },
    meter: { "\($0) 计量表 \($1)\($2.map { "（\($0)）" } ?? "")" },
    meterKWh: { "\($0) kWh（\($1)）" },
    moreMeters: { "\($0) 另有 \($1) 个计量表" },
    listedBy: { "\($0) 列出全部" },
    moreCells: { "……（共 \($0) 项）" },
    points: "积分",
    touBand: { "\($0) kWh × \($1) \($2)/kWh = \($3) \($2)" },
    certificates: {
      "结转 \($0) + \($1) kWh = \($2) kWh → \($3) 张绿证（\($4) 年度），结转 \($5) kWh"
    },
    certificateStock: {
      "持有 \($0) + 核发 \($1) - 售出 \($2) - 过期未售核销 \($3) = 持有 \($4)"
    },
    lots: { total, parts in
      parts.isEmpty
        ? "0" : "\(total)（\(parts.map { "\($0.month) 生产 \($0.count)" }.joined(separator: "，"))）"
    },
    peak: { "\($0) kW，出现在 \($1) 起的 \($2) 分钟时段" },
    spot: {
      "\($0) kWh 按 \($1) 个时段电价计\($2 == 0 ? "" : "（其中 \($2) 个为负电价）") = \($3) \($4)"
    },
    prorated: { "\($0) 天 / 365" },
    reduction: { "基线 \($0) kWh（\($1) 的平均）- 实际 \($2) kWh = 削减 \($3)" },
    annuity: { "\($0) × \($1) / (1 - (1 + \($1))^-\($2)) = 每期 \($3)" },
    forfeited: { "扣除 \($0)" },
    beforePhaseOut: { "\($0) 退坡前" },
    paidOnce: { "\($0) 一次性支付" },
    paidOnlyIn: { "仅于 \($0) 支付：\($1) 为 0" },
    phaseOut: { "自 \($0) 起退坡" },
    degression: {
      let every =
        switch $1 {
        case .month: "每月"
        case .quarter: "每季度"
        case .half: "每半年"
        case .year: "每年"
        }
      return "自 \($2) 起\(every)递减 \($0)"
    },
    degressionSteps: { "\($0) 步：× \($1)" },
    trigger: { "当 \($1) 时降至 \($0)" },
    fired: { "于 \($0) 触发" },
    notFired: "未触发",
    crossed: { "本期累计由 \($0) 至 \($1)，阈值 \($2)" },
    subsidyFactor: { "\($0) 系数" },
    runningTotal: { "此前 \($0) + 本期 \($1) = \($2)\($3.isEmpty ? "" : " " + $3)" },
    receivedBefore: { "本期之前已收 \($0) \($1)" },
    pointsTerm: { "\($0)（\($1)）" },
    pointsTotal: { "\($0) = \($1) 积分" },
    flooredAtZero: "，下限为 0",
    cappedAt: { "，上限 \($0)" })
}
