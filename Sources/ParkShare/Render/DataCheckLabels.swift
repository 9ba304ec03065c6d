/// The words of `parkshare data check` (`Labels.dataCheck`): its title and table header.
public struct DataCheckLabels: Sendable {
  /// The bundle, the period, meters, rows and files.
  public var title:
    @Sendable (_ dir: String, _ period: String, _ meters: String, _ rows: String, _ files: String)
      -> String
  /// meter, kind, interval, read, missing, median kWh, spikes, flat lines.
  public var header: [String]
  /// The last line: findings or none.
  public var clean: String
  public var findings: @Sendable (_ count: String) -> String

  public static let en = DataCheckLabels(
    title: { "data check \($0) (\($1)): \($2) meters, \($3) rows; readings files: \($4)" },
    header: ["meter", "kind", "interval", "read", "missing", "median kWh", "spikes", "flat lines"],
    clean: "no gaps, spikes or flat lines",
    findings: {
      "\($0) meter\($0 == "1" ? "" : "s") with gaps, spikes or flat lines (listed above)"
    })

  public static let zh = DataCheckLabels(
    title: { "数据检查 \($0)（\($1)）：\($2) 块表，\($4) 个文件共 \($3) 行" },
    header: ["表号", "类型", "间隔（分钟）", "已读", "缺失", "中位数 kWh", "尖峰", "平直段"],
    clean: "无缺失、尖峰或平直段",
    findings: { "\($0) 块表有缺失、尖峰或平直段（见上）" })
}
