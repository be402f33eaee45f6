#include "dialect/sqlite/flock_holder.hpp"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace forge::dialect::sqlite {

namespace {

constexpr std::size_t k_command_line_limit = 200;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// One line of /proc/locks: "12: FLOCK  ADVISORY  WRITE 4321 08:01:123456 0 EOF". Waiters
// carry "->" after the number and hold nothing.
struct LockLine {
  std::string kind;
  long pid = 0;
  FileIdentity file;
};

std::optional<LockLine> parse_line(const std::string& line) {
  std::istringstream fields(line);
  std::string number, kind, mode, access, where;
  LockLine parsed;
  if (!(fields >> number >> kind) || kind == "->") return std::nullopt;
  if (!(fields >> mode >> access >> parsed.pid >> where)) return std::nullopt;
  unsigned long inode = 0;
  if (std::sscanf(where.c_str(), "%x:%x:%lu", &parsed.file.major, &parsed.file.minor, &inode) !=
      3) {
    return std::nullopt;
  }
  parsed.kind = kind;
  parsed.file.inode = inode;
  return parsed;
}

// The command line of `pid`, its arguments joined by spaces; "" when it cannot be read.
std::string command_line(long pid) {
  std::string text = read_file("/proc/" + std::to_string(pid) + "/cmdline");
  while (!text.empty() && text.back() == '\0') text.pop_back();
  const auto program_end = text.find('\0');
  const auto folder_end = text.rfind('/', program_end);
  if (folder_end != std::string::npos) text.erase(0, folder_end + 1);
  for (char& c : text) {
    if (c == '\0') c = ' ';
  }
  if (text.size() > k_command_line_limit) text = text.substr(0, k_command_line_limit) + "...";
  return text;
}

}  // namespace

FileIdentity identity_of(const struct ::stat& status) {
  return {::major(status.st_dev), ::minor(status.st_dev),
          static_cast<unsigned long>(status.st_ino)};
}

std::optional<long> flock_holder_in(std::string_view proc_locks, const FileIdentity& file) {
  std::istringstream lines{std::string(proc_locks)};
  std::optional<long> same_inode;
  for (std::string line; std::getline(lines, line);) {
    const auto parsed = parse_line(line);
    if (!parsed || parsed->kind != "FLOCK" || parsed->file.inode != file.inode) continue;
    if (parsed->file.major == file.major && parsed->file.minor == file.minor) return parsed->pid;
    if (!same_inode) same_inode = parsed->pid;
  }
  return same_inode;
}

std::string describe_process(long pid) {
  const std::string command = command_line(pid);
  return "pid " + std::to_string(pid) + (command.empty() ? "" : " (" + command + ")");
}

std::string describe_flock_holder(const FileIdentity& file) {
  const auto pid = flock_holder_in(read_file("/proc/locks"), file);
  return pid ? describe_process(*pid) : "another process";
}

}  // namespace forge::dialect::sqlite
