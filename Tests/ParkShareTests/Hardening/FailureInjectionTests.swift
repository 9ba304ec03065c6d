import Foundation
import Testing

@testable import ParkShare

/// Failure injection (issue 7): a settle run writing six output files and two ledger files is
/// killed, or meets a full disk or a denied permission, at every one of its write steps. In
/// every case the ledger opens and holds the period completely or not at all, no file stands at
/// a final path unless it is the finished one, and settling again completes the run.
@Suite struct FailureInjectionTests {
  /// The settle of 2026Q2 after 2026Q1, writing into `root` (its `ledger` and `out`).
  static func settleQ2(_ f: LedgerTests.Fixture, root: String, fault: String?) throws -> (
    status: Int32, out: String, err: String
  ) {
    var env = ProcessInfo.processInfo.environment
    env["PARKSHARE_FAULT"] = fault
    return try runParkshare(
      [
        "settle", f.t.folder.appendingPathComponent("test.contract").path, "--data",
        f.t.folder.appendingPathComponent("2026Q2").path, "--period", "2026Q2", "--ledger",
        root + "/ledger", "--format", "all", "--out", root + "/out", "--closing",
        root + "/out/closing.json", "--issued", "2026-07-05",
      ], environment: env)
  }

  /// Every file under `dir` (hidden ones too) with its bytes.
  static func snapshot(_ dir: String) -> [String: Data] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    var out: [String: Data] = [:]
    for n in names { out[n] = FileManager.default.contents(atPath: dir + "/" + n) }
    return out
  }

  /// The records of the ledger in `dir` once opened (and its lock released), or nil.
  static func records(_ dir: String) -> Int? { (try? Ledger.open(dir))?.records.count }

  /// A folder holding the ledger after 2026Q1.
  static func start(_ f: LedgerTests.Fixture, _ q1: String, _ name: String) throws -> String {
    let root = f.t.folder.appendingPathComponent(name).path
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: q1, toPath: root + "/ledger")
    return root
  }

  @Test func everyWriteStepCanFailWithoutLoss() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    let q1 = f.ledger
    // The run without faults: what a finished run leaves.
    let clean = try Self.start(f, q1, "clean")
    let done = try Self.settleQ2(f, root: clean, fault: nil)
    #expect(done.status == 0, "\(done.err)")
    let finishedOut = Self.snapshot(clean + "/out")
    let finishedLedger = Self.snapshot(clean + "/ledger").filter {
      $0.key != ".lock" && $0.key != ".index"
    }
    #expect(finishedOut.count == 7)
    #expect(finishedLedger.count == 3)  // two records and HEAD
    let before = Self.snapshot(q1).filter { $0.key != ".lock" && $0.key != ".index" }
    // 8 files x 5 steps (create, write, sync, rename, sync-folder).
    let steps = 8 * AtomicFile.Step.allCases.count
    var faults = (1...steps).flatMap { ["kill@\($0)", "enospc@\($0)"] }
    faults += stride(from: 1, through: steps, by: 5).map { "eacces@\($0)" }
    var outcomes: [String: Int] = [:]
    for fault in faults {
      let root = try Self.start(f, q1, fault)
      let run = try Self.settleQ2(f, root: root, fault: fault)
      let killed = fault.hasPrefix("kill")
      // A fault on the sync of the folder, after the rename, is past the point of no return.
      let lateStep = Int(fault.split(separator: "@")[1])! % 5 == 0
      #expect(run.status != 0 || lateStep, "\(fault) went unnoticed")
      if !killed && !lateStep {
        #expect(run.status == 1 && run.err.contains("cannot write"), "\(fault): \(run.err)")
      }
      // The ledger opens and holds Q2 completely or not at all.
      let ledger = Self.snapshot(root + "/ledger").filter {
        $0.key != ".lock" && $0.key != ".index" && !$0.key.contains(".parkshare-tmp-")
      }
      let recorded = ledger["0002-2026Q2.json"] != nil
      if recorded {
        #expect(ledger["0002-2026Q2.json"] == finishedLedger["0002-2026Q2.json"], "\(fault)")
      } else {
        #expect(ledger == before, "\(fault): the ledger changed")
      }
      #expect(Self.records(root + "/ledger") == (recorded ? 2 : 1), "\(fault)")
      // Only finished files at final paths; all of them once the ledger holds the period; none
      // after a failure that was reported (all or nothing).
      let out = Self.snapshot(root + "/out").filter { !$0.key.contains(".parkshare-tmp-") }
      for (name, data) in out { #expect(data == finishedOut[name], "\(fault): \(name) is partial") }
      if recorded {
        #expect(out.count == 7, "\(fault): the ledger holds Q2 but outputs are missing")
      }
      if !killed && !lateStep {
        #expect(out.isEmpty && !recorded, "\(fault): \(out.keys.sorted())")
      }
      // Settling again finishes the job, or says the period is settled (its files all present).
      let again = try Self.settleQ2(f, root: root, fault: nil)
      if recorded {
        #expect(again.err.contains("2026Q2 is already settled"), "\(fault): \(again.err)")
      } else {
        #expect(again.status == 0, "\(fault): \(again.err)")
      }
      #expect(Self.snapshot(root + "/out") == finishedOut, "\(fault): outputs after the retry")
      #expect(
        Self.snapshot(root + "/ledger").filter { $0.key != ".lock" && $0.key != ".index" }
          == finishedLedger,
        "\(fault): ledger after the retry")
      outcomes[recorded ? "recorded" : "not recorded", default: 0] += 1
    }
    // Both outcomes happen: faults before the ledger's record and after it.
    #expect(outcomes["recorded", default: 0] > 0 && outcomes["not recorded", default: 0] > 0)
  }

  /// A temporary file whose process is gone is removed by the next write of its file; one of a
  /// running process (pid 1 here) is left alone.
  @Test func staleTemporaryFilesGoWithTheNextWrite() throws {
    let t = try TestBundle(contract: LedgerTests.contract)
    defer { t.remove() }
    let target = t.folder.appendingPathComponent("out.txt").path
    let done = Process()
    done.executableURL = URL(fileURLWithPath: "/bin/true")
    try done.run()
    done.waitUntilExit()
    let stale = AtomicFile.temporaryPath(for: target, pid: done.processIdentifier)
    let live = AtomicFile.temporaryPath(for: target, pid: 1)
    for p in [stale, live] {
      _ = FileManager.default.createFile(atPath: p, contents: Data("x".utf8))
    }
    try AtomicFile.write(Data("finished\n".utf8), to: target)
    #expect(!FileManager.default.fileExists(atPath: stale))
    #expect(FileManager.default.fileExists(atPath: live))
    #expect(FileManager.default.contents(atPath: target) == Data("finished\n".utf8))
  }

  /// Temporary names carry 64 random bits beside the pid: no one can plant a link in advance.
  @Test func temporaryNamesAreUnpredictable() {
    let names = Set((0..<100).map { _ in AtomicFile.temporaryPath(for: "out/a.txt") })
    #expect(names.count == 100)
    #expect(names.allSatisfy { $0.hasPrefix("out/.a.txt.parkshare-tmp-\(getpid())-") })
  }

  /// A link planted at the temporary name drawn first is not followed: the file it points to is
  /// untouched, the link is left as it is, and the write goes through under another name.
  @Test func aLinkAtTheTemporaryNameIsNeverFollowed() throws {
    let t = try TestBundle(contract: LedgerTests.contract)
    defer { t.remove() }
    let victim = t.folder.appendingPathComponent("victim.txt").path
    let target = t.folder.appendingPathComponent("out.txt").path
    try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
    let planted = AtomicFile.temporaryPath(for: target)
    try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim)
    // And a dangling one: O_CREAT through it would create a file outside.
    let dangling = AtomicFile.temporaryPath(for: target)
    let created = t.folder.appendingPathComponent("created.txt").path
    try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: created)
    var names = [planted, dangling, AtomicFile.temporaryPath(for: target)]
    try AtomicFile.write(Data("finished\n".utf8), to: target, faults: nil) { names.removeFirst() }
    #expect(FileManager.default.contents(atPath: victim) == Data("precious\n".utf8))
    #expect(!FileManager.default.fileExists(atPath: created))
    #expect(FileManager.default.contents(atPath: target) == Data("finished\n".utf8))
    #expect(AtomicFile.refusedTarget(target) == nil)
    #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: planted)) == victim)
  }

  /// A link at the final name is neither followed nor replaced.
  @Test func aLinkAtTheFinalNameIsRefused() throws {
    let t = try TestBundle(contract: LedgerTests.contract)
    defer { t.remove() }
    let victim = t.folder.appendingPathComponent("victim.txt").path
    let target = t.folder.appendingPathComponent("out.txt").path
    try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
    try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: victim)
    #expect(throws: AtomicFile.Failure.self) {
      try AtomicFile.write(Data("finished\n".utf8), to: target)
    }
    #expect(FileManager.default.contents(atPath: victim) == Data("precious\n".utf8))
    #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: target)) == victim)
  }

  @Test func aSecondRunOnABusyLedgerIsRefused() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    let held = try Ledger.open(f.ledger)
    let busy = try f.settle("2026Q2")
    #expect(busy.status == 1)
    #expect(busy.err.contains("is in use by another parkshare run"), "\(busy.err)")
    #expect(held.records.count == 1)
  }

  /// A readings file removed, grown, truncated or replaced after it was read, or a new one
  /// appearing, is an error: the sums and digests would no longer describe the data on disk.
  @Test(arguments: ["remove", "append", "truncate", "replace", "new-file", "none"])
  func aFileChangedWhileItIsReadIsCaught(change: String) throws {
    let t = try TestBundle(contract: LedgerTests.contract)
    defer { t.remove() }
    let dir = try t.bundle(
      "q",
      [
        "meters.csv": "meter,kind,interval\nE,on-grid-export,60\n",
        "readings.csv": "meter,timestamp,kwh\nE,2026-01-10T12:00:00+08:00,1500.5\n",
        "facts.csv": "fact,value,vintage\ngec_price,1000,2026\n",
      ])
    let readings = dir + "/readings.csv"
    let loaded = DataBundle.load(
      directory: dir, contract: t.contract, period: Period("2026Q1")!, threads: 2,
      chunkSize: DataBundle.defaultChunkSize, digests: true
    ) {
      let fm = FileManager.default
      switch change {
      case "remove": try? fm.removeItem(atPath: readings)
      case "append":
        let h = FileHandle(forWritingAtPath: readings)!
        h.seekToEndOfFile()
        h.write(Data("E,2026-02-10T12:00:00+08:00,1.0\n".utf8))
        h.closeFile()
      case "truncate": truncate(readings, 20)
      case "replace":
        let text = fm.contents(atPath: readings)!
        try? fm.removeItem(atPath: readings)
        _ = fm.createFile(atPath: readings, contents: text)
      case "new-file": _ = fm.createFile(atPath: dir + "/readings-late.csv", contents: Data())
      default: break
      }
    }
    let changed = loaded.diagnostics.filter { $0.id == .changedFile }
    if change == "none" {
      #expect(changed.isEmpty)
      #expect(loaded.bundle?.digests.count == 3)
    } else {
      #expect(loaded.bundle == nil, "\(change)")
      #expect(changed.count == 1, "\(change): \(loaded.diagnostics.map(\.message))")
      #expect(
        changed.first?.range.file.hasSuffix(
          change == "new-file" ? "readings-late.csv" : "readings.csv") == true)
    }
  }
}
