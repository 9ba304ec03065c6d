enum Help {
  static let main = """
    parkshare: the benefit-sharing engine for zero-carbon industrial parks

    usage: parkshare <command> [options] [files]

    commands:
      check FILE...        check contracts; print every error with file:line:col
      fmt FILE...          rewrite contracts in canonical form
      help [COMMAND]       show help for a command

    options:
      -h, --help           show help
      --version            show the engine version

    Docs: docs/contract-language.md, docs/cli.md

    """

  static let commands: [String: String] = [
    "check": """
    usage: parkshare check [--json] FILE...

    Parses and checks each contract, with the registry files it names. Every error of every
    file is printed as file:line:col, the source line and a caret, then a hint.

    options:
      --json    print the resolved contract model(s) and diagnostics as JSON on stdout

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
  ]
}
