/// What `parkshare pay` prints once the payments are recorded: the record and one line each.
public enum PayText {
  public static func text(_ r: PayUseCase.Recorded, ledger: String, language: Language = .en)
    -> String
  {
    let file = "\(ledger)/\(PaymentBook.folderName)/\(r.file)"
    if r.alreadyRecorded {
      return language == .zh
        ? "这些付款已记录在 \(file)，未重复记录\n"
        : "already recorded in \(file), exactly so: nothing recorded again\n"
    }
    let kinds: [Payment.Kind: String] =
      language == .zh
      ? [.payment: "付款", .receipt: "收款", .writeOff: "核销"]
      : [.payment: "payment", .receipt: "receipt", .writeOff: "write-off"]
    var out =
      language == .zh
      ? "已记录 \(r.payments.count) 笔，\(file)\n"
      : "recorded \(r.payments.count) \(r.payments.count == 1 ? "line" : "lines") in \(file)\n"
    for p in r.payments {
      let amount = Money.text(p.amount, decimals: r.decimals)
      out +=
        "  \(p.date)  \(kinds[p.kind] ?? "")  \(p.party)  \(amount) \(r.currency)  \(p.reference)\n"
    }
    return out
  }
}
