import Foundation

/// A `Journal` in the syntax of beancount, ledger or hledger. Amounts are plain decimals with
/// every minor-unit digit and the currency after them; descriptions keep Chinese text as is.
/// The heading and narrations are in `w`'s language; account names and metadata keys are not.
public enum JournalText {
  public enum Format: String, Sendable, CaseIterable { case beancount, ledger, hledger }

  public static func render(_ j: Journal, format: Format, wording w: Wording = .en) -> String {
    let t = w.labels.journal
    func amount(_ v: Exact) -> String {
      Money.text(v, decimals: j.decimals).replacingOccurrences(of: ",", with: "") + " " + j.currency
    }
    func quoted(_ s: String) -> String {
      "\""
        + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
          of: "\"", with: "\\\"") + "\""
    }
    let width = (j.accounts.map(\.count).max() ?? 40) + 4
    func posting(_ account: String, _ text: String, indent: String) -> String {
      indent + account + String(repeating: " ", count: max(2, width - account.count)) + text + "\n"
    }
    let number = StatementText.number
    var out = ""
    switch format {
    case .beancount:
      out += ";; \(t.title(j.contract, "beancount"))\n"
      out += "option \"operating_currency\" \"\(j.currency)\"\n"
      // Exact to the minor unit: no tolerance for transactions or balance assertions (beancount
      // would otherwise let a balance be off by one unit of its last digit).
      out += "option \"inferred_tolerance_default\" \"\(j.currency):0\"\n\n"
      out += "\(j.openDate) commodity \(j.currency)\n"
      for a in j.accounts {
        out += "\(j.openDate) open \(a) \(j.currency)\n"
        if let name = j.names[a] { out += "  name: \(quoted(name))\n" }
        if let code = j.codes[a] { out += "  code: \(quoted(code))\n" }
      }
      let zero = Money.text(.zero, decimals: j.decimals)
      for (i, tx) in j.transactions.enumerated() {
        out += "\n\(tx.date) * \(quoted(j.contract)) \(quoted(t.narration(tx.narration)))\n"
        if !tx.record.isEmpty { out += "  record: \(quoted(tx.record))\n" }
        if let issued = tx.issued { out += "  issued: \(issued)\n" }
        if !tx.statements.isEmpty {
          out += "  statements: \(quoted(tx.statements.map(number).joined(separator: " ")))\n"
        }
        for p in tx.postings {
          out += posting(p.account, amount(p.amount), indent: "  ")
          if let n = p.statement { out += "    statement: \(quoted(number(n)))\n" }
          if let n = p.amends { out += "    amends: \(quoted(number(n)))\n" }
        }
        let closing = j.balances.filter { $0.after == i + 1 }
        if !closing.isEmpty { out += "\n" }
        for b in closing {
          let value = Money.text(b.amount, decimals: j.decimals).replacingOccurrences(
            of: ",", with: "")
          out += "\(b.date) balance \(b.account)  \(value) ~ \(zero) \(j.currency)\n"
        }
      }
    case .ledger, .hledger:
      let name = format == .ledger ? "ledger" : "hledger"
      func date(_ d: String) -> String {
        format == .ledger ? d.replacingOccurrences(of: "-", with: "/") : d
      }
      out += "; \(t.title(j.contract, name))\n"
      // Every commodity, account and metadata tag declared before use: `ledger --pedantic`
      // and `hledger check -s` refuse anything undeclared.
      if format == .hledger {
        out += "commodity 1,000.00 \(j.currency)\n"
        for a in j.accounts {
          // A tag's value ends at a comma: a name's ASCII commas are written full-width.
          let tags = [
            j.names[a].map { "name: " + $0.replacingOccurrences(of: ",", with: "，") },
            j.codes[a].map { "code: \($0)" },
          ].compactMap { $0 }
          out += "account \(a)" + (tags.isEmpty ? "" : "  ; " + tags.joined(separator: ", ")) + "\n"
        }
      } else {
        out += "commodity \(j.currency)\n"
        for tag in ["record", "issued", "statements", "statement", "amends", "code"] {
          out += "tag \(tag)\n"
        }
        for a in j.accounts {
          out += "account \(a)\n"
          if let n = j.names[a] { out += "    note \(n)\n" }
          if let c = j.codes[a] { out += "    ; code: \(c)\n" }
        }
      }
      for (i, tx) in j.transactions.enumerated() {
        out += "\n\(date(tx.date)) * \(t.narration(tx.narration))\n"
        if !tx.record.isEmpty { out += "    ; record: \(tx.record)\n" }
        if let issued = tx.issued { out += "    ; issued: \(issued)\n" }
        if !tx.statements.isEmpty {
          out += "    ; statements: \(tx.statements.map(number).joined(separator: " "))\n"
        }
        for p in tx.postings {
          let note = j.names[p.account].map { "  ; \($0)" } ?? ""
          out += posting(p.account, amount(p.amount) + note, indent: "    ")
          if let n = p.statement { out += "      ; statement: \(number(n))\n" }
          if let n = p.amends { out += "      ; amends: \(number(n))\n" }
        }
        // Balance assertions, one posting of zero each, right after the day they close.
        let closing = j.balances.filter { $0.after == i + 1 }
        if let first = closing.first {
          out += "\n\(date(first.date)) * \(t.balanceAssertions)\n"
          for b in closing {
            out += posting(b.account, "0 \(j.currency) = \(amount(b.amount))", indent: "    ")
          }
        }
      }
    }
    return out
  }
}

/// `parkshare journal --format xlsx`: every posting on one filterable sheet, and the balance
/// assertions on another; amounts are numbers. Sheet names and headers are codes, the same in
/// every language; the narrations are in `w`'s.
public enum JournalWorkbook {
  public static func build(_ j: Journal, wording w: Wording = .en) -> Workbook {
    var book = Workbook(decimals: j.decimals)
    book.add(
      "Postings", header: ["date", "narration", "record", "account", "name", "amount", "currency"],
      rows: j.transactions.flatMap { t in
        t.postings.map { p in
          [
            CalendarDay(t.date).map(Workbook.Cell.date) ?? .text(t.date),
            .text(w.labels.journal.narration(t.narration)), .text(t.record),
            .text(p.account),
            .text(j.names[p.account] ?? ""), .number(p.amount), .text(j.currency),
          ]
        }
      })
    book.add(
      "Balances", header: ["date", "account", "name", "balance", "currency"],
      rows: j.balances.map { b in
        [
          CalendarDay(b.date).map(Workbook.Cell.date) ?? .text(b.date), .text(b.account),
          .text(j.names[b.account] ?? ""), .number(b.amount),
          .text(j.currency),
        ]
      })
    return book
  }
}
