#pragma once
#include "cli/unit_writer.hpp"

namespace forge::cli {

/// `migration:generate --from-schema FILE [--rename a=b ...]`: plans the declarative unit taking
/// the schema the units make (replayed on a scratch database) to FILE's (a YAML or SQL dump),
/// writes it as a new YAML unit and prints its path, then each destructive step on stderr as
/// `warning: <file>: destructive: ...`. Writes nothing and says "nothing to do" when the schemas
/// are equal.
void generate_from_schema(const GlobalOptions& options, const GenerateRequest& request,
                          const GeneratorCommand& spec);

}  // namespace forge::cli
