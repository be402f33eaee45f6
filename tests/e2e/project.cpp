#include "project.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#ifndef FORGE_BINARY
#error "FORGE_BINARY must name the built forge executable"
#endif

namespace forge::e2e {

namespace fs = std::filesystem;

namespace {

fs::path make_temp_folder() {
  std::string pattern = (fs::temp_directory_path() / "forge-e2e-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  // Canonical, so paths printed by forge compare equal to ours (/tmp may be a symlink).
  return fs::canonical(pattern);
}

ProcessSpec forge_spec(const fs::path& cwd, const std::vector<std::string>& args,
                       const EnvChanges& env) {
  ProcessSpec spec;
  spec.argv.push_back(FORGE_BINARY);
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.cwd = cwd;
  spec.env = env;
  return spec;
}

}  // namespace

Project::Project() : m_root(make_temp_folder()) {}

Project::~Project() {
  std::error_code ignored;
  fs::remove_all(m_root, ignored);
}

fs::path Project::path(const fs::path& relative) const { return m_root / relative; }

ProcessResult Project::forge(const std::vector<std::string>& args, const EnvChanges& env,
                             std::chrono::milliseconds timeout) const {
  ProcessSpec spec = forge_spec(m_root, args, env);
  spec.timeout = timeout;
  return run_process(spec);
}

ProcessResult Project::forge_redirected(const std::vector<std::string>& args,
                                        const std::string& redirections) const {
  ProcessSpec spec = forge_spec(m_root, args, {});
  // sh -c 'exec "$0" "$@" >&-' forge args...: the arguments pass unquoted, as given.
  spec.argv.insert(spec.argv.begin(), {"/bin/sh", "-c", "exec \"$0\" \"$@\" " + redirections});
  return run_process(spec);
}

ProcessResult Project::forge_with_stderr_on_terminal(const std::vector<std::string>& args,
                                                     const EnvChanges& env) const {
  ProcessSpec spec = forge_spec(m_root, args, env);
  spec.stderr_on_terminal = true;
  return run_process(spec);
}

std::unique_ptr<Process> Project::start_forge(const std::vector<std::string>& args,
                                              const EnvChanges& env) const {
  return std::make_unique<Process>(forge_spec(m_root, args, env));
}

void Project::write(const fs::path& relative, std::string_view text) const {
  const fs::path target = path(relative);
  fs::create_directories(target.parent_path());
  std::ofstream file(target, std::ios::binary | std::ios::trunc);
  file.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!file) throw std::runtime_error("cannot write " + target.string());
}

std::string Project::read(const fs::path& relative) const {
  std::ifstream file(path(relative), std::ios::binary);
  if (!file) throw std::runtime_error("cannot read " + path(relative).string());
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

bool Project::exists(const fs::path& relative) const { return fs::exists(path(relative)); }

void Project::remove(const fs::path& relative) const { fs::remove_all(path(relative)); }

std::vector<std::string> Project::list(const fs::path& relative) const {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(path(relative))) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace forge::e2e
