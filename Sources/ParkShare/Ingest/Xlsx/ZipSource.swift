import Foundation

/// The bytes of an archive, read at any offset: a file through `pread` (never read whole), or
/// bytes in memory (tests, the fuzzer).
protocol ZipSource: AnyObject {
  var size: Int { get }
  /// `count` bytes at `offset`; fewer only if the file ends (or shrank) first.
  func read(at offset: Int, count: Int) throws(ZipError) -> [UInt8]
}

final class FileZipSource: ZipSource {
  private let fd: Int32
  let size: Int

  init(path: String) throws(ZipError) {
    switch RegularFile.open(path) {
    case .success(let d): fd = d
    case .failure(.unreadable): throw .unreadable("cannot be opened")
    case .failure(.notRegular(let kind)): throw .unreadable("is \(kind), not a file")
    }
    var info = stat()
    fstat(fd, &info)
    size = Int(info.st_size)
  }

  deinit { close(fd) }

  func read(at offset: Int, count: Int) throws(ZipError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    var done = 0
    while done < count {
      let n = bytes.withUnsafeMutableBytes {
        pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done))
      }
      if n < 0 && errno == EINTR { continue }
      if n < 0 { throw .unreadable("read failed") }
      if n == 0 { break }
      done += n
    }
    if done < count { bytes.removeLast(count - done) }
    return bytes
  }
}

final class MemoryZipSource: ZipSource {
  private let bytes: [UInt8]
  var size: Int { bytes.count }

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  func read(at offset: Int, count: Int) throws(ZipError) -> [UInt8] {
    let start = min(max(0, offset), bytes.count)
    return Array(bytes[start..<min(bytes.count, start + max(0, count))])
  }
}
