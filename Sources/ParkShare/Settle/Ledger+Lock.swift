import Foundation

extension Ledger {
  /// A lock on the ledger's `.lock` file, held from open until the `Ledger` value is gone (or
  /// the process ends: the kernel releases it): exclusive for a run that writes, shared for
  /// readers. Two settle runs would otherwise both append record N, and the second rename would
  /// replace the first; a reader could see a record whose HEAD is not yet written.
  final class Lock: Sendable {
    let fd: Int32

    init(_ directory: String, exclusive: Bool) throws(Refusal) {
      let fd = Foundation.open(directory + "/.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      // A read-only ledger (an archived copy) cannot be written by anyone: read it unlocked.
      if fd < 0 && !exclusive && (errno == EACCES || errno == EROFS) {
        self.fd = -1
        return
      }
      guard fd >= 0 else {
        throw Refusal(
          message: "cannot open '\(directory)/.lock': \(String(cString: strerror(errno)))",
          hint: "check the ledger folder's permissions")
      }
      guard flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0 else {
        close(fd)
        throw Refusal(
          message: "the ledger '\(directory)' is in use by another parkshare run",
          hint: "wait for it to finish, then run again")
      }
      self.fd = fd
    }

    deinit { if fd >= 0 { close(fd) } }
  }
}
