#include "owned_servers.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>

#include "process.hpp"

#ifndef FORGE_SERVERS_SCRIPT
#error "FORGE_SERVERS_SCRIPT must name tests/servers/throwaway-servers"
#endif

namespace forge::fault {

namespace fs = std::filesystem;

namespace {

// A port nobody listens on now (the kernel's pick); the servers bind it a moment later.
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  const bool ok = fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), length) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  if (fd >= 0) ::close(fd);
  if (!ok) throw std::runtime_error("cannot find a free port");
  return ntohs(address.sin_port);
}

// The value of `export NAME='value'` in the script's output.
std::string exported(const std::string& output, const std::string& name) {
  const std::string prefix = "export " + name + "='";
  const auto at = output.find(prefix);
  if (at == std::string::npos)
    throw std::runtime_error("the servers' script did not print " + name);
  const auto start = at + prefix.size();
  return output.substr(start, output.find('\'', start) - start);
}

fs::path make_folder() {
  std::string pattern = (fs::temp_directory_path() / "forge-fault-servers.XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  // PostgreSQL runs as its own account and must reach its folder.
  fs::permissions(pattern, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec);
  return pattern;
}

std::string server_name(const std::string& dialect) {
  if (dialect == "postgres") return "postgres";
  if (dialect == "mysql") return "mariadb";
  throw std::invalid_argument("no server for dialect " + dialect);
}

}  // namespace

OwnedServers::OwnedServers(Which which) : m_folder(make_folder()) {
  const std::string output =
      script({"start", m_folder.string()}, which == Which::postgres_only ? "postgres" : "",
             which == Which::both_with_tls);
  m_postgres_url = exported(output, "FORGE_TEST_POSTGRES_URL");
  if (which != Which::postgres_only) m_mysql_url = exported(output, "FORGE_TEST_MYSQL_URL");
}

OwnedServers::~OwnedServers() {
  try {
    script({"stop", m_folder.string()});
  } catch (...) {
    // Nothing more to do: the folder goes anyway.
  }
  std::error_code ignored;
  fs::remove_all(m_folder, ignored);
}

const std::string& OwnedServers::admin_url(const std::string& dialect) const {
  return server_name(dialect) == "postgres" ? m_postgres_url : m_mysql_url;
}

void OwnedServers::kill(const std::string& dialect) const {
  script({"kill", m_folder.string(), server_name(dialect)});
}

void OwnedServers::restart(const std::string& dialect) const {
  script({"restart", m_folder.string(), server_name(dialect)});
}

std::string OwnedServers::start_standby() const {
  return exported(script({"standby", m_folder.string()}), "FORGE_TEST_STANDBY_URL");
}

void OwnedServers::promote_standby() const { script({"promote", m_folder.string()}); }

std::string OwnedServers::script(const std::vector<std::string>& args, const std::string& only,
                                 bool tls) const {
  e2e::ProcessSpec spec;
  spec.argv = {FORGE_SERVERS_SCRIPT};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.cwd = m_folder;
  if (args.front() == "start") {
    const int postgres_port = free_port();
    int mysql_port = free_port();
    while (mysql_port == postgres_port) mysql_port = free_port();
    spec.env = {{"FORGE_TEST_PG_PORT", std::to_string(postgres_port)},
                {"FORGE_TEST_MY_PORT", std::to_string(mysql_port)},
                {"FORGE_TEST_SERVERS", only},
                {"FORGE_TEST_TLS", tls ? "1" : ""}};
  }
  if (args.front() == "standby")
    spec.env = {{"FORGE_TEST_STANDBY_PORT", std::to_string(free_port())}};
  spec.timeout = std::chrono::minutes(5);  // the first start may install the servers
  const auto result = e2e::run_process(spec);
  if (result.exit_code != 0) {
    throw std::runtime_error("throwaway-servers " + args.front() + " failed:" + result.err +
                             result.out);
  }
  return result.out;
}

}  // namespace forge::fault
