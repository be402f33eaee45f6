#pragma once
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "process.hpp"

namespace forge::e2e {

/// A fresh temporary folder holding one user's project, removed when the object goes away.
/// Paths given to its methods are relative to the folder.
class Project {
 public:
  /// Creates an empty folder under the system's temporary directory.
  Project();
  ~Project();
  Project(const Project&) = delete;
  Project& operator=(const Project&) = delete;

  const std::filesystem::path& root() const noexcept { return m_root; }
  /// The absolute path of `relative`.
  std::filesystem::path path(const std::filesystem::path& relative) const;

  /// Runs the built forge binary in this folder with `args`, in a clean environment plus `env`;
  /// kills it once `timeout` has passed.
  ProcessResult forge(const std::vector<std::string>& args, const EnvChanges& env = {},
                      std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;
  /// Like forge(), with stderr on a pseudo-terminal, as in an interactive shell.
  ProcessResult forge_with_stderr_on_terminal(const std::vector<std::string>& args,
                                              const EnvChanges& env = {}) const;
  /// Like forge(), through `/bin/sh` with `redirections` after the command (">&-" closes
  /// stdout, ">/dev/full" fills it); what stays open is still captured.
  ProcessResult forge_redirected(const std::vector<std::string>& args,
                                 const std::string& redirections) const;
  /// Starts forge without waiting for it (for concurrent runs).
  std::unique_ptr<Process> start_forge(const std::vector<std::string>& args,
                                       const EnvChanges& env = {}) const;

  /// Writes `text` to `relative`, creating its folders; replaces an existing file.
  void write(const std::filesystem::path& relative, std::string_view text) const;
  /// The whole content of `relative`; throws when it cannot be read.
  std::string read(const std::filesystem::path& relative) const;
  bool exists(const std::filesystem::path& relative) const;
  /// Removes the file or folder `relative` (recursively).
  void remove(const std::filesystem::path& relative) const;
  /// Names of the entries of folder `relative`, sorted.
  std::vector<std::string> list(const std::filesystem::path& relative) const;

 private:
  std::filesystem::path m_root;
};

}  // namespace forge::e2e
