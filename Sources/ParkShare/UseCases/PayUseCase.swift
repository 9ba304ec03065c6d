import Foundation

/// `pay`: records payments, receipts and write-offs in a ledger's payment book, every line
/// checked first (its fields, its party, its date, its reference) and all of them recorded in
/// one record or none.
public enum PayUseCase {
  public enum Source: Sendable {
    /// A bank file (`--bank FILE.csv`), in UTF-8 or the encoding named (`--encoding`).
    case bank(String, encoding: TextEncoding = .utf8)
    /// One payment from the command line's options.
    case single(PaymentLine)
  }

  public struct Request: Sendable {
    public var ledger: String
    public var source: Source
    public var faults: WriteFaults?

    public init(ledger: String, source: Source, faults: WriteFaults? = nil) {
      self.ledger = ledger
      self.source = source
      self.faults = faults
    }
  }

  public struct Recorded: Sendable {
    /// The payment record written (`payments/0002.json`), or the one that already holds them.
    public var file: String
    public var payments: [Payment]
    /// Every line was already recorded, exactly so (a retry after a crash): nothing written.
    public var alreadyRecorded: Bool
    public var currency: String
    public var decimals: Int
  }

  public static func run(_ request: Request) -> UseCaseOutcome<Recorded> {
    do throws(UseCaseStop) {
      return UseCaseOutcome(try record(request))
    } catch {
      return .stopped(error)
    }
  }

  static func record(_ request: Request) throws(UseCaseStop) -> Recorded {
    let dir = request.ledger
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue,
      Ledger.isLedger(dir)
    else {
      throw .refused(
        Ledger.Refusal(
          message: "there is no ledger at '\(dir)'",
          hint: "payments are recorded in the ledger `settle --ledger` wrote"), dir)
    }
    let ledger: Ledger
    let history: StatementHistory
    var book: PaymentBook
    do throws(Ledger.Refusal) {
      ledger = try Ledger.open(dir, writing: true)
      history = try StatementHistory.of(ledger)
      book = try PaymentBook.read(dir, writing: true)
    } catch {
      throw .refused(error, dir)
    }
    var diagnostics: [Diagnostic] = []
    var sources: [SourceFile] = []
    let lines: [PaymentLine]
    var origin: String? = nil
    switch request.source {
    case .bank(let path, let encoding):
      let read = BankFile.read(path, encoding: encoding)
      (lines, diagnostics, sources) = (read.lines, read.diagnostics, read.sources)
      origin = path
    case .single(let line): lines = [line]
    }
    guard let first = history.firstIssued else {
      throw .input(
        diagnostics + [
          .error(
            .paymentDate, "the ledger '\(dir)' has issued no statement yet: nothing is owed",
            at: .whole(dir), hint: "settle a period with --issued first, then record its payments")
        ], sources)
    }
    var accepted: [(payment: Payment, line: PaymentLine)] = []
    var identical: [String] = []
    var seen: [String: PaymentLine] = [:]
    for line in lines {
      let parsed = line.parsed(decimals: history.decimals)
      // The ledger's checks on the fields as written, whether or not the others parse: every
      // problem of a row in one run.
      var problems = parsed.problems
      if !line.party.isEmpty && history.names[line.party] == nil {
        let known = history.names.keys.sorted()
        problems.append(
          .error(
            .paymentParty,
            "'\(line.party)' is not a party of the ledger's statements",
            at: line.at("party"),
            hint: "the parties are \(known.prefix(8).joined(separator: ", "))"
              + (known.count > 8 ? " and \(known.count - 8) more" : "")))
      }
      if CalendarDay(line.date) != nil && line.date < first {
        problems.append(
          .error(
            .paymentDate,
            "\(line.date) is before the ledger's first statement, issued on \(first)",
            at: line.at("date"),
            hint: "a payment settles issued statements: date it on \(first) or later"))
      }
      let reference = line.reference
      if reference.isEmpty {
      } else if let earlier = seen[reference] {
        problems.append(
          .error(
            .duplicateReference,
            "the reference '\(reference)' is used twice: " + Self.place(earlier.at("reference")),
            at: line.at("reference"), hint: "each payment has its own bank reference"))
      } else if let recorded = book.batch(holding: reference) {
        var same = recorded.payments.first { $0.reference == reference }
        same?.side = nil
        let exact = same != nil && same == parsed.payment
        if exact { identical.append(recorded.file) }
        problems.append(
          .error(
            .duplicateReference,
            "the reference '\(reference)' is already recorded in 'payments/\(recorded.file)'"
              + (exact ? ", with the same party, amount and date" : ""),
            at: line.at("reference"),
            hint:
              "a payment is recorded once; a correction is a payment of its own (a receipt undoes a payment)"
          ))
      }
      if !reference.isEmpty && seen[reference] == nil { seen[reference] = line }
      diagnostics += problems
      if problems.isEmpty, let payment = parsed.payment { accepted.append((payment, line)) }
    }
    // A retry of a run that was recorded (a crash after the record was written): every line is
    // in the book already, exactly as given. Nothing to do, and no error.
    if !lines.isEmpty && identical.count == lines.count
      && !diagnostics.contains(where: {
        $0.severity == .error && $0.id != .duplicateReference
      })
    {
      return Recorded(
        file: identical[0], payments: [], alreadyRecorded: true, currency: history.currency,
        decimals: history.decimals)
    }
    // Write-offs close a balance: the side is the balance's on the write-off's date, counting
    // every payment dated on or before it, recorded or new (WriteOffRule).
    let payments: [Payment]
    do throws(ArithmeticError) {
      let judged = try WriteOffRule.judge(
        history, recorded: book.payments, new: accepted.map(\.payment))
      payments = judged.payments
      diagnostics += Self.describe(judged.problems, judged.payments, accepted.map(\.line), book)
    } catch {
      throw .input(
        diagnostics + [
          .error(.overflow, "a party's balance does not fit: \(error)", at: .whole(dir))
        ], sources)
    }
    guard !diagnostics.hasErrors, !payments.isEmpty else { throw .input(diagnostics, sources) }
    do throws(Ledger.Refusal) {
      let prepared = try book.prepare(payments, source: origin, after: ledger)
      try book.append(prepared, faults: request.faults)
      withExtendedLifetime(ledger) {}
      return Recorded(
        file: prepared.batch.file, payments: payments, alreadyRecorded: false,
        currency: history.currency, decimals: history.decimals)
    } catch {
      throw .refused(error, dir, earlier: diagnostics, sources: sources)
    }
  }

