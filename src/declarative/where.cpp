#include "declarative/where.hpp"

namespace forge::declarative {

std::string_view operator_name(WhereOperator op) {
  switch (op) {
    case WhereOperator::eq:
      return "eq";
    case WhereOperator::ne:
      return "ne";
    case WhereOperator::gt:
      return "gt";
    case WhereOperator::gte:
      return "gte";
    case WhereOperator::lt:
      return "lt";
    case WhereOperator::lte:
      return "lte";
    case WhereOperator::in:
      return "in";
    case WhereOperator::not_in:
      return "notIn";
    case WhereOperator::like:
      return "like";
    case WhereOperator::is:
      return "is";
    case WhereOperator::is_not:
      return "not";
  }
  return "eq";
}

}  // namespace forge::declarative
