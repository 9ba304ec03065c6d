import Foundation

/// Writes a file all or nothing: a temporary file beside it, every byte written, fsync, rename
/// over the final name, fsync of the folder. A crash at any step leaves the old state or the new
/// one; a failed step removes the temporary file. The ledger and every output go through here.
///
/// Nothing planted in the folder can redirect a write: the temporary file is created new
/// (`O_CREAT | O_EXCL | O_NOFOLLOW`) under a name no one can guess, so a symbolic link waiting
/// at it is never followed, and the final name is refused when it holds anything but a regular
/// file (a link there is neither followed nor replaced).
public enum AtomicFile {
  /// The steps of one write, in order: where `WriteFaults` can strike.
  public enum Step: String, Sendable, CaseIterable {
    case create, write, sync, rename
    case syncFolder = "sync-folder"
  }

  public struct Failure: Error, Sendable {
    public var path: String
    public var step: Step
    public var message: String
  }

  /// The temporary name for `path`: hidden, beside it (a rename never crosses file systems),
  /// this process's (its pid, so a later run can tell a dead run's file from a live one's) and
  /// unpredictable (64 random bits), so no one can have put a link there in advance.
  public static func temporaryPath(
    for path: String, pid: Int32 = getpid(), random: UInt64 = UInt64.random(in: .min ... .max)
  ) -> String {
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let hex = String(random, radix: 16)
    return (folder.isEmpty ? "" : folder + "/") + ".\(name).parkshare-tmp-\(pid)-"
      + String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// Removes what writes of `path` by processes no longer running left behind (a kill between
  /// create and rename); a live process's temporary file is left alone. Only names of the form
  /// `temporaryPath` makes are touched, and `unlink` removes a link, never what it points to.
  static func removeStale(for path: String) {
    let folder = (path as NSString).deletingLastPathComponent
    let prefix = "." + (path as NSString).lastPathComponent + ".parkshare-tmp-"
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
    for name in names where name.hasPrefix(prefix) {
      let tail = name.dropFirst(prefix.count).split(separator: "-")
      guard tail.count == 2, tail[1].count == 16, UInt64(tail[1], radix: 16) != nil,
        let pid = Int32(tail[0]), pid != getpid()
      else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH {
        unlink((folder.isEmpty ? "" : folder + "/") + name)
      }
    }
  }

  /// Why the final name cannot be written over: it holds a link, a folder, a FIFO...; nil when
  /// it is a regular file or free.
  public static func refusedTarget(_ path: String) -> String? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return RegularFile.kind(info.st_mode)
  }

  public static func write(_ data: Data, to path: String, faults: WriteFaults? = nil)
    throws(Failure)
  {
    try write(data, to: path, faults: faults) { temporaryPath(for: path) }
  }

  /// `write` with the temporary names drawn from `names` (a test plants a link at the first).
  static func write(
    _ data: Data, to path: String, faults: WriteFaults?, names: () -> String
  ) throws(Failure) {
    if let kind = refusedTarget(path) {
      throw Failure(
        path: path, step: .create, message: "it is \(kind); parkshare never writes over one")
    }
    removeStale(for: path)
    var temp = ""
    func fail(_ step: Step, _ code: Int32) -> Failure {
      if !temp.isEmpty { unlink(temp) }
      return Failure(path: path, step: step, message: String(cString: strerror(code)))
    }
    if let code = faults?.strike(.create) { throw fail(.create, code) }
    // A name already taken (only something planted can take a random name) is left as it is
    // and another is drawn.
    var fd: Int32 = -1
    for _ in 0..<8 {
      let name = names()
      fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
      if fd >= 0 {
        temp = name
        break
      }
      if errno != EEXIST && errno != ELOOP { break }
    }
    guard fd >= 0 else { throw fail(.create, errno) }
    var code: Int32? = faults?.strike(.write)
    if code == nil {
      code = data.withUnsafeBytes { raw -> Int32? in
        var done = 0
        while done < raw.count {
          let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
          if n < 0 && errno == EINTR { continue }
          if n <= 0 { return n < 0 ? errno : ENOSPC }
          done += n
        }
        return nil
      }
    }
    if let code {
      close(fd)
      throw fail(.write, code)
    }
    let syncCode = faults?.strike(.sync) ?? (fsync(fd) == 0 ? nil : errno)
    close(fd)
    if let syncCode { throw fail(.sync, syncCode) }
    if let code = faults?.strike(.rename) { throw fail(.rename, code) }
    // `rename` replaces the final name itself: were a link put there since the check above, the
    // link would be replaced, never followed.
    guard rename(temp, path) == 0 else { throw fail(.rename, errno) }
    // The rename is durable once the folder is synced; a failure here leaves the new file in
    // place, complete, so it is not taken back.
    _ = faults?.strike(.syncFolder)
    let folder = (path as NSString).deletingLastPathComponent
    let dir = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dir >= 0 {
      fsync(dir)
      close(dir)
    }
  }
}

/// Failure injection for tests: the `n`th write step of a run (counting every `AtomicFile.Step`
/// of every file, from 1) kills the process or fails with an errno, as a full disk, a denied
/// permission or a crash would. Set by the command line from `PARKSHARE_FAULT`
/// (`kill@3`, `enospc@5`, `eacces@1`); never in normal use.
public final class WriteFaults: @unchecked Sendable {
  public enum Action: Sendable, Equatable {
    case kill
    case fail(Int32)
  }
  let action: Action
  let at: Int
  /// Single-threaded by use: outputs and the ledger are written one after another.
  private(set) var steps = 0

  public init(action: Action, at: Int) {
    self.action = action
    self.at = at
  }

  /// `kill@N`, `enospc@N`, `eacces@N`, `eio@N`.
  public convenience init?(_ text: String) {
    let parts = text.split(separator: "@")
    guard parts.count == 2, let n = Int(parts[1]), n >= 1 else { return nil }
    switch parts[0] {
    case "kill": self.init(action: .kill, at: n)
    case "enospc": self.init(action: .fail(ENOSPC), at: n)
    case "eacces": self.init(action: .fail(EACCES), at: n)
    case "eio": self.init(action: .fail(EIO), at: n)
    default: return nil
    }
  }

  /// Counts a step; at the chosen one, kills the process or returns the errno to fail with.
  func strike(_ step: AtomicFile.Step) -> Int32? {
    steps += 1
    guard steps == at else { return nil }
    switch action {
    case .kill:
      kill(getpid(), SIGKILL)
      return EINTR  // not reached
    case .fail(let code): return code
    }
  }
}