  /// The write-off rule's problems in words, each at the new line it refuses.
  static func describe(
    _ problems: [WriteOffRule.Problem], _ payments: [Payment], _ lines: [PaymentLine],
    _ book: PaymentBook
  ) -> [Diagnostic] {
    var out: [Diagnostic] = []
    let recorded = book.payments
    for problem in problems {
      switch problem {
      case .writeOff(let i, let balance):
        let p = payments[i]
        out.append(
          .error(
            .paymentAmount,
            "the write-off of \(p.amount) is more than \(p.party)'s balance of \(balance) on \(p.date)",
            at: lines[i].at("amount"),
            hint: "a write-off closes what is owed; it cannot exceed it"))
      case .conflict(let r, let blamed, let balance):
        let w = recorded[r]
        let file = book.batch(holding: w.reference).map { "payments/\($0.file)" } ?? "the book"
        for i in blamed {
          let p = payments[i]
          out.append(
            .error(
              .paymentAmount,
              "the \(p.kind.rawValue) '\(p.reference)' of \(p.amount) on \(p.date) comes before the write-off '\(w.reference)' of \(w.amount) on \(w.date) (\(file)): with it, \(w.party)'s balance on \(w.date) is \(balance), which the write-off no longer closes",
              at: lines[i].at("date"),
              hint:
                "a write-off closes at most the balance on its date: check this line's date, or record a correction of the write-off first"
            ))
        }
      }
    }
    return out
  }

  /// `file:line` of a row, or the option it came from.
  static func place(_ r: SourceRange) -> String {
    r.start.line > 0 ? "first on row \(r.start.line)" : "first given as \(r.file)"
  }
}
