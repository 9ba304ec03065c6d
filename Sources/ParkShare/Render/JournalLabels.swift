/// The words of `parkshare journal` (`Labels.journal`): the file's heading, each transaction's
/// narration and the balance assertions' description. Account names and the `record:` and
/// `name:` metadata keys are identifiers the tools read, the same in every language.
public struct JournalLabels: Sendable {
  /// The comment heading the file: the contract and the tool's name.
  public var title: @Sendable (_ contract: String, _ tool: String) -> String
  /// A record's transaction: the contract, the period, the record and what it books.
  public var booking:
    @Sendable (_ contract: String, _ period: String, _ event: String, _ entry: String) -> String
  public var settlement: String
  public var amendment: @Sendable (_ reason: String) -> String
  public var revenue: @Sendable (_ pool: String) -> String
  public var distribution: @Sendable (_ pool: String) -> String
  public var arrears: String
  /// The opening-balances transaction of a journal of one period.
  public var opening: @Sendable (_ contract: String) -> String
  /// ledger and hledger: the transaction that holds a period's balance assertions.
  public var balanceAssertions: String
  /// A payment of the ledger's payment book: its kind's word, the party and the reference.
  public var payment:
    @Sendable (_ contract: String, _ kind: Payment.Kind, _ party: String, _ reference: String) ->
      String = { c, kind, party, ref in "\(c) \(kind.rawValue) \(party) \(ref)" }
  /// The payments before the one period a journal holds.
  public var paymentsBefore: @Sendable (_ contract: String) -> String = {
    "\($0) payments before the period"
  }
}

extension JournalLabels {
  public static let en = JournalLabels(
    title: { "parkshare journal of \($0) (\($1))" },
    booking: { "\($0) \($1) \($2): \($3)" },
    settlement: "settlement",
    amendment: { "amendment \($0)" },
    revenue: { "revenue \($0)" },
    distribution: { "distribution \($0)" },
    arrears: "arrears",
    opening: { "\($0) opening balances" },
    balanceAssertions: "balance assertions")

  /// In the register of the 摘要 of Chinese accounting entries (会计分录).
  public static let zh = JournalLabels(
    title: { "parkshare 会计分录：\($0)（\($1)）" },
    booking: { "\($0) \($1) \($2)：\($3)" },
    settlement: "结算",
    amendment: { "更正（\($0)）" },
    revenue: { "收益池 \($0) 收入确认" },
    distribution: { "收益池 \($0) 分配" },
    arrears: "欠付变动",
    opening: { "\($0) 期初余额" },
    balanceAssertions: "余额断言",
    payment: { c, kind, party, ref in
      let word =
        switch kind {
        case .payment: "付款"
        case .receipt: "收款"
        case .writeOff: "核销"
        }
      return "\(c) \(word) \(party) \(ref)"
    },
    paymentsBefore: { "\($0) 本期前的收付款" })
}

extension JournalLabels {
  /// A transaction's narration in these words.
  public func narration(_ n: Journal.Narration) -> String {
    switch n {
    case .opening(let contract): return opening(contract)
    case .payment(let contract, let kind, let party, let reference):
      return payment(contract, kind, party, reference)
    case .paymentsBefore(let contract): return paymentsBefore(contract)
    case .booking(let contract, let period, let event, let entry):
      let what =
        switch event {
        case .settlement: settlement
        case .amendment(let reason): amendment(reason)
        }
      let booked =
        switch entry {
        case .revenue(let pool): revenue(pool)
        case .distribution(let pool): distribution(pool)
        case .arrears: arrears
        }
      return booking(contract, "\(period)", what, booked)
    }
  }
}
