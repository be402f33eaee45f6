#pragma once
#include <string>
#include <string_view>

namespace forge::util {

/// `text` with every credential masked as `***` where its structure shows it, before any message
/// leaves forge (stdout, stderr, --json): the password in the user info of anything URL-shaped
/// (`scheme://user:PASSWORD@host`, found up to the last `@` of the URL, so a `?`, `/` or `@` in
/// the password does not end it early) and the value of every password-like key
/// (`password=`, `?pwd=`, `sslpassword='...'`, `PGPASSWORD=`, `"password": "..."`).
/// Ordinary words that happen to equal a password are left alone. Thread-safe.
std::string redact(std::string_view text);

/// True for keys whose value is a secret: `password`, `sslpassword`, `PGPASSWORD`, `db_passwd`,
/// `pwd`, `pass` (compared without regard to case).
bool is_password_key(std::string_view key);

/// `text`, one whole URL as the user wrote it (perhaps unparsable), with its credentials masked
/// as `redact` does; the whole text is the URL, so a password with a space is masked too.
std::string redact_url(std::string_view text);

}  // namespace forge::util
