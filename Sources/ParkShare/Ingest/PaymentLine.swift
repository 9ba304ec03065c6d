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
    // Trimmed here, the same for a bank file's fields and the command line's options, so
    // `--ref "W6 "` is the reference W6 whichever way it is given.
    self.party = Self.trimmed(party)
    self.amount = Self.trimmed(amount)
    self.date = Self.trimmed(date)
    self.reference = Self.trimmed(reference)
    self.kind = Self.trimmed(kind)
    self.note = Self.trimmed(note)
    self.at = at
  }

  /// `text` without the spaces (and tabs) around it: Unicode White_Space that is not a line
  /// break, the same on every platform (Foundation's `.whitespaces` counts the zero-width space
  /// U+200B as a space on some: here it is kept, and refused as invisible).
  static func trimmed(_ text: String) -> String {
    let isSpace = { (s: Unicode.Scalar) in
      s == "\t" || (s.properties.isWhitespace && !ControlCharacters.isRefused(s))
    }
    var scalars = Substring(text).unicodeScalars[...]
    while let s = scalars.first, isSpace(s) { scalars.removeFirst() }
    while let s = scalars.last, isSpace(s) { scalars.removeLast() }
    return String(String.UnicodeScalarView(scalars))
  }

  /// Characters that show as nothing: in a reference or party they would make `W6` and `W6`
  /// followed by a zero-width space two references that look the same.
  static func isInvisible(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x00AD, 0x180E, 0x200B...0x200D, 0x2060...0x2064, 0xFEFF: true
    default: false
    }
  }

  /// A plain decimal as docs/data-format.md writes it: digits without a leading zero (but
  /// `0.50`), optionally a point and at least one digit; a leading minus is read, to be
  /// refused as not above zero. Not `+5`, `.5`, `5.` or `00005`.
  static func isPlainDecimal(_ text: String) -> Bool {
    var digits = Substring(text)
    if digits.first == "-" { digits = digits.dropFirst() }
    let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let isDigits = { (t: Substring) in !t.isEmpty && t.allSatisfy { ("0"..."9").contains($0) } }
    guard let whole = parts.first, isDigits(whole), whole == "0" || whole.first != "0" else {
      return false
    }
    return parts.count == 1 || isDigits(parts[1])
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
    for (field, text) in [("party", party), ("reference", reference)] {
      if let i = text.unicodeScalars.firstIndex(where: Self.isInvisible) {
        let position = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: i) + 1
        problems.append(
          .error(
            .controlCharacter,
            "the payment's \(field) holds \(ControlCharacters.describe(text.unicodeScalars[i])), which shows as nothing, at character \(position)",
            at: at(field), hint: "remove it: a \(field) is plain visible text"))
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
      guard Self.isPlainDecimal(amount) else { throw .invalidNumber("not a plain decimal") }
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
