/// Every command's help, and from it the options each command accepts: the parser takes what the
/// help lists and nothing else, so the two cannot disagree (docs/cli.md is held to it by a test).
enum Help {
  static let main = """
    parkshare: the benefit-sharing engine for zero-carbon industrial parks

    usage: parkshare <command> [options] [files]

    commands:
      check FILE...        check contracts; print every error with file:line:col
      fmt FILE...          rewrite contracts in canonical form
      settle CONTRACT --data DIR --period P
                           settle a period: every party's statement, reconciled to the fen
      statement --ledger DIR --number N
                           reprint an issued statement, byte for byte as it was issued
      journal --ledger DIR --format F
                           double-entry journal of settled periods (beancount, ledger, hledger)
      report --ledger DIR --from P --to P
                           balances owed to each party, period by period
      pay --ledger DIR --party P --amount A --date D --ref R
                           record a payment, receipt or write-off (or a bank file's, --bank)
      compare A B --data DIR --period P
                           two contract variants side by side, per party and per clause
      simulate CONTRACT --scenario FILE [--runs N]
                           project the term: NPV, IRR, payback; Monte Carlo percentiles
      solve CONTRACT --scenario FILE --vary PARAM --target T
                           goal-seek a parameter for a party's IRR, NPV, payback or share
      prove CONTRACT --scenario FILE [--cases N]
                           test the contract's assert lines over the scenario's input ranges
      termsheet CONTRACT [--against OTHER]
                           the contract as a numbered term sheet, changes marked
      sensitivity CONTRACT --scenario FILE
                           tornado of each party's NPV over every input
      fairness CONTRACT --data DIR --period P --assets FILE
                           value received against capital and Shapley value
      explain CONTRACT --data DIR --period P --party ID
                           the calculation tree behind one party's amounts
      revenue CONTRACT --data DIR --period P
                           compute a period's revenues, KPIs, subsidies and points from its data
      ledger verify DIR    check a ledger: its chain, digests, inputs, and every period re-settled
      data check DIR       check a bundle's meter data without a contract: gaps, spikes, flat lines
      help [COMMAND]       show help for a command

    options:
      -h, --help           show help
      --version            show the engine version

    exit status: 0 success, 1 input errors, 64 usage errors (help on stderr)

    Docs: docs/contract-language.md, docs/data-format.md, docs/statement.md, docs/finance.md,
    docs/negotiation.md, docs/cli.md

    """

  /// One command's help: its usage, what it does, its options (`--name VALUE` takes a value,
  /// `--name` is a flag), and its exit status.
  struct Command {
    var usage: String
    var about: String
    var options: [(String, String)] = []
    var exit: String

    var valued: Set<String> {
      Set(options.map(\.0).filter { $0.contains(" ") }.map { String($0.prefix { $0 != " " }) })
    }
    var flags: Set<String> {
      Set(options.map(\.0).filter { !$0.contains(" ") }).union(["--help"])
    }

    var text: String {
      var out = "usage: " + usage + "\n\n" + about + "\n"
      if !options.isEmpty {
        out += "\noptions:\n"
        let width = max(16, options.map(\.0.count).max() ?? 0) + 2
        for (name, text) in options {
          let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
          out += "  " + name + String(repeating: " ", count: width - name.count) + lines[0] + "\n"
          for line in lines.dropFirst() {
            out += String(repeating: " ", count: width + 2) + line + "\n"
          }
        }
      }
      return out + "\nexit status: " + exit + "\n"
    }
  }

  static let period = ("--period P", "the settlement period: 2026Q1, 2026H1, 2026-03 or 2026")
  static let data = ("--data DIR", "the period's data bundle (meters.csv, readings, facts.csv)")
  static let opening = ("--opening FILE", "the previous period's closing state")
  static let threads = ("--threads N", "reader threads (default: the number of cores)")
  static let lang = ("--lang L", "the language of the words: en (default) or zh")
  static let textLang = ("--lang L", "the language of the text output: en (default) or zh")
  static let bom = (
    "--bom",
    "start CSV with a UTF-8 byte-order mark (the default: Excel and WPS\nread Chinese names right)"
  )
  static let noBOM = ("--no-bom", "CSV without the byte-order mark")
  static let set = (
    "--set NAME=VALUE",
    "override a contract parameter (param NAME = VALUE) for this run;\nas often as needed"
  )
  static let usual = "0 done, 1 errors in the contract or data, 64 usage"
  static let outside = (
    "--allow-outside-files",
    "read registries the contract names outside its folder (refused by default)"
  )

