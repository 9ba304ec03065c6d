import Foundation

/// A part's pieces produced ahead of their reader on a thread of their own: inflating and
/// checking the CRC-32 of one piece overlaps with tokenizing the one before, so a sheet reads
/// in about the time of the slower of the two instead of their sum. At most `depth` pieces
/// wait (memory stays bounded); they come out in order, and an error comes out where it
/// happened, after the pieces before it. Dropping the prefetcher stops its thread.
final class PiecePrefetcher {
  private let state: State

  init(depth: Int = 4, produce: @escaping () throws(XlsxError) -> [UInt8]?) {
    state = State(depth: depth)
    let state = state
    let producer = Producer(produce: produce)
    let thread = Thread {
      while true {
        let result: Result<[UInt8]?, XlsxError>
        do throws(XlsxError) {
          result = .success(try producer.produce())
        } catch {
          result = .failure(error)
        }
        guard state.put(result) else { return }
        if case .success(.some) = result { continue }
        return
      }
    }
    thread.start()
  }

  deinit { state.cancel() }

  /// The next piece, nil after the last.
  func next() throws(XlsxError) -> [UInt8]? {
    try state.take().get()
  }

  /// The producing closure, used by the producer thread alone once it has started.
  private struct Producer: @unchecked Sendable {
    let produce: () throws(XlsxError) -> [UInt8]?
  }

  /// The queue between the two threads, guarded by its condition.
  private final class State: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Result<[UInt8]?, XlsxError>] = []
    private var cancelled = false
    /// The last result (the end or an error), once taken.
    private var last: Result<[UInt8]?, XlsxError>?
    private let depth: Int

    init(depth: Int) { self.depth = max(1, depth) }

    /// Adds a result, waiting while `depth` wait; false once the reader has gone.
    func put(_ result: Result<[UInt8]?, XlsxError>) -> Bool {
      condition.lock()
      defer { condition.unlock() }
      while queue.count >= depth && !cancelled { condition.wait() }
      if cancelled { return false }
      queue.append(result)
      condition.broadcast()
      return true
    }

    func take() -> Result<[UInt8]?, XlsxError> {
      condition.lock()
      defer { condition.unlock() }
      // After the last piece (or an error) nothing more comes: repeat it.
      if let last { return last }
      while queue.isEmpty { condition.wait() }
      // At most `depth` wait: taking from the front costs no more than moving those.
      let result = queue.removeFirst()
      if case .success(.some) = result {} else { last = result }
      condition.broadcast()
      return result
    }

    func cancel() {
      condition.lock()
      cancelled = true
      condition.broadcast()
      condition.unlock()
    }
  }
}
