import Foundation
import Testing

@testable import ParkShare

/// Files a contract names resolve relative to its folder and stay inside it unless
/// `--allow-outside-files`; a file that is not a registry is reported without its content.
@Suite struct ContractFilesTests {
  /// A scratch folder with `deal/` (the contract and its registry) and `shared/` beside it.
  struct Scratch {
    let root: String
    init() throws {
      root =
        FileManager.default.temporaryDirectory.appendingPathComponent(
          "parkshare-files-\(UUID().uuidString)"
        ).path
      for dir in ["deal", "shared", "elsewhere"] {
        try FileManager.default.createDirectory(
          atPath: root + "/" + dir, withIntermediateDirectories: true)
      }
      let bundles = Paths.fixtures.appendingPathComponent("bundles")
      try FileManager.default.copyItem(
        atPath: bundles.appendingPathComponent("tenants.csv").path,
        toPath: root + "/shared/tenants.csv")
      try FileManager.default.copyItem(
        atPath: bundles.appendingPathComponent("valid").path, toPath: root + "/data")
    }

    /// Writes deal/standard.contract naming its registry as `registry`.
    func contract(naming registry: String) throws {
      let text = try String(
        contentsOf: Paths.fixtures.appendingPathComponent("bundles/standard.contract"),
        encoding: .utf8
      ).replacingOccurrences(of: "\"tenants.csv\"", with: "\"\(registry)\"")
      try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/deal/standard.contract"))
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
  }

  @Test func namesThatLeaveTheFolderAsWritten() {
    for inside in ["tenants.csv", "./a/b.csv", "a/../b.csv", "..x/y.csv", "a/./../b/../c.csv"] {
      #expect(ContractFiles.outside(inside) == nil, "\(inside)")
    }
    for outside in ["/etc/passwd", "../tenants.csv", "a/../../b.csv", "./..", "a/b/../../../c"] {
      #expect(ContractFiles.outside(outside) != nil, "\(outside)")
    }
  }

  /// Run from another working directory, a registry is found beside the contract.
  @Test func registriesResolveFromTheContractsFolder() throws {
    let s = try Scratch()
    defer { s.remove() }
    try FileManager.default.copyItem(
      atPath: s.root + "/shared/tenants.csv", toPath: s.root + "/deal/tenants.csv")
    try s.contract(naming: "tenants.csv")
    let fromElsewhere = try runParkshare(
      ["check", "../deal/standard.contract"],
      cwd: URL(fileURLWithPath: s.root + "/elsewhere"))
    #expect(fromElsewhere.status == 0, "\(fromElsewhere.err)")
    let fromRoot = try runParkshare(
      ["check", s.root + "/deal/standard.contract"], cwd: URL(fileURLWithPath: "/"))
    #expect(fromRoot.status == 0, "\(fromRoot.err)")
  }

  /// `../` and an absolute path: refused at the contract's line and column, with a hint naming
  /// the option; with the option both are read (and settle digests the registry it read).
  @Test func outsideTheFolderOnlyWithTheOption() throws {
    let s = try Scratch()
    defer { s.remove() }
    for (registry, reason) in [
      ("../shared/tenants.csv", "leads out of the contract's folder"),
      (s.root + "/shared/tenants.csv", "is an absolute path"),
    ] {
      try s.contract(naming: registry)
      let refused = try runParkshare(
        ["check", "deal/standard.contract"], cwd: URL(fileURLWithPath: s.root))
      #expect(refused.status == 1)
      #expect(
        refused.err.hasPrefix(
          "deal/standard.contract:9:22: error[outside-file]: registry '\(registry)' \(reason)"),
        "\(refused.err)")
      #expect(refused.err.contains("hint: ") && refused.err.contains("--allow-outside-files"))
      let allowed = try runParkshare(
        ["check", "--allow-outside-files", "deal/standard.contract"],
        cwd: URL(fileURLWithPath: s.root))
      #expect(allowed.status == 0, "\(allowed.err)")
      let settled = try runParkshare(
        [
          "settle", "deal/standard.contract", "--data", "data", "--period", "2026-01",
          "--format", "json", "--allow-outside-files",
        ], cwd: URL(fileURLWithPath: s.root))
      #expect(settled.status == 0, "\(settled.err)")
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(settled.out.utf8)) as? [String: Any])
      let inputs = try #require(json["inputs"] as? [[String: Any]])
      #expect(inputs.contains { ($0["path"] as? String)?.hasSuffix("shared/tenants.csv") == true })
    }
  }

  /// A registry beside the contract that is a link to a file outside its folder is outside.
  @Test func aLinkOutOfTheFolderIsOutside() throws {
    let s = try Scratch()
    defer { s.remove() }
    try FileManager.default.createSymbolicLink(
      atPath: s.root + "/deal/tenants.csv", withDestinationPath: "../shared/tenants.csv")
    try s.contract(naming: "tenants.csv")
    let refused = try runParkshare(
      ["check", "deal/standard.contract"], cwd: URL(fileURLWithPath: s.root))
    #expect(refused.status == 1)
    #expect(refused.err.contains("error[outside-file]: registry 'tenants.csv' is a link to '"))
    let allowed = try runParkshare(
      ["check", "deal/standard.contract", "--allow-outside-files"],
      cwd: URL(fileURLWithPath: s.root))
    #expect(allowed.status == 0, "\(allowed.err)")
    // A link that stays inside the folder is fine.
    try FileManager.default.removeItem(atPath: s.root + "/deal/tenants.csv")
    try FileManager.default.copyItem(
      atPath: s.root + "/shared/tenants.csv", toPath: s.root + "/deal/members.csv")
    try FileManager.default.createSymbolicLink(
      atPath: s.root + "/deal/tenants.csv", withDestinationPath: "members.csv")
    let inside = try runParkshare(
      ["check", "deal/standard.contract"], cwd: URL(fileURLWithPath: s.root))
    #expect(inside.status == 0, "\(inside.err)")
  }

  /// `parties x from "/proc/self/environ"`, even allowed: an error that shows none of it.
  @Test func aFileThatIsNotARegistryIsNotEchoed() throws {
    let s = try Scratch()
    defer { s.remove() }
    try s.contract(naming: "/proc/self/environ")
    var env = ProcessInfo.processInfo.environment
    env["PARKSHARE_SECRET"] = "hunter2-do-not-print"
    let r = try runParkshare(
      ["check", "--allow-outside-files", "deal/standard.contract"],
      cwd: URL(fileURLWithPath: s.root), environment: env)
    #expect(r.status == 1)
    #expect(r.err.contains("'/proc/self/environ' is not a party registry"), "\(r.err)")
    #expect(!r.err.contains("hunter2"))
    #expect(!r.err.contains("PATH="))
    // A CSV-looking file with other columns: not quoted either.
    try Data("user,password\nroot,hunter2-do-not-print\n".utf8).write(
      to: URL(fileURLWithPath: s.root + "/deal/tenants.csv"))
    try s.contract(naming: "tenants.csv")
    let csv = try runParkshare(
      ["check", "deal/standard.contract"], cwd: URL(fileURLWithPath: s.root))
    #expect(csv.status == 1)
    #expect(!csv.err.contains("hunter2") && !csv.err.contains("password"), "\(csv.err)")
  }
}
