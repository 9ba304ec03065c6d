import Foundation
import Testing

/// Every command's help against docs/cli.md: the same options (the synopsis lists exactly the
/// options the help does, and the command's section mentions each), an exit status in both, and
/// no doc named that does not exist. The options a command accepts are the ones its help lists
/// (Help.all), so this holds the parser to the page too.
@Suite struct HelpDocsTests {
  static let page =
    (try? String(
      contentsOf: Paths.root.appendingPathComponent("docs/cli.md"), encoding: .utf8)) ?? ""

  /// The commands the main help lists.
  static func commands() throws -> [String] {
    let main = try runParkshare(["help"]).out
    let section =
      main.components(separatedBy: "commands:\n").last?
      .components(separatedBy: "\n\n").first ?? ""
    return section.split(separator: "\n").compactMap { line -> String? in
      guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
      let name = String(line.dropFirst(2).prefix { $0 != " " })
      return name == "help" ? nil : name
    }
  }

  static func options(_ text: String) -> Set<String> {
    Set(text.matches(of: /--[a-z][a-z-]*/).map { String($0.output) })
  }

  /// The page's section about `command`: from the `## ` heading naming it to the next heading.
  static func section(_ command: String) -> String {
    let parts = page.components(separatedBy: "\n## ").dropFirst()
    return parts.filter { part in
      let heading = part.prefix { $0 != "\n" }
      return heading.split(whereSeparator: { ", ".contains($0) }).contains { $0 == command }
    }.joined(separator: "\n")
  }

  @Test func everyCommandHasHelp() throws {
    let names = try Self.commands()
    #expect(
      Set(names)
        == [
          "check", "fmt", "settle", "journal", "report", "compare", "simulate", "solve", "prove",
          "sensitivity",
          "fairness", "explain", "revenue", "ledger", "statement", "pay", "data", "termsheet",
        ])
  }

  @Test(arguments: try commands())
  func helpAgreesWithTheDocs(command: String) throws {
    let r = try runParkshare(["help", command])
    #expect(r.status == 0)
    let help = r.out
    let listed = Self.options(
      help.components(separatedBy: "\noptions:\n").dropFirst().first?
        .components(separatedBy: "\n\n").first ?? "")
    #expect(!listed.isEmpty, "\(command) lists no options")
    // The same options in the synopsis of the page, command by command.
    let synopsis = Self.page.components(separatedBy: "```").dropFirst().first ?? ""
    // A synopsis line continues on the indented lines under it.
    var lines: [String] = []
    for line in synopsis.split(separator: "\n") {
      if line.hasPrefix(" "), !lines.isEmpty {
        lines[lines.count - 1] += String(line)
      } else {
        lines.append(String(line))
      }
    }
    let documented = Self.options(
      lines.filter { $0.hasPrefix("parkshare \(command) ") }.joined(separator: " "))
    #expect(
      listed == documented, "\(command): help \(listed.sorted()), cli.md \(documented.sorted())")
    // ... each described in the command's section, with the exit status.
    let section = Self.section(command)
    #expect(!section.isEmpty, "cli.md has no section for \(command)")
    for option in listed {
      #expect(
        section.contains(option), "cli.md's section for \(command) does not mention \(option)")
    }
    let exit = try #require(
      help.components(separatedBy: "exit status: ").dropFirst().first, "\(command): no exit status")
    for code in ["0", "1", "64"] where exit.contains(code) {
      #expect(
        section.range(of: "Exit [^.]*\\b\(code)\\b", options: .regularExpression) != nil,
        "cli.md's section for \(command) does not give exit status \(code)")
    }
    // Every option the help lists is accepted (not an unknown option).
    for option in listed {
      let run = try runParkshare([command, option, "x", "--help"])
      #expect(!run.err.contains("unknown option"), "\(command) \(option): \(run.err)")
    }
  }

  @Test func helpNamesOnlyDocsThatExist() throws {
    var texts = [try runParkshare(["help"]).out]
    for c in try Self.commands() { texts.append(try runParkshare(["help", c]).out) }
    for text in texts {
      for m in text.matches(of: /docs\/[A-Za-z0-9_.-]+\.(md|json)/) {
        let path = Paths.root.appendingPathComponent(String(m.output.0)).path
        #expect(FileManager.default.fileExists(atPath: path), "help names \(m.output.0)")
      }
    }
  }

  @Test func unknownHelpTopicsAndNoArgumentsAreUsageErrors() throws {
    let nosuch = try runParkshare(["help", "nosuch"])
    #expect(nosuch.status == 64)
    #expect(nosuch.out.isEmpty)
    #expect(nosuch.err.hasPrefix("parkshare help: unknown command 'nosuch'\n"))
    let none = try runParkshare([])
    #expect(none.status == 64)
    #expect(none.out.isEmpty)
    #expect(none.err.contains("usage: parkshare <command>"))
    let help = try runParkshare(["help"])
    #expect(help.status == 0 && help.out.contains("usage: parkshare <command>"))
  }
}
