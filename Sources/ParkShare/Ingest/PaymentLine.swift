/// One payment as written (a bank file's row, or `pay --party ... --amount ...`), before it is
/// checked against the ledger: its fields as text and where they came from.
public struct PaymentLine: Sendable {
  public var party: String
  public var amount: String
  public var date: String
  public var reference: String
  public var kind: String
  public var note: String
  /// Where it is reported: the bank file's row, or the command line's option.
  public var at: @Sendable (String) -> SourceRange

  public init(
    party: String, amount: String, date: String, reference: String, kind: String = "",
    note: String = "", at: @escaping @Sendable (String) -> SourceRange
  ) {
    self.party = party
    self.amount = amount
    self.date = date
    self.reference = reference
    self.kind = kind
    self.note = note
    self.at = at
  }

  /// The words a bank file's `kind` column may hold, English or Chinese; empty is a payment.
  static let kinds: [String: Payment.Kind] = [
    "": .payment, "payment": .payment, "付款": .payment, "receipt": .receipt, "收款": .receipt,
    "write-off": .writeOff, "核销": .writeOff,
  ]

  /// The payment, or every problem of its own fields (the ledger's checks come after):
  /// `decimals` is the currency's minor unit.
  func parsed(decimals: Int) -> (payment: Payment?, problems: [Diagnostic]) {
    var problems: [Diagnostic] = []
    if reference.isEmpty {
      problems.append(
        .error(
          .badPayment, "the payment has no reference", at: at("reference"),
          hint: "give the bank's reference: it tells the payment from every other"))
    }
    // A line break in a reference or note would forge lines of the journals and reports.
    for (field, text) in [("party", party), ("reference", reference), ("note", note)] {
      if let bad = ControlCharacters.first(in: text) {
        problems.append(
          .error(
            .controlCharacter,
            "the payment's \(field) holds \(ControlCharacters.describe(bad.scalar)) at character \(bad.position)",
            at: at(field), hint: "remove it: a \(field) is one line of plain text"))
      }
    }
    if party.isEmpty {
      problems.append(
        .error(.badPayment, "the payment names no party", at: at("party"), hint: nil))
    }
    let kind = Self.kinds[kind.lowercased()]
    if kind == nil {
      problems.append(
        .error(
          .badPayment, "'\(self.kind)' is not a kind of payment", at: at("kind"),
          hint: "the kinds are payment, receipt and write-off (付款, 收款, 核销); empty is payment"
        ))
    }
    if CalendarDay(date) == nil {
      problems.append(
        .error(
          .paymentDate, "'\(date)' is not a date", at: at("date"),
          hint: "write dates as YYYY-MM-DD (2026-04-20)"))
    }
    var value: Exact? = nil
    do throws(ArithmeticError) {
      value = try Exact(parsing: amount)
    } catch {
      problems.append(
        .error(
          .paymentAmount, "'\(amount)' is not an amount", at: at("amount"),
          hint: "write a plain decimal without grouping or currency sign: 12345.67"))
    }
    if let v = value {
      if v.isZero || v.isNegative {
        problems.append(
          .error(
            .paymentAmount, "the amount \(amount) is not above zero", at: at("amount"),
            hint:
              "an amount is always positive: money received from a party is a receipt (kind receipt)"
          ))
      } else if v.scale > decimals && (try? v.rounded(scale: decimals, .halfEven)) != v {
        problems.append(
          .error(
            .paymentAmount,
            "the amount \(amount) has more than the currency's \(decimals) decimals",
            at: at("amount"), hint: "money moves in whole minor units (分): round it as the bank did"
          ))
      }
    }
    guard problems.isEmpty, let kind, let value else { return (nil, problems) }
    // Recorded with every minor-unit digit (1 -> 1.00), as statements print amounts.
    let amount: Exact
    do throws(ArithmeticError) {
      amount = try Exact(
        minorUnits: value.minorUnits(decimals: decimals, .halfEven), decimals: decimals)
    } catch {
      return (
        nil,
        [
          .error(
            .paymentAmount, "the amount \(self.amount) does not fit: \(error)", at: at("amount"))
        ]
      )
    }
    return (
      Payment(
        reference: reference, party: party, kind: kind, amount: amount, date: date,
        note: note.isEmpty ? nil : note), []
    )
  }
}
