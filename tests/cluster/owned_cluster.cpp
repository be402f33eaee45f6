#include "owned_cluster.hpp"

#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "process.hpp"

namespace forge::cluster {

namespace fs = std::filesystem;

namespace {

fs::path make_folder() {
  std::string pattern = (fs::temp_directory_path() / "forge-galera.XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  // As root the nodes run as 'mysql', which must reach the folder.
  fs::permissions(pattern, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec);
  return pattern;
}

std::vector<std::string> urls_in(const std::string& output) {
  const std::string prefix = "export FORGE_TEST_GALERA_URLS='";
  const auto at = output.find(prefix);
  if (at == std::string::npos) throw std::runtime_error("throwaway-galera printed no URLs");
  const auto start = at + prefix.size();
  std::stringstream list(output.substr(start, output.find('\'', start) - start));
  std::vector<std::string> urls;
  for (std::string url; std::getline(list, url, ',');) urls.push_back(url);
  if (urls.size() != 3) throw std::runtime_error("throwaway-galera printed no 3 URLs");
  return urls;
}

e2e::ProcessResult checked(const e2e::ProcessSpec& spec, const std::string& what) {
  auto result = e2e::run_process(spec);
  if (result.exit_code != 0) {
    throw std::runtime_error(what + " failed (exit " + std::to_string(result.exit_code) +
                             "): " + result.err + result.out);
  }
  return result;
}

}  // namespace

OwnedCluster::OwnedCluster() : m_folder(make_folder()) {
  m_urls = urls_in(script({"start", m_folder.string()}));
}

OwnedCluster::~OwnedCluster() {
  try {
    script({"stop", m_folder.string()});
  } catch (...) {
    // Nothing more to do: the folder goes anyway.
  }
  std::error_code ignored;
  fs::remove_all(m_folder, ignored);
}

std::string OwnedCluster::url(int n, const std::string& database) const {
  const std::string& base = m_urls.at(static_cast<std::size_t>(n - 1));
  return base.substr(0, base.rfind('/') + 1) + database;
}

std::string OwnedCluster::sql(int n, const std::string& sql) const {
  e2e::ProcessSpec spec;
  spec.argv = {"/usr/bin/mariadb",
               "--no-defaults",
               "-uroot",
               "--socket=" + (m_folder / ("node" + std::to_string(n)) / "mysqld.sock").string(),
               "-N",
               "-B",
               "-e",
               sql};
  spec.cwd = m_folder;
  return checked(spec, "SQL on node " + std::to_string(n)).out;
}

void OwnedCluster::node(const std::string& verb, int n) const {
  script({verb, m_folder.string(), std::to_string(n)});
}

std::string OwnedCluster::script(const std::vector<std::string>& args) const {
  e2e::ProcessSpec spec;
  spec.argv = {FORGE_GALERA_SCRIPT};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.cwd = m_folder;
  spec.timeout = std::chrono::minutes(5);  // the first start may install the packages
  return checked(spec, "throwaway-galera " + args.front()).out;
}

}  // namespace forge::cluster
