#pragma once
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

#include "declarative/renderer.hpp"
#include "declarative/streamed_unit.hpp"

namespace forge::dialect {

/// The INSERTs of one streamed bulkInsert, its rows read and rendered on a thread of their own a
/// few statements ahead of the one being run: the next batch is written while the database runs
/// the current one (on a server the client would otherwise wait; SQLite's work is on the other
/// core). Holds at most k_ready statements, so memory stays bounded whatever the rows. Each row
/// read goes into `hash` when given (on that thread: the caller leaves it alone until the
/// InsertsAhead is gone).
class InsertsAhead {
 public:
  InsertsAhead(const declarative::StreamedUnit& unit, const declarative::StreamedList& list,
               const declarative::StreamedRows& rows, const declarative::SqlRenderer& renderer,
               declarative::UpListHash* hash = nullptr);
  /// Stops the thread (the rows not yet read stay unread) and waits for it.
  ~InsertsAhead();
  InsertsAhead(const InsertsAhead&) = delete;
  InsertsAhead& operator=(const InsertsAhead&) = delete;

  /// The next INSERT into `text` and the line of its first row into `line`; false when every
  /// one was given. Throws what reading or rendering the rows threw (MigrationFileError).
  bool next(std::string& text, int& line);

 private:
  struct Insert {
    std::string text;
    int line;
  };
  static constexpr std::size_t k_ready = 2;

  void produce(const declarative::StreamedUnit& unit, const declarative::StreamedList& list,
               const declarative::StreamedRows& rows, const declarative::SqlRenderer& renderer,
               declarative::UpListHash* hash);
  bool offer(std::string text, int line);

  std::mutex m_mutex;  // guards the members below
  std::condition_variable m_changed;
  std::deque<Insert> m_ready;
  bool m_finished = false;  // every INSERT was offered, or reading failed
  bool m_stopping = false;  // the reader wants no more
  std::exception_ptr m_error;
  std::thread m_thread;  // last: started once the members above exist
};

}  // namespace forge::dialect
