/// A journal as accounting vouchers (记账凭证), the form Chinese ledgers (用友, 金蝶) import: each
/// transaction one voucher of the 记 kind, numbered from 1 in each month in date order, each
/// posting a line with the account's chart code (科目编码) and name, its amount as a debit
/// (借方, a positive posting) or a credit (贷方, a negative one), the counterparty of a party's
/// account and the statement number it is on. Every voucher balances: its debits equal its
/// credits to the fen, as the transaction's postings sum to zero.
public struct Vouchers: Sendable {
  public struct Line: Sendable, Equatable {
    public var code: String
    public var account: String
    public var name: String
    public var debit: Exact
    public var credit: Exact
    /// The party whose account it is (payables, receivables, arrears), by its own name.
    public var counterparty: String?
    public var statement: Int?
  }

  public struct Voucher: Sendable {
    public var date: CalendarDay
    /// From 1 in each month.
    public var number: Int
    public var narration: Journal.Narration
    public var lines: [Line]
  }

  public var contract: String
  public var currency: String
  public var vouchers: [Voucher]

  /// Why a journal cannot be written as vouchers: accounts with no chart code.
  public struct MissingCodes: Error, Sendable {
    public var accounts: [String]
  }

  /// The journal's transactions as vouchers; every account posted to needs a code (`code
  /// ACCOUNT = 2202.01` in the `--accounts` file), or the accounts without one are listed.
  public static func of(_ j: Journal) -> Result<Vouchers, MissingCodes> {
    let booked = j.transactions.filter { if case .opening = $0.narration { false } else { true } }
    let used = Set(booked.flatMap { $0.postings.map(\.account) })
    let missing = used.filter { j.codes[$0] == nil }.sorted()
    guard missing.isEmpty else { return .failure(MissingCodes(accounts: missing)) }
    var out: [Voucher] = []
    var month = -1
    var number = 0
    for t in j.transactions {
      // The balances brought forward are the earlier slices' vouchers, already imported: posted
      // again, importing slice after slice would count them twice.
      if case .opening = t.narration { continue }
      guard let day = CalendarDay(t.date) else { continue }
      if day.absoluteMonth != month { (month, number) = (day.absoluteMonth, 0) }
      number += 1
      let lines = t.postings.filter { !$0.amount.isZero }.map { p in
        Line(
          code: j.codes[p.account] ?? "", account: p.account, name: j.names[p.account] ?? p.account,
          debit: p.amount.isNegative ? .zero : p.amount,
          credit: p.amount.isNegative ? p.amount.negated : .zero,
          counterparty: j.counterparties[p.account], statement: p.statement)
      }
      out.append(Voucher(date: day, number: number, narration: t.narration, lines: lines))
    }
    return .success(Vouchers(contract: j.contract, currency: j.currency, vouchers: out))
  }
}
