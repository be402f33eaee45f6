#pragma once
#include <vector>

#include "core/schema.hpp"

namespace forge::declarative {

/// True for the objects made before the tables that use them and dropped after them
/// (extensions, schemas, enums, sequences); functions, procedures, views and triggers, which use
/// tables, go the other way.
bool is_type_object(const core::SchemaObject& object);

/// The objects of `from` that `to` lacks or defines otherwise, of one phase (`types`: see
/// is_type_object), in the order that makes them: by kind, and each after the others its
/// definition mentions (a view on a view, a trigger on its function). Pointers into `from`.
std::vector<const core::SchemaObject*> changed_objects(const core::Schema& from,
                                                       const core::Schema& to, bool types);

}  // namespace forge::declarative
