/// The words of VAT (增值税) in statements, reports and the invoice list.
public struct VATLabels: Sendable {
  public var excluded: String
  public var tax: String
  public var total: String
  public var rate: String
  /// A tax class as the contract writes it (`13%`, `exempt`), in words.
  public var rateText: @Sendable (_ rate: String) -> String
  /// How a revenue holds its VAT: `13% included`, `6% excluded`, `exempt`.
  public var treatment: @Sendable (_ kind: VATTreatment.Kind, _ rate: String) -> String
  /// After a pool's total: how its steps see VAT.
  public var sharing: @Sendable (_ sharing: VATSharing) -> String
  /// Under a source: its invoice (treatment, amount excluding tax, tax, total).
  public var source:
    @Sendable (_ treatment: String, _ excluded: String, _ tax: String, _ total: String) -> String
  /// The reconciliation's VAT rows: output VAT of the revenues, the part on parties' lines,
  /// the part on funds and unallocated money (paid over by the pool's holder).
  public var output: String
  public var onParties: String
  public var retained: String
  /// A statement's table of what the party invoices, by tax class.
  public var invoice: String
  /// A difference statement's correction of one tax class: a red-letter invoice (红字发票) when
  /// it lowers what was invoiced, an additional one otherwise.
  public var correction:
    @Sendable (_ rate: String, _ excluded: String, _ tax: String, _ total: String, _ red: Bool)
      -> String
  /// The invoice list's title.
  public var invoicesTitle:
    @Sendable (_ contract: String, _ period: String, _ currency: String) -> String

  public static let en = VATLabels(
    excluded: "excl. VAT", tax: "VAT", total: "total", rate: "rate",
    rateText: { $0 },
    treatment: { kind, rate in
      switch kind {
      case .exempt: "exempt"
      case .included: "\(rate) included"
      case .excluded: "\(rate) excluded"
      }
    },
    sharing: {
      switch $0 {
      case .gross: " (shared gross: steps on amounts including VAT)"
      case .net: " (shared net: steps on amounts excluding VAT, each line's VAT on top)"
      }
    },
    source: { "VAT \($0): \($1) + VAT \($2) = \($3)" },
    output: "output VAT of the revenues",
    onParties: "VAT on the parties' lines",
    retained: "VAT on funds and unallocated (paid over by the pool's holder)",
    invoice: "to invoice, by VAT rate",
    correction: {
      "\($4 ? "red-letter invoice" : "additional invoice") \($0): \($1) + VAT \($2) = \($3)"
    },
    invoicesTitle: { "\($0) \($1): invoice list (\($2))" })

  public static let zh = VATLabels(
    excluded: "不含税金额", tax: "税额", total: "价税合计", rate: "税率",
    rateText: { $0 == "exempt" ? "免税" : $0 },
    treatment: { kind, rate in
      switch kind {
      case .exempt: "免税"
      case .included: "含税 \(rate)"
      case .excluded: "不含税 \(rate)"
      }
    },
    sharing: {
      switch $0 {
      case .gross: "（按含税金额分配）"
      case .net: "（按不含税金额分配，各行税额另加）"
      }
    },
    source: { "增值税 \($0)：不含税 \($1) + 税额 \($2) = 价税合计 \($3)" },
    output: "收入销项税额",
    onParties: "各方分配行税额",
    retained: "基金及未分配部分税额（由资金池持有方缴纳）",
    invoice: "应开发票（按税率）",
    correction: { "\($4 ? "红字发票" : "补开发票") \($0)：不含税 \($1) + 税额 \($2) = 价税合计 \($3)" },
    invoicesTitle: { "\($0) \($1)：发票清单（\($2)）" })
}
