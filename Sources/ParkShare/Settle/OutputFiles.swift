import Foundation

/// Writing output files: all or none, each atomically (a temporary file renamed into place), and
/// never over an existing file with different content (what was written is a record) or over
/// anything but a regular file.
/// `faults` injects failures for tests (`PARKSHARE_FAULT=kill@3`, see `WriteFaults`): every
/// write of a run, outputs and ledger alike, counts towards the step it strikes at.
public enum OutputFiles {
  /// Writes every `(path, data)`; nothing at all when any target holds something else or any
  /// write fails (files this call wrote are removed again). Returns the files it wrote.
  public static func write(_ files: [(path: String, data: Data)], faults: WriteFaults? = nil)
    -> Result<[String], Diagnostic>
  {
    var pending: [(String, Data)] = []
    for (path, data) in files {
      // A link (or a FIFO, a folder) at a final name is neither followed nor replaced: a link
      // planted there would send the statement into any file the user can write.
      if let kind = AtomicFile.refusedTarget(path) { return .failure(unsafe(path, kind)) }
      // The existing file is read without following a link, and no further than `data`.
      switch RegularFile.read(path, maxBytes: data.count, followLinks: false) {
      case .success(let existing) where existing == data: continue
      case .failure(.unreadable) where !exists(path): pending.append((path, data))
      default:
        return .failure(
          .error(
            .wouldOverwrite, "'\(path)' already exists with other content; nothing was written",
            at: .whole(path),
            hint: "choose another path, or remove the old file if it is not a record"))
      }
    }
    var written: [String] = []
    for (path, data) in pending {
      do {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
          try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true)
        }
        try AtomicFile.write(data, to: path, faults: faults)
        written.append(path)
      } catch {
        remove(written)
        return .failure(unwritable(path, error))
      }
    }
    return .success(written)
  }

  /// Whether anything at all stands at `path` (a dangling link too).
  public static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  /// The diagnostic for a final name that holds a link, a FIFO, a folder...
  public static func unsafe(_ path: String, _ kind: String) -> Diagnostic {
    .error(
      .unsafeOutput, "'\(path)' is \(kind), not a regular file; nothing was written",
      at: .whole(path),
      hint: "parkshare never writes through or over a link: remove it or choose another path")
  }

  /// The diagnostic for a file that could not be written (nothing of it is left behind).
  public static func unwritable(_ path: String, _ error: any Error) -> Diagnostic {
    let reason =
      (error as? AtomicFile.Failure).map { "\($0.step.rawValue): \($0.message)" }
      ?? error.localizedDescription
    return .error(
      .unwritableFile, "cannot write '\(path)' (\(reason)); nothing was written",
      at: .whole(path), hint: "free disk space or fix the folder's permissions, then run again")
  }

  /// Takes back files a command wrote before a later step failed.
  public static func remove(_ paths: [String]) {
    for p in paths { try? FileManager.default.removeItem(atPath: p) }
  }
}
