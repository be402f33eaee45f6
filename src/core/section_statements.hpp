#pragma once
#include <atomic>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "core/statement.hpp"

namespace forge::core {

/// Statements read from their file each time they are gone through, never all held: the
/// section of a unit too large to keep in memory (issue 16: a 1 GB data unit).
class StatementStream {
 public:
  virtual ~StatementStream() = default;
  /// Gives `each` every statement in order until it returns false; throws what the split throws
  /// (MigrationFileError at file:line).
  virtual void for_each(const std::function<bool(const Statement&)>& each) const = 0;
  /// Gives `each` statements enough to tell every kind of statement the section holds (the
  /// runner's look before it runs a section needs kinds, not values): every one, by default; a
  /// stream of many statements of one shape whose every flaw its reader has refused already (a
  /// bulkInsert's INSERTs) may give one of them.
  virtual void for_each_kind(const std::function<bool(const Statement&)>& each) const {
    for_each(each);
  }
};

/// A section's statements, split from its text only when first read: a status or a no-op
/// migrate needs the units' names and checksums, never their statements (issue 16). Reads are
/// const because units are shared read-only; the first read of a deferred split throws what the
/// split throws (MigrationFileError at file:line), and the runner reads every step's statements
/// before the first step runs, so a malformed pending unit still stops the run before any SQL;
/// a streamed section is read as it runs (its flaw then fails its transaction), except for a run
/// outside a transaction, which reads all its statements first.
/// Reads are safe from several threads at once (a fleet's workers share one set of units);
/// push_back is a write, as on a vector.
class SectionStatements {
 public:
  /// Gives the statements of a section's text.
  using Split = std::function<std::vector<Statement>()>;

  SectionStatements() = default;
  /// Statements known already (rendered from a declarative unit, or built by a test); implicit
  /// so a section is built as before, from a vector or `{}`.
  SectionStatements(std::vector<Statement> statements)  // NOLINT(google-explicit-constructor)
      : m_statements(std::move(statements)) {}
  /// Statements known already, written out (`= {Statement{...}, Statement{...}}`).
  SectionStatements(std::initializer_list<Statement> statements) : m_statements(statements) {}
  /// Statements that `split` gives on the first read.
  static SectionStatements deferred(Split split);
  /// Statements read from `stream` each time they are gone through (visit); the vector reads
  /// below still work, holding them all.
  static SectionStatements streamed(std::shared_ptr<const StatementStream> stream);

  /// Gives `each` every statement in order, until it returns false, without holding them all
  /// when they are streamed. The way through a section that may be large.
  void visit(const std::function<bool(const Statement&)>& each) const;
  /// visit(), except that a stream may leave out statements of a shape it gave already (see
  /// StatementStream::for_each_kind): the way to learn what kinds of statement a section holds.
  void visit_kinds(const std::function<bool(const Statement&)>& each) const;
  /// Whether the statements are read from their file each time (a large unit).
  bool is_streamed() const noexcept;

  /// Every statement, in order; splits on the first call and throws what the split throws.
  const std::vector<Statement>& all() const;
  /// Whether the statements are known without a split still to run.
  bool is_split() const noexcept { return m_pending == nullptr || m_pending->ready; }

  /// Read access as a vector's, each splitting first when needed.
  using value_type = Statement;
  using const_iterator = std::vector<Statement>::const_iterator;
  using iterator = const_iterator;
  operator const std::vector<Statement>&() const {  // NOLINT(google-explicit-constructor)
    return all();
  }
  std::size_t size() const { return all().size(); }
  bool empty() const { return all().empty(); }
  const Statement& operator[](std::size_t i) const { return all()[i]; }
  const Statement& at(std::size_t i) const { return all().at(i); }
  const Statement& front() const { return all().front(); }
  const Statement& back() const { return all().back(); }
  const_iterator begin() const { return all().begin(); }
  const_iterator end() const { return all().end(); }

  /// Appends `statement` after the statements there are (splitting first when deferred).
  void push_back(Statement statement);

 private:
  // What a deferred or streamed section fills in on its first full read. Copies share it: the
  // split gives the same statements whichever copy asks, so it runs once for them all, under
  // the mutex, and `statements` never changes once `ready` is set.
  struct Pending {
    std::mutex mutex;
    Split split;                                    ///< kept until it succeeds
    std::shared_ptr<const StatementStream> stream;  ///< null for a deferred split
    std::vector<Statement> statements;              ///< filled once, then read only
    std::atomic<bool> ready{false};                 ///< `statements` holds them all
  };
  const std::vector<Statement>& fill() const;

  std::vector<Statement> m_statements;  ///< the statements when known from the start
  std::shared_ptr<Pending> m_pending;   ///< null when known from the start
};

}  // namespace forge::core
