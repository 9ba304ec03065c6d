import Foundation

/// Opening an input: regular files only. A FIFO given as a readings file (or a contract, a
/// registry, facts, a scenario) would block the open until some writer appears, that is forever;
/// `/dev/zero` never ends; a socket or a directory means nothing. Each is refused, by name,
/// before a byte of it is read. Every input of parkshare is opened here.
public enum RegularFile {
  /// Why a file cannot be opened as an input.
  public enum Problem: Error, Equatable {
    /// It does not exist, or cannot be opened (permissions).
    case unreadable
    /// It exists but is not a regular file: "a FIFO", "a character device", ...
    case notRegular(kind: String)
  }

  /// What a file of mode `mode` is, in words, when it is not a regular file; nil when it is.
  public static func kind(_ mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: nil
    case S_IFIFO: "a FIFO (named pipe)"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFSOCK: "a socket"
    case S_IFDIR: "a directory"
    case S_IFLNK: "a symbolic link"
    default: "a special file"
    }
  }

  /// Opens `path` for reading: the descriptor of a regular file (reads block as usual), or why
  /// not. `followLinks: false` refuses a symbolic link at `path` itself (for files parkshare
  /// is about to replace).
  public static func open(_ path: String, followLinks: Bool = true) -> Result<Int32, Problem> {
    // Judged by its name first, so a device is never even opened (opening one can act: a tape
    // rewinds, a terminal is taken).
    var info = stat()
    let found = followLinks ? stat(path, &info) : lstat(path, &info)
    guard found == 0 else { return .failure(.unreadable) }
    if let kind = kind(info.st_mode) { return .failure(.notRegular(kind: kind)) }
    // O_NONBLOCK: a FIFO put in its place since the stat does not block the open; the fstat
    // below then judges the file actually opened.
    let flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW)
    let fd = Foundation.open(path, flags)
    guard fd >= 0 else {
      return .failure(errno == ELOOP ? .notRegular(kind: "a symbolic link") : .unreadable)
    }
    guard fstat(fd, &info) == 0 else {
      close(fd)
      return .failure(.unreadable)
    }
    if let kind = kind(info.st_mode) {
      close(fd)
      return .failure(.notRegular(kind: kind))
    }
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
    return .success(fd)
  }

  /// Reads the whole regular file at `path`, at most `maxBytes`: its size is checked before a
  /// byte is read, and a file that grows while it is read (or a `/proc` file, which says it
  /// is empty) is held to the same bound as it is read.
  public static func read(
    _ path: String, maxBytes: Int, followLinks: Bool = true
  ) -> Result<Data, Limits.ReadProblem> {
    let fd: Int32
    switch open(path, followLinks: followLinks) {
    case .success(let d): fd = d
    case .failure(.notRegular(let kind)): return .failure(.notRegular(kind: kind))
    case .failure(.unreadable): return .failure(.unreadable)
    }
    defer { close(fd) }
    var info = stat()
    fstat(fd, &info)
    if Int(info.st_size) > maxBytes { return .failure(.tooLarge(bytes: Int(info.st_size))) }
    var data = Data()
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n >= 0 else { return .failure(.unreadable) }
      if n == 0 { break }
      data.append(contentsOf: chunk[0..<n])
      if data.count > maxBytes { return .failure(.tooLarge(bytes: data.count)) }
    }
    return .success(data)
  }
}
