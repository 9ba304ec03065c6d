enum Help {
  static let main = """
    parkshare: the benefit-sharing engine for zero-carbon industrial parks

    usage: parkshare <command> [options] [files]

    commands:
      check FILE...        check contracts; print every error with file:line:col
      fmt FILE...          rewrite contracts in canonical form
      settle CONTRACT --data DIR --period P
                           settle a period: every party's statement, reconciled to the fen
      journal --ledger DIR --format F
                           double-entry journal of settled periods (beancount, ledger, hledger)
      report --ledger DIR --from P --to P
                           balances owed to each party, period by period
      compare A B --data DIR --period P
                           two contract variants side by side, per party and per clause
      simulate CONTRACT --scenario FILE [--runs N]
                           project the term: NPV, IRR, payback; Monte Carlo percentiles
      sensitivity CONTRACT --scenario FILE
                           tornado of each party's NPV over every input
      fairness CONTRACT --data DIR --period P --assets FILE
                           value received against capital and Shapley value
      explain CONTRACT --data DIR --period P --party ID
                           the calculation tree behind one party's amounts
      revenue CONTRACT --data DIR --period P
                           compute a period's revenues, KPIs, subsidies and points from its data
      help [COMMAND]       show help for a command

    options:
      -h, --help           show help
      --version            show the engine version
      --allow-outside-files
                           let a contract name registries outside its folder (absolute, ../,
                           links); every command that reads a contract takes it

    Docs: docs/contract-language.md, docs/data-format.md, docs/statement.md, docs/finance.md,
    docs/negotiation.md, docs/cli.md

    """

  static let commands: [String: String] = [
    "check": """
    usage: parkshare check [--json] FILE...

    Parses and checks each contract, with the registry files it names. Every error of every
    file is printed as file:line:col, the source line and a caret, then a hint.

    options:
      --json    print the resolved contract model(s) and diagnostics as JSON on stdout
      --allow-outside-files
                read registries the contract names outside its folder (refused by default)

    exit status: 0 no errors (warnings allowed), 1 errors, 64 usage

    """,
    "fmt": """
    usage: parkshare fmt [--check | --stdout] FILE...

    Rewrites each contract in canonical form, keeping comments. A file that does not parse is
    left untouched and its errors are printed.

    options:
      --check   change nothing; list files that are not canonical and exit 1 if any
      --stdout  print the canonical text instead of rewriting the file

    exit status: 0 done (or all canonical), 1 errors or non-canonical files, 64 usage

    """,
    "settle": """
    usage: parkshare settle CONTRACT --data DIR --period P [options]

    Computes the period's revenues from its data bundle (see `parkshare help revenue`) and pays
    every pool out through its waterfall: one statement per party (party, gross, deductions,
    net, each line with its pool, clause, basis and rate), a reconciliation that leaves a
    residual of 0.00, and the state the next period opens with. Amounts are exact until paid;
    each pool's payments are rounded once so they sum to its rounded total.

    options:
      --period P        the settlement period: 2026Q1, 2026H1, 2026-03 or 2026
      --format F        text (default), json, csv, html, or all (with --out)
      --lang L          labels of the HTML statements: zh (default) or en
      --out DIR         write DIR/CONTRACT-PERIOD.EXT instead of printing
      --ledger DIR      keep settled periods there: open from the last closing state, refuse
                        to settle a period twice, refuse a tampered ledger
      --amend           with --ledger: record a correction of the latest period beside it,
                        issuing difference statements (needs --reason TEXT)
      --issued DATE     with --ledger: the issue date (YYYY-MM-DD) of the statements; default
                        today, recorded in the ledger
      --bom             start CSV with a UTF-8 byte-order mark (for Excel)
      --opening FILE    the previous period's closing state
      --closing FILE    write this period's closing state (with the statement, or nothing)
      --threads N       reader threads (default: the number of cores)
      --allow-outside-files
                        read registries the contract names outside its folder

    Files are never written over a file with other content, nor through or over a link.
    exit status: 0 settled (warnings allowed), 1 errors in the contract or data, 64 usage

    """,
    "journal": """
    usage: parkshare journal --ledger DIR --format beancount|ledger|hledger|xlsx [options]

    Writes double-entry transactions for the settled periods in the ledger: revenue recognised
    per stream into each pool, the pool's distribution to payables per party and to funds,
    arrears owed; amendments book their difference. Every transaction balances exactly in the
    minor unit (a rounding posting where a pool's total and its streams' amounts differ), and
    balance assertions after each period check the payables, funds and arrears. Account names
    follow docs/journal.md.

    options:
      --period P        only that period (after an opening-balances transaction)
      --accounts FILE   'key = template' lines overriding the account names
      --out FILE        write there instead of printing (needed for xlsx)

    exit status: 0 written, 1 ledger or account-file errors, 64 usage

    """,
    "report": """
    usage: parkshare report --ledger DIR --from P --to P [--format text|csv|json|xlsx] [--out FILE]

    For each party and each period from the ledger: the balance owed to it before the period,
    what the period's statement settled, what amendments changed, the arrears owed to it and
    the balance after, with the statement numbers issued.

    exit status: 0 written, 1 ledger errors, 64 usage

    """,
    "compare": """
    usage: parkshare compare A.contract B.contract --data DIR --period P [--format text|json|csv|html]
           parkshare compare A.contract B.contract --ledger DIR [--from P] [--to P] [--format ...]

    Settles both variants on the same data: per party (and fund) the amount under A, under B and
    B - A, and the difference by clause (pool and step), which adds up to it exactly. With
    --ledger, replays every settled period of the ledger (from..to) on the data it was settled
    from (checked by digest), each variant carrying its own state: totals over the range, by
    clause, and B - A of each period.

    """,
    "simulate": """
    usage: parkshare simulate CONTRACT --scenario FILE [--runs N] [--seed S] [--format text|json|html]

    Projects the term period by period from a settled period under the scenario (docs/negotiation.md):
    per party cash flows by year, NPV, IRR, payback, value and investment shares; with runs,
    seeded Monte Carlo percentiles (P10, P50, P90).

    """,
    "sensitivity": """
    usage: parkshare sensitivity CONTRACT --scenario FILE [--change 10%] [--party ID] [--format text|json|html]

    Moves every input (kWh by meter kind, facts, tariffs) down and up by the change and shows
    each investing party's NPV change, largest swing first.

    """,
    "fairness": """
    usage: parkshare fairness CONTRACT --data DIR --period P --assets FILE [--format text|json|html]

    Per party that brings assets: capital, what the contract pays, losses and arrears borne, and
    its Shapley value over the assets (the assets file names the parties each revenue needs).

    """,
    "explain": """
    usage: parkshare explain CONTRACT --data DIR --period P --party ID [--opening FILE]

    Settles the period as `settle` does and prints, for one party, the tree behind its amounts:
    each pool it is paid from, the revenues that fill it with their meter sums, band prices,
    certificates and inputs, every step of the pool's waterfall (the party's lines marked) with
    its basis, rate, exact amount and rounded payment, then the net. Every node cites its clause
    (file:line).

    exit status: 0 explained, 1 errors in the contract or data, 64 usage (an unknown party)

    """,
    "revenue": """
    usage: parkshare revenue CONTRACT --data DIR --period P [options]

    Reads the period's data bundle in DIR (meters.csv, readings, facts.csv; see
    docs/data-format.md) and prints every revenue, KPI, subsidy and points value the contract
    defines, each with its formula, clause and the data behind it. Values are exact and
    unrounded: money is rounded once, when it is paid.

    options:
      --period P        the settlement period: 2026Q1, 2026H1, 2026-03 or 2026
      --opening FILE    the previous period's closing state (kWh carried toward certificates)
      --closing FILE    write this period's closing state there (never over a different file)
      --threads N       reader threads (default: the number of cores)
      --json            print the computation as JSON on stdout
      --allow-outside-files
                        read registries the contract names outside its folder

    exit status: 0 computed (warnings allowed), 1 errors in the contract or data, 64 usage

    """,
  ]
}