  static let all: [String: Command] = [
    "check": Command(
      usage: "parkshare check [--json] FILE...",
      about: """
        Parses and checks each contract, with the registry files it names. Every error of every
        file is printed as file:line:col, the source line and a caret, then a hint.
        """,
      options: [
        ("--json", "print the resolved contract model(s) and diagnostics as JSON on stdout"),
        outside,
      ],
      exit: "0 no errors (warnings allowed), 1 errors, 64 usage"),
    "fmt": Command(
      usage: "parkshare fmt [--check | --stdout] FILE...",
      about: """
        Rewrites each contract in canonical form, keeping comments. A file that does not parse is
        left untouched and its errors are printed; a contract reached through a link is not
        rewritten (use --stdout).
        """,
      options: [
        ("--check", "change nothing; list files that are not canonical and exit 1 if any"),
        ("--stdout", "print the canonical text instead of rewriting the file"),
      ],
      exit: "0 done (or all canonical), 1 errors or non-canonical files, 64 usage"),
    "settle": Command(
      usage: """
        parkshare settle CONTRACT --data DIR --period P [options]
               parkshare settle CONTRACT --from P --to Q --data ROOT --ledger DIR [options]
        """,
      about: """
        Computes the period's revenues from its data bundle (see `parkshare help revenue`) and pays
        every pool out through its waterfall: one statement per party (party, gross, deductions,
        net, each line with its pool, clause, basis and rate), a reconciliation that leaves a
        residual of 0.00, and the state the next period opens with. Amounts are exact until paid;
        each pool's payments are rounded once so they sum to its rounded total. Files are never
        written over a file with other content, nor through or over a link. With --from and --to,
        settles every period of the range the ledger does not hold yet, in order, each from
        ROOT/PERIOD/ and each recorded on its own; a period that fails stops the run, the periods
        before it stay recorded.
        """,
      options: [
        data, period, set,
        ("--from P", "with --ledger: the first period of a range, each from --data ROOT/PERIOD"),
        (
          "--to P",
          "with --from: the last period of the range (periods settled already are\nskipped)"
        ),
        (
          "--format F",
          "text (default), json, csv, html, invoices (VAT), or with --out also xlsx, pdf, invoices-xlsx and all"
        ),
        ("--lang L", "zh or en: the words of the statements (text: en by default; HTML, PDF: zh)"),
        ("--out DIR", "write DIR/CONTRACT-PERIOD.EXT instead of printing"),
        (
          "--ledger DIR",
          "keep settled periods there: open from the last closing state, refuse\nto settle a period twice, refuse a tampered ledger or one in use;\nstatements show the ledger record and its digest"
        ),
        (
          "--amend",
          "with --ledger: record a correction of any settled period beside it,\nrestating the later periods it reaches; difference statements where\namounts change (needs --reason)"
        ),
        ("--reason TEXT", "why the amendment is made (with --amend)"),
        (
          "--contract-changed TEXT",
          "with --ledger: accept a contract whose text differs from the ledger's\nlast record, for this reason (kept in the ledger, shown on statements)"
        ),
        (
          "--issued DATE",
          "with --ledger: the issue date (YYYY-MM-DD) of the statements; default\ntoday, recorded in the ledger; not before the period ends nor before\nthe ledger's latest issue"
        ),
        bom, noBOM,
        opening,
        ("--closing FILE", "write this period's closing state (with the statement, or nothing)"),
        threads, outside,
      ],
      exit: "0 settled (warnings allowed), 1 errors in the contract, data or ledger, 64 usage"),
    "journal": Command(
      usage:
        "parkshare journal --ledger DIR --format beancount|ledger|hledger|xlsx|voucher|voucher-xlsx [options]",
      about: """
        Writes double-entry transactions for the settled periods in the ledger: revenue recognised
        per stream into each pool, the pool's distribution to payables per party and to funds,
        arrears owed; amendments book their difference. Every transaction balances exactly in the
        minor unit (a rounding posting where a pool's total and its streams' amounts differ), and
        balance assertions after each period check the payables, funds and arrears. Account names
        follow docs/finance.md.
        """,
      options: [
        ("--ledger DIR", "the ledger (a folder `settle --ledger` wrote); it is only read"),
        (
          "--format F",
          "beancount, ledger, hledger or xlsx; voucher (CSV) or voucher-xlsx: accounting\nvouchers (记账凭证) for Chinese ledgers, with --accounts giving every code"
        ),
        ("--period P", "only what is booked in that period, after its balances brought forward"),
        ("--accounts FILE", "account names, Chinese names and codes (docs/finance.md)"),
        (
          "--book-amendments B",
          "issued (default: on the amendment's issue date) or in-period (the period it corrects)"
        ),
        ("--out FILE", "write there instead of printing (needed for xlsx)"),
        bom, noBOM,
        ("--lang L", "the language of the narrations: en (default) or zh; account names stay"),
      ],
      exit:
        "0 written, 1 ledger or account-file errors (a folder that is not a ledger, an account\nwithout a code for vouchers), 64 usage"
    ),
    "report": Command(
      usage:
        "parkshare report --ledger DIR --from P --to P [--as-of D] [--format text|csv|json|xlsx] [--out FILE] [--lang zh|en]",
      about: """
        For each party and each period from the ledger: the balance owed to it before the period,
        what the period's statement settled, what amendments changed, the arrears owed to it and
        the balance after, with the statement numbers issued. When the ledger records payments
        (or with --as-of): per party the opening balance, settled, amended, paid, received,
        written off and closing as of a date, and the statements still open, oldest first, with
        their days outstanding (payments settle the oldest statements first).
        """,
      options: [
        ("--ledger DIR", "the ledger (a folder `settle --ledger` wrote); it is only read"),
        ("--from P", "the first period reported"), ("--to P", "the last period reported"),
        ("--as-of D", "the date balances and ageing are taken on (default: the ledger's latest)"),
        ("--format F", "text (default), csv, json or xlsx"),
        ("--out FILE", "write there instead of printing (needed for xlsx)"),
        bom, noBOM, lang,
      ],
      exit: "0 written, 1 ledger errors (a folder that is not a ledger), 64 usage"),
    "pay": Command(
      usage: """
        parkshare pay --ledger DIR --party P --amount A --date D --ref R [--kind payment|receipt|write-off] [--note TEXT] [--lang zh|en]
               parkshare pay --ledger DIR --bank FILE.csv [--encoding utf-8|gb18030] [--lang zh|en]
        """,
      about: """
        Records money paid to a party (payment), received from it (receipt) or closed without
        cash (write-off) in the ledger's payment book (docs/finance.md), hash-chained like the
        settlements: one payment, or every row of a bank file, all of them or none. Refused: an
        unknown party, an amount not above zero or finer than the currency's minor unit, a date
        before the first statement, a reference already used. Every problem of a bank file is
        reported, with its row, in one run.
        """,
      options: [
        ("--ledger DIR", "the ledger (a folder `settle --ledger` wrote)"),
        ("--party P", "the party's id, as its statements name it"),
        ("--amount A", "a positive amount in the currency (12345.67)"),
        ("--date D", "the day the money moved, YYYY-MM-DD"),
        ("--ref R", "the bank's reference: unique in the ledger"),
        ("--kind K", "payment (default), receipt or write-off"),
        ("--note TEXT", "a note kept with the payment"),
        (
          "--bank FILE", "a CSV of bank lines instead: party, amount, date, reference[, kind, note]"
        ),
        (
          "--encoding E",
          "with --bank: utf-8 (default, with or without a BOM) or gb18030 (also gbk,\ngb2312), as Excel or WPS save CSV on a Chinese PC"
        ),
        lang,
      ],
      exit: "0 recorded (or already recorded, exactly so), 1 refused: nothing recorded, 64 usage"),
    "ledger": Command(
      usage: "parkshare ledger verify DIR [--expect-head DIGEST] [--threads N]",
      about: """
        Checks a ledger from its files (docs/finance.md): the chain of record digests and HEAD;
        every record against the settlement it holds, the record it amends, the state the period
        before closed with, its statement numbers and its contract digest; every input file still
        there against its recorded digest; and each period re-settled from its recorded inputs,
        byte for byte. Prints one line per record on stdout and every problem on stderr.
        """,
      options: [
        (
          "--expect-head DIGEST",
          "a statement's printed head: it must still be a record of the chain\n(a ledger rolled back after the statement was issued fails)"
        ),
        threads,
      ],
      exit:
        "0 all holds (periods whose inputs are gone are checked but not re-settled),\n1 a problem found, 64 usage"
    ),
    "data": Command(
      usage:
        "parkshare data check DIR [--period P] [--spike X] [--flat N] [--lang L] [--threads N]",
      about: """
        Checks a data bundle's meter data without a contract, before anyone settles it: the
        registry, every readings row (through the bundle's import.profile, if any), and per meter
        its gaps, spikes (a reading above X times the meter's median of non-zero readings) and
        flat lines (N or more intervals in a row of one non-zero value). A table per meter on
        stdout; every finding on stderr at its file and row.
        """,
      options: [
        ("--period P", "the period the bundle holds (default: the folder's name, as 2026Q1)"),
        ("--spike X", "a spike is a reading above X times the median (default 10)"),
        ("--flat N", "a flat line is N or more equal non-zero readings in a row (default 12)"),
        lang, threads,
      ],
      exit: "0 no errors (findings are warnings), 1 errors in the data, 64 usage"),
    "compare": Command(
      usage: """
        parkshare compare A.contract B.contract --data DIR --period P [--format text|json|csv|html]
               parkshare compare A.contract B.contract --ledger DIR [--from P] [--to P] [--format ...]
        """,
      about: """
        Settles both variants on the same data: per party (and fund) the amount under A, under B and
        B - A, and the difference by clause (pool and step), which adds up to it exactly. With
        --ledger, replays every settled period of the ledger (from..to) on the data it was settled
        from (checked by digest), each variant carrying its own state: totals over the range, by
        clause, and B - A of each period.
        """,
      options: [
        data, period, opening, set,
        ("--set-a NAME=VALUE", "a parameter of variant A only (B keeps its value)"),
        ("--set-b NAME=VALUE", "a parameter of variant B only: compare one contract with itself"),
        (
          "--scenario FILE",
          "project both variants over the term (as simulate): NPV, IRR, payback, by year"
        ),
        ("--year Y", "with --scenario: that year's projected periods compared clause by clause"),
        ("--ledger DIR", "replay the ledger's settled periods instead of --data and --period"),
        ("--from P", "with --ledger: the first period replayed"),
        ("--to P", "with --ledger: the last period replayed"),
        ("--format F", "text (default), json, csv or html"), threads, outside,
        bom, noBOM, textLang,
      ],
      exit: usual),
    "simulate": Command(
      usage:
        "parkshare simulate CONTRACT --scenario FILE [--runs N] [--seed S] [--format text|json|html]",
      about: """
        Projects the term period by period from a settled period under the scenario
        (docs/negotiation.md): per party cash flows by year, NPV, IRR, payback, value and
        investment shares; with runs, seeded Monte Carlo percentiles (P10, P50, P90).
        """,
      options: [
        set,
        (
          "--scenario FILE",
          "the scenario (JSON): the settled period, growth, prices, discount rate"
        ),
        ("--runs N", "Monte Carlo runs (default: none, the projection alone)"),
        ("--seed S", "the seed of the runs (a whole number from 0)"),
        ("--format F", "text (default), json or html"), threads, outside,
        textLang,
      ],
      exit: "0 done, 1 errors in the contract, scenario or data, 64 usage"),
    "termsheet": Command(
      usage:
        "parkshare termsheet CONTRACT [--against OTHER] [--format text|html|pdf] [--out FILE] [--lang zh|en]",
      about: """
        Renders the contract as a term sheet for a negotiation round: every clause numbered by
        section (terms, parties, parameters, data, tariffs, revenues, VAT, subsidies, points,
        pools with their steps), as written, with its line and its comment. With --against, each
        clause is marked changed (with the text it had), added or unchanged, and the other
        version's clauses missing here are listed as removed.
        """,
      options: [
        ("--against OTHER", "another version of the contract: mark what changed"),
        ("--format F", "text (default), html, or pdf (with --out)"),
        ("--out FILE", "write the term sheet to FILE"),
        ("--lang L", "the language of the headings: en (default) or zh"), outside,
      ],
      exit: "0 done, 1 errors in a contract, 64 usage"),
    "solve": Command(
      usage:
        "parkshare solve CONTRACT --scenario FILE --vary PARAM --target \"irr(esco) = 8%\" [options]",
      about: """
        Goal-seek: the value of a contract parameter (param NAME = VALUE) at which a party's
        projected figure over the term meets the target: irr, npv, payback (years), share (of the
        value) or received (in all). Bisects on a grid of --precision between the --between
        bounds, each trial a projection under the scenario; says so when the target is out of
        range, the figure is not monotonic there, or cannot be computed.
        """,
      options: [
        ("--scenario FILE", "the scenario (JSON), as for simulate"),
        ("--vary PARAM", "the contract parameter solved for"),
        (
          "--target T",
          "FIGURE(PARTY) = VALUE: irr(esco) = 8%, npv(op) = 1,000,000, payback(esco) = 6"
        ),
        (
          "--between L..H",
          "the bounds, in the parameter's form (default 0%..100% for a percentage)"
        ),
        ("--precision P", "the grid: 0.01 (percentage points for a percentage) by default"),
        set, ("--format F", "text (default) or json"), threads, outside, textLang,
      ],
      exit:
        "0 solved, 1 no solution in the bounds or errors in the contract, scenario or data, 64 usage"
    ),
    "prove": Command(
      usage:
        "parkshare prove CONTRACT --scenario FILE [--cases N] [--seed S] [--out DIR] [options]",
      about: """
        Tests the contract's promises (assert lines) like code: settles the scenario's starting
        period at the ends and corners of the scenario's prove ranges, then at random points
        (seeded), and for each promise a case breaks, shrinks the case toward the bundle's own
        values and reports the smallest counterexample; --out writes it as a data bundle that
        settle reproduces.
        """,
      options: [
        ("--scenario FILE", "the scenario (JSON) with a prove section: the input ranges"),
        ("--cases N", "cases to try (default: the scenario's, or 1,000)"),
        ("--seed S", "the seed of the random cases (default: the scenario's, or 1)"),
        ("--out DIR", "write each counterexample as a data bundle into this new folder"),
        set, ("--format F", "text (default) or json"),
        ("--threads N", "threads that settle cases (default: the number of cores)"), outside,
        textLang,
      ],
      exit:
        "0 every promise held, 1 a promise broken or errors in the contract, scenario or data, 64 usage"
    ),
    "sensitivity": Command(
      usage:
        "parkshare sensitivity CONTRACT --scenario FILE [--change 10%] [--party ID] [--format text|json|html]",
      about: """
        Moves every input (kWh by meter kind, facts, tariffs) down and up by the change and shows
        each investing party's NPV change, largest swing first.
        """,
      options: [
        set,
        ("--scenario FILE", "the scenario (JSON), as for simulate"),
        ("--change C", "how far each input moves down and up (default 10%)"),
        ("--grid NAME=L..H/S", "twice: a two-way grid of a parameter or input and another"),
        ("--figure F", "with --grid: the figure of each cell, FIGURE(PARTY): irr(esco), npv(op)"),
        ("--party ID", "only that party's tornado"),
        ("--format F", "text (default), json or html; with --grid text, json or svg"), threads,
        outside, textLang,
      ],
      exit: "0 done, 1 errors in the contract, scenario or data, 64 usage"),
    "fairness": Command(
      usage:
        "parkshare fairness CONTRACT --data DIR --period P --assets FILE [--format text|json|html]",
      about: """
        Per party that brings assets: capital, what the contract pays, losses and arrears borne, and
        its Shapley value over the assets (the assets file names the parties each revenue needs).
        Shapley values are rounded to the fen by apportionment, so they sum to the total shown.
        """,
      options: [
        data, period, set, ("--assets FILE", "which parties each revenue needs"), opening,
        ("--format F", "text (default), json or html"), threads, outside,
        textLang,
      ],
      exit: "0 done, 1 errors in the contract, assets file or data, 64 usage"),
    "statement": Command(
      usage:
        "parkshare statement --ledger DIR (--number N | --period P --party ID | --record N) [--format F] [--out DIR]",
      about: """
        Reprints an issued statement from the ledger, in the bytes `settle` wrote when it was
        issued: the files of the record that issued it (every party's statements of that
        settlement or amendment), named as settle named them. The period is settled again from its
        recorded inputs, which must still have their recorded digests, and must give the record's
        settlement byte for byte. The ledger is only read.
        """,
      options: [
        ("--ledger DIR", "the ledger (a folder `settle --ledger` wrote); it is only read"),
        ("--number N", "the statement number, as printed on it"),
        ("--period P", "with --party: that party's latest statement for the period"),
        ("--party ID", "with --period: the party"),
        (
          "--record N",
          "the files of ledger record N, as settle wrote them (also a restatement\nthat issued no statement)"
        ),
        (
          "--format F",
          "text (default), json, csv, html, invoices (VAT), or with --out also xlsx, pdf, invoices-xlsx and all"
        ),
        ("--lang L", "zh or en, as given to settle (text: en by default; HTML, PDF: zh)"),
        bom, ("--no-bom", "CSV without the byte-order mark, as given to settle"),
        ("--out DIR", "write DIR/STEM.EXT, as settle named it, instead of printing"),
        threads,
      ],
      exit: "0 reprinted, 1 no such statement or its inputs changed, 64 usage"),
    "explain": Command(
      usage: """
        parkshare explain CONTRACT --data DIR --period P --party ID [--opening FILE]
               parkshare explain --ledger DIR --period P --party ID
        """,
      about: """
        Settles the period as `settle` does and prints, for one party, the tree behind its amounts:
        each pool it is paid from, the revenues that fill it with their meter sums, band prices,
        certificates and inputs, every step of the pool's waterfall (the party's lines marked) with
        its basis, rate, exact amount and rounded payment, then the net. Every node cites its clause
        (file:line).
        """,
      options: [
        data, period, set, ("--party ID", "the party explained"), opening,
        (
          "--ledger DIR",
          "explain the period's latest record from its recorded contract, data and\nopening state (instead of CONTRACT, --data and --opening)"
        ),
        threads, outside, lang,
      ],
      exit: "0 explained, 1 errors in the contract or data, 64 usage (an unknown party)"),
    "revenue": Command(
      usage: "parkshare revenue CONTRACT --data DIR --period P [options]",
      about: """
        Reads the period's data bundle in DIR (meters.csv, readings, facts.csv; see
        docs/data-format.md) and prints every revenue, KPI, subsidy and points value the contract
        defines, each with its formula, clause and the data behind it. Values are exact and
        unrounded: money is rounded once, when it is paid.
        """,
      options: [
        data, period, set,
        ("--opening FILE", "the previous period's closing state (kWh carried toward certificates)"),
        ("--closing FILE", "write this period's closing state there (never over a different file)"),
        threads, ("--json", "print the computation as JSON on stdout"), outside, lang,
      ],
      exit: "0 computed (warnings allowed), 1 errors in the contract or data, 64 usage"),
  ]

  /// Each command's help text.
  static let commands: [String: String] = all.mapValues(\.text)
}
