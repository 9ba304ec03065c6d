import Foundation

/// How journal accounts are named: one template per kind of account, with `{contract}`, `{pool}`,
/// `{source}`, `{party}` and `{fund}` filled in (each id written as an account component:
/// `storage_replacement` -> `StorageReplacement`). docs/journal.md lists the defaults; a file of
/// `key = template` lines overrides any of them; `name ACCOUNT = NAME` and `code ACCOUNT = CODE`
/// lines give an account a name (Chinese as written) and a chart-of-accounts code (科目编码).
public struct JournalAccounts: Sendable {
  public var templates: [String: String]
  /// Account -> name, and account -> code, from the file.
  public var names: [String: String] = [:]
  public var codes: [String: String] = [:]

  /// Who owes a subsidy whose contract names no payer (`paid by`).
  public static let defaultPayer = "government"

  public static let defaults: [(key: String, template: String)] = [
    ("pool", "Assets:Parkshare:{contract}:Pool:{pool}"),
    ("receivable", "Assets:Parkshare:{contract}:Receivable:{party}"),
    ("income", "Income:Parkshare:{contract}:{source}"),
    ("rounding", "Income:Parkshare:{contract}:Rounding"),
    ("distribution", "Expenses:Parkshare:{contract}:Distribution:{pool}"),
    ("payable", "Liabilities:Parkshare:{contract}:Payable:{party}"),
    ("fund", "Liabilities:Parkshare:{contract}:Fund:{fund}"),
    ("arrears", "Liabilities:Parkshare:{contract}:Arrears:{party}"),
    ("arrears-expense", "Expenses:Parkshare:{contract}:Arrears:{party}"),
    ("opening", "Equity:Parkshare:{contract}:Opening"),
    ("bank", "Assets:Parkshare:{contract}:Bank"),
    ("written-off", "Income:Parkshare:{contract}:WrittenOff"),
    ("bad-debt", "Expenses:Parkshare:{contract}:BadDebt"),
    ("vat-output", "Liabilities:Parkshare:{contract}:VAT:Output"),
    ("vat-input", "Liabilities:Parkshare:{contract}:VAT:Input"),
  ]

  /// What each key's template may name (every key has `{contract}`).
  static let placeholders: [String: [String]] = [
    "pool": ["contract", "pool"], "receivable": ["contract", "party"],
    "income": ["contract", "source"], "distribution": ["contract", "pool"],
    "payable": ["contract", "party"], "fund": ["contract", "fund"],
    "arrears": ["contract", "party"], "arrears-expense": ["contract", "party"],
  ]

  public init() {
    templates = Dictionary(uniqueKeysWithValues: Self.defaults.map { ($0.key, $0.template) })
  }

  static let roots = ["Assets", "Liabilities", "Equity", "Income", "Expenses"]

  /// Reads `key = template`, `name ACCOUNT = NAME` and `code ACCOUNT = CODE` lines (`#`
  /// comments); an unknown key, a template or account that does not start with one of the five
  /// account types, a code that is not digits (with `.` or `-` between groups), or a second name
  /// or code for one account is an error naming the line.
  public static func parse(_ text: String) -> Result<JournalAccounts, JournalError> {
    var accounts = JournalAccounts()
    for (i, raw) in SourceFile.lines(of: text).enumerated() {
      let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        .trimmingCharacters(in: .whitespaces)
      if line.isEmpty { continue }
      let parts = line.split(separator: "=", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      func fail(_ message: String) -> Result<JournalAccounts, JournalError> {
        .failure(JournalError(line: i + 1, message: message))
      }
      let words = parts[0].split(separator: " ", maxSplits: 1).map(String.init)
      if parts.count == 2, words.count == 2, ["name", "code"].contains(words[0]) {
        let account = words[1].trimmingCharacters(in: .whitespaces)
        guard Self.isAccount(account) else {
          return fail("an account starts with \(roots.joined(separator: ", ")): '\(account)'")
        }
        let value = parts[1]
        if words[0] == "name" {
          guard !value.isEmpty else { return fail("'name \(account) =' gives no name") }
          guard accounts.names[account] == nil else {
            return fail("\(account) is named twice: keep one 'name' line")
          }
          accounts.names[account] = value
        } else {
          guard Self.isCode(value) else {
            return fail("a code is digits, with '.' or '-' between groups (2202.01): '\(value)'")
          }
          guard accounts.codes[account] == nil else {
            return fail("\(account) has two codes: keep one 'code' line")
          }
          accounts.codes[account] = value
        }
        continue
      }
      guard parts.count == 2, accounts.templates[parts[0]] != nil else {
        return fail(
          "expected 'KEY = TEMPLATE' with KEY one of \(defaults.map(\.key).joined(separator: ", ")), "
            + "or 'name ACCOUNT = NAME', or 'code ACCOUNT = CODE'")
      }
      guard Self.hasRoot(parts[1]) else {
        return fail("an account starts with \(roots.joined(separator: ", ")): '\(parts[1])'")
      }
      // Only the placeholders the key fills: another would stay in the account's name.
      let allowed = Self.placeholders[parts[0]] ?? ["contract"]
      for m in parts[1].matches(of: /\{([^}]*)\}/) where !allowed.contains(String(m.1)) {
        return fail(
          "'\(parts[0])' fills {\(allowed.joined(separator: "}, {"))}, not {\(m.1)}: '\(parts[1])'")
      }
      accounts.templates[parts[0]] = parts[1]
    }
    return .success(accounts)
  }

  static func hasRoot(_ account: String) -> Bool {
    guard let root = account.split(separator: ":").first else { return false }
    return roots.contains(String(root))
  }

  static func isAccount(_ account: String) -> Bool {
    hasRoot(account) && !account.contains(where: \.isWhitespace)
  }

  /// `2202`, `2202.01`, `1122-03`: digit groups joined by `.` or `-`.
  static func isCode(_ code: String) -> Bool {
    let groups = code.split(separator: ".", omittingEmptySubsequences: false).flatMap {
      $0.split(separator: "-", omittingEmptySubsequences: false)
    }
    return groups.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
  }

  /// Whether an account's balance is brought forward into the next period's journal (assets,
  /// liabilities, equity); income and expenses are closed into the `opening` equity instead.
  static func carriesForward(_ account: String) -> Bool {
    ["Assets", "Liabilities", "Equity"].contains(account.split(separator: ":").first ?? "")
  }

  /// The kinds of account a journal posts to; the raw value is the key of its template.
  enum Kind: String, CaseIterable {
    case pool, receivable, income, rounding, distribution, payable, fund, arrears, opening, bank
    case arrearsExpense = "arrears-expense"
    /// A write-off of what is owed to a party (income), and of what a party owes (an expense).
    case writtenOff = "written-off"
    case badDebt = "bad-debt"
    /// Output VAT of the revenues (销项税额) and input VAT of the parties' invoices (进项税额).
    case vatOutput = "vat-output"
    case vatInput = "vat-input"
  }

  /// The account of `kind` for `values`.
  func name(_ kind: Kind, _ values: [String: String]) -> String {
    var out = templates[kind.rawValue] ?? kind.rawValue
    for (k, v) in values { out = out.replacingOccurrences(of: "{\(k)}", with: Self.component(v)) }
    return out
  }

  /// An id as an account component: `pv-export_2` -> `PvExport2`; it starts with a capital
  /// letter or a digit, as beancount requires.
  static func component(_ id: String) -> String {
    id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { part in
      part.prefix(1).uppercased() + part.dropFirst()
    }.joined()
  }
}

/// A problem with a journal's account file.
public struct JournalError: Error, Sendable {
  public var line: Int
  public var message: String
}
