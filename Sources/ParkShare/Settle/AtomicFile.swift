import Foundation

/// Writes a file all or nothing: a temporary file beside it, every byte written, fsync, rename
/// over the final name, fsync of the folder. A crash at any step leaves the old state or the new
/// one; a failed step removes the temporary file. The ledger and every output go through here.
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
  /// and this process's own, so two runs writing the same file never share one.
  public static func temporaryPath(for path: String, pid: Int32 = getpid()) -> String {
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    return (folder.isEmpty ? "" : folder + "/") + ".\(name).parkshare-tmp-\(pid)"
  }

  /// Removes what writes of `path` by processes no longer running left behind (a kill between
  /// create and rename); a live process's temporary file is left alone.
  static func removeStale(for path: String) {
    let folder = (path as NSString).deletingLastPathComponent
    let prefix = "." + (path as NSString).lastPathComponent + ".parkshare-tmp-"
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
    for name in names where name.hasPrefix(prefix) {
      guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH {
        unlink((folder.isEmpty ? "" : folder + "/") + name)
      }
    }
  }

  public static func write(_ data: Data, to path: String, faults: WriteFaults? = nil)
    throws(Failure)
  {
    removeStale(for: path)
    let temp = temporaryPath(for: path)
    func fail(_ step: Step, _ code: Int32) -> Failure {
      unlink(temp)
      return Failure(path: path, step: step, message: String(cString: strerror(code)))
    }
    if let code = faults?.strike(.create) { throw fail(.create, code) }
    let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
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
    guard rename(temp, path) == 0 else { throw fail(.rename, errno) }
    // The rename is durable once the folder is synced; a failure here leaves the new file in
    // place, complete, so it is not taken back.
    _ = faults?.strike(.syncFolder)
    let folder = (path as NSString).deletingLastPathComponent
    let dir = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
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
